package dev.eddy.store;

/**
 * A read-write transaction: reads see the state committed when it began plus this transaction's
 * own writes ({@link ReadMode} says what a {@link ReadMode#LATEST} one sees instead). Used by one
 * thread at a time; closing without {@link #commit()} discards the writes.
 * After {@link #commit()} (whether it returned or threw) and after {@link #close()}, every call but
 * {@code close()} throws {@link IllegalStateException}, or {@link StoreException} when the store
 * was closed first.
 *
 * <p>Code that derives work from a write (stream sequence numbers, wake-ups of readers) registers
 * hooks instead of wrapping the store: {@link #beforeCommit} hooks run inside {@code commit()}
 * just before the backend commits, {@link #afterCompletion} hooks run once the outcome is known.
 * Every backend gets them from {@link AbstractTransaction}.
 */
public interface Transaction extends ReadView {

    /** Stores {@code value} (possibly empty) under {@code key}. Both arrays are copied. */
    void put(byte[] key, byte[] value);

    /**
     * {@link #put} of a key that no other transaction writes, such as a key made unique by a
     * sequence number that only this transaction holds: a backend may leave it out of conflict
     * detection, so that committing it costs no validation. Visible to this transaction's reads
     * like any put. A caller that breaks the promise gets last-writer-wins for that key instead of
     * a {@link ConflictException}. The default is {@link #put}.
     */
    default void putUnique(byte[] key, byte[] value) {
        put(key, value);
    }

    /** Removes {@code key}; removing a missing key is not an error. */
    void clear(byte[] key);

    /**
     * Clears every key in {@code [begin, end)} ({@code end} null: no upper bound; an empty or
     * inverted range: nothing). Equivalent to {@link #clear} of every key in the range that this
     * transaction sees (its snapshot plus its own writes so far): each counts as a write for
     * conflict detection, and keys that other transactions insert into the range after the
     * snapshot was taken (when this one began, or at its first scan in {@link ReadMode#LATEST})
     * are not removed. Later writes of this transaction into the range stay.
     *
     * <p>Cost grows with the number of keys cleared (backends without a transactional range delete
     * iterate); clear very large ranges in several transactions.
     */
    void clearRange(byte[] begin, byte[] end);

    /**
     * Makes every write visible atomically, durably per the store's durability setting, and closes
     * the transaction. Runs the {@link #beforeCommit} hooks first and the {@link #afterCompletion}
     * hooks last.
     *
     * @throws ConflictException when a key this transaction read or wrote was changed by a
     *     transaction that committed after this one began; nothing was written then
     * @throws RuntimeException whatever a {@link #beforeCommit} hook threw; nothing was written then
     */
    void commit();

    /**
     * Registers {@code hook} to run inside {@link #commit()}, on the committing thread, after the
     * body's writes and before the backend commits; hooks run in registration order, each at most
     * once, and never when the transaction is closed without committing.
     *
     * <p>A hook may still read and write through this transaction and may register further hooks
     * of either kind (a {@code beforeCommit} hook registered by a hook runs after the hooks already
     * registered). It must not commit or close the transaction. When a hook throws, the remaining
     * hooks do not run, nothing is written and {@code commit()} throws that exception (a
     * {@link ConflictException} from a hook makes {@link Store#run} try again).
     *
     * @throws IllegalStateException when the transaction is already committed or closed
     */
    void beforeCommit(Runnable hook);

    /**
     * Registers {@code hook} to run exactly once when the transaction completes, on the thread that
     * completes it: with {@code true} after the backend commit returned, with {@code false} after
     * the commit failed (a conflict, a {@link #beforeCommit} hook that threw, a closed store) or
     * when the transaction is closed without committing. Hooks run in registration order, after
     * the backend released everything it held for the commit, so a hook never runs under a store
     * lock.
     *
     * <p>Hooks must not throw: the outcome is already decided, so an exception of a hook is logged
     * and the remaining hooks still run.
     *
     * @throws IllegalStateException when the transaction is already committed or closed
     */
    void afterCompletion(Completion hook);

    /** Work to do once a transaction's outcome is known. */
    @FunctionalInterface
    interface Completion {
        /**
         * @param committed true when every write of the transaction became visible; false when
         *     none did
         */
        void completed(boolean committed);
    }
}
