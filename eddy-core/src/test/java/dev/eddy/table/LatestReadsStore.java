package dev.eddy.table;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.ReadMode;
import dev.eddy.store.ReadView;
import dev.eddy.store.RetryPolicy;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A memory store whose {@link ReadMode#LATEST} transactions really read the latest committed
 * values, as RocksDB's do, so that the table engine's reasoning about them can be tested without
 * RocksDB: a get is tracked by an inner snapshot transaction (so it is checked from the beginning,
 * which the mode allows) and answered with {@link Store#get}, the latest value. A test can run code
 * right before each read ({@link #beforeRead}), to commit something between two reads.
 */
final class LatestReadsStore implements Store {
    private final MemoryStore inner = new MemoryStore();
    private volatile Consumer<byte[]> beforeRead = key -> {};

    /** Runs {@code hook} with the key before every get of a LATEST transaction and every point read. */
    void beforeRead(Consumer<byte[]> hook) {
        this.beforeRead = hook;
    }

    @Override
    public Transaction begin() {
        return inner.begin();
    }

    @Override
    public Transaction begin(ReadMode mode) {
        return mode == ReadMode.LATEST ? new Latest(inner.begin()) : inner.begin();
    }

    @Override
    public ReadView snapshot() {
        return inner.snapshot();
    }

    @Override
    public byte[] get(byte[] key) {
        beforeRead.accept(key);
        return inner.get(key);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return inner.retryPolicy();
    }

    @Override
    public void close() {
        inner.close();
    }

    private final class Latest implements Transaction {
        private final Transaction tx;
        private final Set<List<Byte>> written = new HashSet<>();

        Latest(Transaction tx) {
            this.tx = tx;
        }

        private static List<Byte> k(byte[] key) {
            Byte[] boxed = new Byte[key.length];
            Arrays.setAll(boxed, i -> key[i]);
            return List.of(boxed);
        }

        @Override
        public byte[] get(byte[] key) {
            beforeRead.accept(key);
            byte[] own = tx.get(key); // tracks the key from the beginning
            return written.contains(k(key)) ? own : inner.get(key);
        }

        @Override
        public List<KeyValue> scan(KeyRange range, int limit, boolean reverse) {
            return tx.scan(range, limit, reverse);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            written.add(k(key));
            tx.put(key, value);
        }

        @Override
        public void clear(byte[] key) {
            written.add(k(key));
            tx.clear(key);
        }

        @Override
        public void clearRange(byte[] begin, byte[] end) {
            for (KeyValue kv : tx.scan(new KeyRange(begin, end), 0, false)) {
                written.add(k(kv.key()));
            }
            tx.clearRange(begin, end);
        }

        @Override
        public void commit() {
            tx.commit();
        }

        @Override
        public void beforeCommit(Runnable hook) {
            tx.beforeCommit(hook);
        }

        @Override
        public void afterCompletion(Completion hook) {
            tx.afterCompletion(hook);
        }

        @Override
        public void close() {
            tx.close();
        }
    }
}
