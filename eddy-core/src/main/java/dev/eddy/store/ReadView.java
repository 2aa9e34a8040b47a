package dev.eddy.store;

import java.util.List;

/** Read operations common to snapshots and transactions. Not thread-safe. */
public interface ReadView extends AutoCloseable {

    /** A copy of the value stored under {@code key}, or {@code null} when there is none. */
    byte[] get(byte[] key);

    /**
     * Up to {@code limit} entries whose keys lie in {@code range}, in ascending key order, or
     * descending when {@code reverse}. A {@code limit} of 0 or less means no limit; an empty or
     * inverted range gives no entries. The returned arrays are the caller's.
     */
    List<KeyValue> scan(KeyRange range, int limit, boolean reverse);

    /** Releases the view; for a transaction, rolls it back unless committed. Idempotent. */
    @Override
    void close();
}
