package dev.eddy.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadMode;
import dev.eddy.store.Store;
import dev.eddy.store.StoreContractTest;
import dev.eddy.store.Transaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on RocksDB, reopening the same directory for the durability tests; and what
 * RocksDB's {@link ReadMode#LATEST} does beyond the contract: no snapshot until the first scan.
 */
class RocksDbStoreTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return RocksDbStore.open(dir.resolve("db"), Durability.PROCESS);
    }

    @Override
    protected Store reopen(Store store) {
        store.close();
        return RocksDbStore.open(dir.resolve("db"), Durability.PROCESS);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void commit(String key, String value) {
        store.run(tx -> {
            tx.put(b(key), b(value));
            return null;
        });
    }

    private static List<String> keys(List<KeyValue> kvs) {
        return kvs.stream()
                .map(kv -> new String(kv.key(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void latestTransactionReadsAndCommitsOnWhatWasCommittedAfterItBegan() {
        commit("k", "old");
        try (Transaction tx = store.begin(ReadMode.LATEST)) {
            commit("k", "new");
            assertThat(tx.get(b("k"))).isEqualTo(b("new"));
            tx.put(b("k"), b("newer"));
            tx.commit();
        }
        assertThat(store.get(b("k"))).isEqualTo(b("newer"));
    }

    @Test
    void latestTransactionTakesItsSnapshotAtTheFirstScan() {
        commit("a1", "x");
        try (Transaction tx = store.begin(ReadMode.LATEST)) {
            commit("a2", "x");
            assertThat(keys(tx.scan(KeyRange.prefix(b("a")), 0, false))).containsExactly("a1", "a2");
            commit("a3", "x");
            assertThat(keys(tx.scan(KeyRange.prefix(b("a")), 0, false))).containsExactly("a1", "a2");
            // gets still read the latest committed values
            assertThat(tx.get(b("a3"))).isEqualTo(b("x"));
        }
    }
}
