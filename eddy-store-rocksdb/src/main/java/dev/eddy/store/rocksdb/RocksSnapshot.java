package dev.eddy.store.rocksdb;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/** A RocksDB snapshot behind the {@link ReadView} SPI. Used by one thread at a time. */
final class RocksSnapshot implements ReadView, RocksDbStore.NativeResource {

    private final RocksDbStore store;
    private final RocksDB db;
    private final Snapshot snapshot;
    private final ReadOptions reads;
    private volatile boolean open = true;

    RocksSnapshot(RocksDbStore store, RocksDB db) {
        this.store = store;
        this.db = db;
        this.snapshot = db.getSnapshot();
        this.reads = new ReadOptions().setSnapshot(snapshot);
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("snapshot is closed");
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return store.call(() -> {
            checkOpen();
            return db.get(store.families.of(key), reads, key);
        });
    }

    @Override
    public List<KeyValue> scan(KeyRange range, int limit, boolean reverse) {
        return store.call(() -> {
            checkOpen();
            return store.families.scan(
                    new Families.ReadOptionsFactory() {
                        @Override
                        public ReadOptions readOptions() {
                            return new ReadOptions().setSnapshot(snapshot);
                        }

                        @Override
                        public RocksIterator iterator(ReadOptions options, ColumnFamilyHandle family) {
                            return db.newIterator(family, options);
                        }
                    },
                    range,
                    limit,
                    reverse);
        });
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            store.releaseIfOpen(this);
        }
    }

    @Override
    public void release() {
        open = false;
        reads.close();
        db.releaseSnapshot(snapshot);
    }
}
