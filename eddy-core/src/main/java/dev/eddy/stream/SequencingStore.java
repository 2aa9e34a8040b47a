package dev.eddy.stream;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The store the table engine writes through when streams are on: a thin decorator whose
 * transactions carry the stream records that maintainers appended, and give them their sequence
 * numbers at commit.
 *
 * <p>At {@link Transaction#commit()} each appended record takes the next number of its partition
 * (in memory, no store read, so concurrent writers of one shard never conflict with each other),
 * is put under its record key in the same store transaction as the item, and the store commit
 * runs with no lock held. Afterwards, committed or not, every number is resolved so that the
 * partition's visibility watermark can pass it. A crash loses only numbers that never became
 * visible.
 */
final class SequencingStore implements Store {
    private final Store delegate;

    SequencingStore(Store delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction begin() {
        return new SequencingTransaction(delegate.begin());
    }

    @Override
    public ReadView snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The transaction behind {@code tx}, to append stream records to. */
    static SequencingTransaction of(Transaction tx) {
        if (tx instanceof SequencingTransaction s) {
            return s;
        }
        throw new IllegalStateException("stream capture needs the table engine to use ChangeLog.store()");
    }

    /** A transaction that appends stream records at commit. */
    static final class SequencingTransaction implements Transaction {
        private final Transaction tx;
        private final List<Pending> pending = new ArrayList<>(1);

        private record Pending(Partition partition, byte[] payload) {
        }

        SequencingTransaction(Transaction tx) {
            this.tx = tx;
        }

        void append(Partition partition, byte[] payload) {
            pending.add(new Pending(partition, payload));
        }

        @Override
        public byte[] get(byte[] key) {
            return tx.get(key);
        }

        @Override
        public List<KeyValue> scan(KeyRange range, int limit, boolean reverse) {
            return tx.scan(range, limit, reverse);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            tx.put(key, value);
        }

        @Override
        public void clear(byte[] key) {
            tx.clear(key);
        }

        @Override
        public void clearRange(byte[] begin, byte[] end) {
            tx.clearRange(begin, end);
        }

        @Override
        public void commit() {
            if (pending.isEmpty()) {
                tx.commit();
                return;
            }
            long[] seqs = new long[pending.size()];
            int assigned = 0;
            try {
                for (Pending p : pending) {
                    long seq = p.partition.assign();
                    seqs[assigned++] = seq;
                    tx.put(StreamKeys.record(p.partition.streamId, p.partition.index, seq), p.payload);
                }
                tx.commit();
            } finally {
                for (int i = 0; i < assigned; i++) {
                    pending.get(i).partition.resolve(seqs[i]);
                }
                pending.clear();
            }
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
