package dev.eddy.store;

import java.util.List;

/** Read operations common to snapshots and transactions. Not thread-safe. */
public interface ReadView extends AutoCloseable {

    /** The value stored under {@code key}, or {@code null}. */
    byte[] get(byte[] key);

    /**
     * Up to {@code limit} entries whose keys lie in {@code range}, in ascending key order, or
     * descending when {@code reverse}. A {@code limit} of 0 or less means no limit.
     */
    List<KeyValue> scan(KeyRange range, int limit, boolean reverse);

    /** Releases the view; for a transaction, rolls it back unless committed. Idempotent. */
    @Override
    void close();
}
