package dev.eddy.store;

/**
 * A read-write transaction: reads see the committed state plus this transaction's own writes.
 * Used by one thread at a time; closing without {@link #commit()} discards the writes.
 */
public interface Transaction extends ReadView {

    void put(byte[] key, byte[] value);

    void clear(byte[] key);

    /** Clears every key in {@code [begin, end)}. */
    void clearRange(byte[] begin, byte[] end);

    /**
     * Makes every write visible atomically, durably per the store's durability setting.
     *
     * @throws ConflictException when a key this transaction read or wrote was changed by a
     *     transaction that committed after this one began; nothing was written then
     */
    void commit();
}
