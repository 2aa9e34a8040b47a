package dev.eddy.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadMode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.StoreContractTest;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.OptimisticTransactionDB;
import org.rocksdb.Options;
import org.rocksdb.RocksIterator;

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

    /** A record key of the stream keyspace, which RocksDB keeps in its own column family. */
    private static byte[] streamKey(long n) {
        return Keyspace.STREAM.key(Tuple.of("rec", 1L, 0L, n));
    }

    private static byte[] itemKey(long n) {
        return Keyspace.ITEM.key(Tuple.of(1L, "k" + n));
    }

    @Test
    void putUniqueIsLeftOutOfConflictDetection() {
        try (Transaction tx = store.begin()) {
            tx.putUnique(streamKey(1), b("unique"));
            commit("other", "x");
            store.run(other -> {
                other.put(streamKey(1), b("concurrent"));
                return null;
            });
            tx.commit(); // a tracked put would conflict here
        }
        assertThat(store.get(streamKey(1))).isEqualTo(b("unique"));
    }

    @Test
    void keysWrittenBeforeTheStreamFamilyExistedAreMovedIntoItAtOpen() throws Exception {
        store.close();
        Path db = dir.resolve("db");
        org.rocksdb.RocksDB.loadLibrary();
        // the layout before stream keys had a family: everything in the default one; the second
        // database has the family but a move that stopped halfway
        for (Path path : List.of(dir.resolve("old"), dir.resolve("half"))) {
            try (Options options = new Options().setCreateIfMissing(true);
                    OptimisticTransactionDB raw = OptimisticTransactionDB.open(options, path.toString())) {
                for (long i = 0; i < 3000; i++) {
                    raw.put(streamKey(i), b("r" + i));
                    raw.put(itemKey(i), b("i" + i));
                }
                if (path.endsWith("half")) {
                    try (ColumnFamilyOptions family = new ColumnFamilyOptions();
                            ColumnFamilyHandle stream = raw.createColumnFamily(
                                    new ColumnFamilyDescriptor(Families.name(Keyspace.STREAM), family))) {
                        for (long i = 0; i < 1000; i++) {
                            raw.delete(streamKey(i));
                            raw.put(stream, streamKey(i), b("r" + i));
                        }
                    }
                }
            }
        }
        for (Path path : List.of(dir.resolve("old"), dir.resolve("half"))) {
            for (int open = 0; open < 2; open++) {
                try (RocksDbStore moved = RocksDbStore.open(path, Durability.PROCESS)) {
                    KeyRange records = Keyspace.STREAM.range(Tuple.of("rec"));
                    try (ReadView view = moved.snapshot()) {
                        List<KeyValue> all = view.scan(records, 0, false);
                        assertThat(all).hasSize(3000);
                        for (int i = 0; i < all.size(); i++) {
                            assertThat(all.get(i).key()).isEqualTo(streamKey(i));
                            assertThat(all.get(i).value()).isEqualTo(b("r" + i));
                        }
                        assertThat(view.scan(Keyspace.ITEM.range(Tuple.of()), 0, false))
                                .hasSize(3000);
                        assertThat(view.get(itemKey(2999))).isEqualTo(b("i2999"));
                    }
                }
            }
            // nothing of the stream keyspace is left in the default family
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    new ColumnFamilyDescriptor(Families.defaultName()),
                    new ColumnFamilyDescriptor(Families.name(Keyspace.STREAM)));
            List<ColumnFamilyHandle> handles = new java.util.ArrayList<>();
            try (DBOptions options = new DBOptions();
                    OptimisticTransactionDB raw =
                            OptimisticTransactionDB.open(options, path.toString(), descriptors, handles)) {
                try (RocksIterator it = raw.newIterator(handles.getFirst())) {
                    it.seek(new byte[] {Keyspace.STREAM.prefix()});
                    assertThat(it.isValid() && it.key()[0] == Keyspace.STREAM.prefix())
                            .isFalse();
                    it.seekToFirst();
                    assertThat(it.isValid()).isTrue(); // the items stayed
                } finally {
                    handles.forEach(ColumnFamilyHandle::close);
                }
            }
        }
        store = RocksDbStore.open(db, Durability.PROCESS);
    }
}
