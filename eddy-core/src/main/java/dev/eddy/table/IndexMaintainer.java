package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.store.Transaction;
import java.util.Arrays;
import java.util.Map;

/**
 * Keeps every secondary index of a table up to date inside the item write's transaction: removes
 * the old item's entry, writes the new item's, and rejects an item whose index key attributes have
 * the wrong type (so the write fails as on DynamoDB). An item lacking an index key attribute has
 * no entry in that index (a sparse index). Indexes being backfilled are maintained too, so that
 * the backfill and concurrent writes together leave a complete index.
 */
final class IndexMaintainer implements WriteMaintainer {

    @Override
    public void onWrite(Transaction tx, TableMeta table, ItemWrite write) {
        for (IndexDefinition index : table.localIndexes()) {
            update(tx, table, index, write.oldItem(), write.newItem());
        }
        for (IndexDefinition index : table.globalIndexes()) {
            update(tx, table, index, write.oldItem(), write.newItem());
        }
    }

    private static void update(
            Transaction tx,
            TableMeta table,
            IndexDefinition index,
            Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem) {
        if (newItem != null) {
            IndexKeys.check(index, newItem);
        }
        byte[] oldKey =
                oldItem != null && IndexKeys.indexed(index, oldItem) ? IndexKeys.entryKey(table, index, oldItem) : null;
        byte[] newKey =
                newItem != null && IndexKeys.indexed(index, newItem) ? IndexKeys.entryKey(table, index, newItem) : null;
        if (oldKey != null && (newKey == null || !Arrays.equals(oldKey, newKey))) {
            tx.clear(oldKey);
        }
        if (newKey != null) {
            tx.put(newKey, ItemCodec.encode(IndexKeys.project(table, index, newItem)));
        }
    }
}
