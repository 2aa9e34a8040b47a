package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.store.Transaction;
import java.util.Map;

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
     * @param oldItem the item before the write, or null when there was none
     * @param newItem the item after the write, or null when the write deleted it
     */
    void onWrite(
            Transaction tx,
            TableMeta table,
            Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem,
            WriteOrigin origin);

    /**
     * Called inside the control-plane transaction that creates ({@code before} null), updates or
     * deletes ({@code after} null) a table, after the new description was put; may run again on a
     * retry, so it must write only through {@code tx}.
     */
    default void onTableChange(Transaction tx, TableMeta before, TableMeta after) {}

    /** Called once that transaction committed, on the calling thread. */
    default void afterTableChange(TableMeta before, TableMeta after) {}
}
