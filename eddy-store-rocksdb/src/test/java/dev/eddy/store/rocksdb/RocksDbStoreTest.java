package dev.eddy.store.rocksdb;

import dev.eddy.store.Store;
import dev.eddy.store.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on RocksDB, reopening the same directory for the durability tests. */
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
}
