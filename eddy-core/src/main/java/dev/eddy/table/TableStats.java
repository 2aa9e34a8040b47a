package dev.eddy.table;

import dev.eddy.item.ItemCodec;
import dev.eddy.item.Items;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ItemCount and TableSizeBytes, kept in memory. A table's figures are counted once from the store
 * the first time they are asked for, then moved by every committed write. Like DynamoDB's, they are
 * approximate: a write that races with that first count may be counted twice or not at all.
 */
public final class TableStats {
    private final Store store;
    private final ConcurrentHashMap<Long, Counts> counts = new ConcurrentHashMap<>();

    /** ItemCount and TableSizeBytes. */
    public record Snapshot(long items, long bytes) {
    }

    private static final class Counts {
        final AtomicLong items = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
    }

    TableStats(Store store) {
        this.store = store;
    }

    /** A new, empty table: counting starts at zero without a scan. */
    void created(long tableId) {
        counts.put(tableId, new Counts());
    }

    void dropped(long tableId) {
        counts.remove(tableId);
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
        Counts c = new Counts();
        KeyRange range = ItemKeys.table(tableId);
        try (ReadView view = store.snapshot()) {
            byte[] from = range.begin();
            while (true) {
                List<KeyValue> page = view.scan(new KeyRange(from, range.end()), 1000, false);
                for (KeyValue kv : page) {
                    c.items.incrementAndGet();
                    c.bytes.addAndGet(Items.size(ItemCodec.decode(kv.value())));
                }
                if (page.size() < 1000) {
                    return c;
                }
                byte[] last = page.get(page.size() - 1).key();
                from = Arrays.copyOf(last, last.length + 1);
            }
        }
    }
}
