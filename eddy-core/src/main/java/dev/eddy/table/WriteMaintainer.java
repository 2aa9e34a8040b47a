package dev.eddy.table;

import dev.eddy.store.Transaction;

/**
 * Derives records from an item write (index entries, stream records, TTL entries) inside the same
 * transaction as the write, so that they commit or vanish with it. Every write path of the table
 * engine calls every registered maintainer; none can bypass them.
 *
 * <p>Called on the writing thread, possibly more than once for one client request when the
 * transaction is retried after a conflict: implementations must write only through {@code tx}.
 */
public interface WriteMaintainer {

    /**
     * Called for every write that had an item before or after it (also when both are equal: a put
     * of the same item), once per attempt of the write's transaction.
     *
     * @param write the old and new item with their stored bytes and sizes, shared with the write
     *     and the other maintainers: read them, never modify them
     */
    void onWrite(Transaction tx, TableMeta table, ItemWrite write);

    /**
     * Called inside the control-plane transaction that creates ({@code before} null), updates or
     * deletes ({@code after} null) a table, after the new description was put; may run again on a
     * retry, so it must write only through {@code tx}.
     */
    default void onTableChange(Transaction tx, TableMeta before, TableMeta after) {}

    /** Called once that transaction committed, on the calling thread. */
    default void afterTableChange(TableMeta before, TableMeta after) {}
}
