package dev.eddy.store.rocksdb;

import dev.eddy.store.AbstractTransaction;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadMode;
import dev.eddy.store.Transaction;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * A RocksDB optimistic transaction behind the {@link Transaction} SPI, in either {@link ReadMode}.
 * Used by one thread at a time; its native objects are freed by {@link #close()}, by
 * {@link #commit()}, or by the store's close if the owner never closes it.
 */
final class RocksTransaction extends AbstractTransaction implements RocksDbStore.NativeResource {

    private final RocksDbStore store;
    private final org.rocksdb.Transaction txn;
    /**
     * The options of {@code get}: through the snapshot the transaction took when it began
     * (SNAPSHOT, owned by this transaction), or the store's shared ones without a snapshot
     * (LATEST).
     */
    private final ReadOptions reads;

    private final boolean ownsReads;
    /** Whether the native transaction has its snapshot (LATEST: from the first scan on). */
    private boolean snapshotTaken;

    private volatile boolean open = true;

    private RocksTransaction(
            RocksDbStore store, org.rocksdb.Transaction txn, ReadOptions reads, boolean ownsReads, boolean snapshot) {
        this.store = store;
        this.txn = txn;
        this.reads = reads;
        this.ownsReads = ownsReads;
        this.snapshotTaken = snapshot;
    }

    /** A {@link ReadMode#SNAPSHOT} transaction; {@code txn} took its snapshot when it began. */
    static RocksTransaction snapshot(RocksDbStore store, org.rocksdb.Transaction txn) {
        return new RocksTransaction(store, txn, new ReadOptions().setSnapshot(txn.getSnapshot()), true, true);
    }

    /**
     * A {@link ReadMode#LATEST} transaction: {@code txn} has no snapshot, {@code latestReads} are
     * the store's read options without one, which this transaction never changes or closes.
     */
    static RocksTransaction latest(RocksDbStore store, org.rocksdb.Transaction txn, ReadOptions latestReads) {
        return new RocksTransaction(store, txn, latestReads, false, false);
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("transaction is closed");
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return store.call(() -> {
            checkOpen();
            // GetForUpdate tracks the key: a commit by someone else after our snapshot (LATEST:
            // after the sequence number current just before this read) fails ours
            return txn.getForUpdate(reads, store.families.of(key), key, true);
        });
    }

    @Override
    public List<KeyValue> scan(KeyRange range, int limit, boolean reverse) {
        return store.call(() -> {
            checkOpen();
            return store.families.scan(iterators(), range, limit, reverse);
        });
    }

    /**
     * The reader of this transaction's scans, which read its snapshot: LATEST takes it here, at
     * the first scan, and from then on RocksDB also tracks new keys from the snapshot's sequence
     * number (earlier than the read: stricter, never weaker).
     */
    private Families.ReadOptionsFactory iterators() {
        if (!snapshotTaken) {
            txn.setSnapshot();
            snapshotTaken = true;
        }
        return new Families.ReadOptionsFactory() {
            @Override
            public ReadOptions readOptions() {
                return new ReadOptions().setSnapshot(txn.getSnapshot());
            }

            @Override
            public RocksIterator iterator(ReadOptions options, ColumnFamilyHandle family) {
                // merges the snapshot with this transaction's own writes
                return txn.getIterator(options, family);
            }
        };
    }

    @Override
    public void put(byte[] key, byte[] value) {
        store.call(() -> {
            checkOpen();
            txn.put(store.families.of(key), key, value);
            return null;
        });
    }

    /** Untracked: RocksDB does not validate this key at commit. */
    @Override
    public void putUnique(byte[] key, byte[] value) {
        store.call(() -> {
            checkOpen();
            txn.putUntracked(store.families.of(key), key, value);
            return null;
        });
    }

    @Override
    public void clear(byte[] key) {
        store.call(() -> {
            checkOpen();
            txn.delete(store.families.of(key), key);
            return null;
        });
    }

    /**
     * Deletes, key by key inside this transaction, what the transaction sees in the range: RocksDB
     * transactions have no range delete, and a {@code DeleteRange} on the database would not be
     * atomic with the transaction. Each pass reads a batch of keys with a fresh iterator and then
     * deletes them, so the iterator never runs over a write batch that changes under it.
     */
    @Override
    public void clearRange(byte[] begin, byte[] end) {
        store.call(() -> {
            checkOpen();
            byte[] from = begin;
            while (true) {
                KeyRange rest = new KeyRange(from, end);
                List<KeyValue> batch = store.families.scan(iterators(), rest, RocksDbStore.CLEAR_BATCH, false);
                for (KeyValue kv : batch) {
                    txn.delete(store.families.of(kv.key()), kv.key());
                }
                if (batch.size() < RocksDbStore.CLEAR_BATCH) {
                    return null;
                }
                byte[] last = batch.getLast().key();
                from = Arrays.copyOf(last, last.length + 1); // the next key after the last one
            }
        });
    }

    @Override
    protected void commitWrites() {
        store.call(() -> {
            checkOpen();
            try {
                txn.commit();
            } finally {
                open = false;
                store.releaseIfOpen(this);
            }
            return null;
        });
    }

    @Override
    protected void rollback() {
        if (open) {
            open = false;
            store.releaseIfOpen(this);
        }
    }

    /**
     * Frees the native transaction (rolling back what was not committed, releasing its snapshot)
     * and its own read options.
     */
    @Override
    public void release() {
        open = false;
        if (ownsReads) {
            reads.close();
        }
        txn.close();
    }
}
