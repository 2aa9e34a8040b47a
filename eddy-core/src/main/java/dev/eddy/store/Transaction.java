package dev.eddy.store;

/**
 * A read-write transaction: reads see the state committed when it began plus this transaction's
 * own writes. Used by one thread at a time; closing without {@link #commit()} discards the writes.
 * After {@link #commit()} (whether it returned or threw) and after {@link #close()}, every call but
 * {@code close()} throws {@link IllegalStateException}, or {@link StoreException} when the store
 * was closed first.
 */
public interface Transaction extends ReadView {

    /** Stores {@code value} (possibly empty) under {@code key}. Both arrays are copied. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}; removing a missing key is not an error. */
    void clear(byte[] key);

    /**
     * Clears every key in {@code [begin, end)} ({@code end} null: no upper bound; an empty or
     * inverted range: nothing). Equivalent to {@link #clear} of every key in the range that this
     * transaction sees (its snapshot plus its own writes so far): each counts as a write for
     * conflict detection, and keys that other transactions insert into the range after this one
     * began are not removed. Later writes of this transaction into the range stay.
     *
     * <p>Cost grows with the number of keys cleared (backends without a transactional range delete
     * iterate); clear very large ranges in several transactions.
     */
    void clearRange(byte[] begin, byte[] end);

    /**
     * Makes every write visible atomically, durably per the store's durability setting, and closes
     * the transaction.
     *
     * @throws ConflictException when a key this transaction read or wrote was changed by a
     *     transaction that committed after this one began; nothing was written then
     */
    void commit();
}
