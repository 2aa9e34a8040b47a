package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.Items;
import dev.eddy.store.Store;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ItemCount and IndexSizeBytes of secondary indexes, kept like {@link TableStats}: counted from
 * the index's entries the first time they are asked for, then moved by every committed write.
 * The size of an entry is the size of the attributes the index holds. Approximate in the same way
 * as the table's figures.
 */
final class IndexStats {
    private final Store store;
    private final ConcurrentHashMap<Key, Counts> counts = new ConcurrentHashMap<>();

    private record Key(long tableId, String index) {}

    IndexStats(Store store) {
        this.store = store;
    }

    TableStats.Snapshot of(TableMeta table, IndexDefinition index) {
        Counts c = counts.computeIfAbsent(new Key(table.id(), index.name()), k -> count(table, index));
        return new TableStats.Snapshot(c.items.get(), c.bytes.get());
    }

    /** Forgets an index's figures (dropped, or rebuilt by a backfill): they are counted again when asked. */
    void forget(long tableId, String index) {
        counts.remove(new Key(tableId, index));
    }

    void dropped(long tableId) {
        counts.keySet().removeIf(k -> k.tableId == tableId);
    }

    void committed(ItemWriter.Change c) {
        TableMeta table = c.table();
        for (List<IndexDefinition> list : List.of(table.localIndexes(), table.globalIndexes())) {
            for (IndexDefinition index : list) {
                Counts counted = counts.get(new Key(table.id(), index.name()));
                if (counted != null) {
                    long[] before = entry(table, index, c.oldItem());
                    long[] after = entry(table, index, c.newItem());
                    counted.items.addAndGet(after[0] - before[0]);
                    counted.bytes.addAndGet(after[1] - before[1]);
                }
            }
        }
    }

    /** {count, bytes} of the entry an item has in the index. */
    private static long[] entry(TableMeta table, IndexDefinition index, Map<String, AttributeValue> item) {
        if (item == null || !IndexKeys.indexed(index, item)) {
            return new long[] {0, 0};
        }
        return new long[] {1, Items.size(IndexKeys.project(table, index, item))};
    }

    private Counts count(TableMeta table, IndexDefinition index) {
        return Counts.of(store, IndexKeys.index(table, index));
    }
}
