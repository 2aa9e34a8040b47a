package dev.eddy.table;

import dev.eddy.store.Store;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ItemCount and TableSizeBytes, kept in memory. A table's figures are counted once from the store
 * the first time they are asked for, then moved by every committed write. Like DynamoDB's, they are
 * approximate: a write that races with that first count may be counted twice or not at all.
 */
public final class TableStats {
    private final Store store;
    private final ConcurrentHashMap<Long, Counts> counts = new ConcurrentHashMap<>();
    private final IndexStats indexes;

    /** ItemCount and TableSizeBytes. */
    public record Snapshot(long items, long bytes) {}

    TableStats(Store store) {
        this.store = store;
        this.indexes = new IndexStats(store);
    }

    /** The figures of the tables' secondary indexes. */
    IndexStats indexes() {
        return indexes;
    }

    /** A new, empty table: counting starts at zero without a scan. */
    void created(long tableId) {
        counts.put(tableId, new Counts());
    }

    void dropped(long tableId) {
        counts.remove(tableId);
        indexes.dropped(tableId);
    }

    void changed(long tableId, long itemDelta, long byteDelta) {
        Counts c = counts.get(tableId);
        if (c != null) {
            c.items.addAndGet(itemDelta);
            c.bytes.addAndGet(byteDelta);
        }
    }

    Snapshot of(long tableId) {
        Counts c = counts.computeIfAbsent(tableId, this::count);
        return new Snapshot(c.items.get(), c.bytes.get());
    }

    private Counts count(long tableId) {
        return Counts.of(store, ItemKeys.table(tableId));
    }
}
