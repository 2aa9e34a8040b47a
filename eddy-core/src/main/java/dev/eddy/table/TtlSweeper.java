package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.work.PeriodicTask;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Deletes expired items of the tables with TTL enabled, reading the TTL index in expiry order.
 * An item is expired once the clock has passed its TTL attribute (epoch seconds); times more than
 * five years in the past are ignored, as DynamoDB does. Each deletion goes through the table
 * engine's one write path as a service ({@link WriteOrigin#TTL}) deletion, in its own transaction
 * that re-checks the item, so an item updated meanwhile to expire later is kept, and secondary
 * indexes and streams see the delete like any other.
 *
 * <p>{@link #sweep()} is one pass at the engine clock's time, callable from any thread (tests call
 * it with a mutable clock); the table engine registers {@link #runOnce} as a background task.
 */
public final class TtlSweeper implements PeriodicTask {
    private static final int CHUNK = 100;

    private final Store store;
    private final TableCatalog catalog;
    private final ItemWriter writer;
    private final InstantSource clock;

    TtlSweeper(Store store, TableCatalog catalog, ItemWriter writer, InstantSource clock) {
        this.store = store;
        this.catalog = catalog;
        this.writer = writer;
        this.clock = clock;
    }

    /** Deletes every item expired now; returns how many it deleted. */
    public int sweep() {
        return sweep(clock.instant());
    }

    @Override
    public void runOnce(Instant now) {
        sweep(now);
    }

    private int sweep(Instant at) {
        long now = at.getEpochSecond();
        List<TableMeta> tables;
        try (ReadView view = store.snapshot()) {
            tables = catalog.list(view);
        }
        int deleted = 0;
        for (TableMeta t : tables) {
            if (t.ttlEnabled()) {
                deleted += sweep(t, now);
            }
        }
        return deleted;
    }

    private int sweep(TableMeta table, long now) {
        KeyRange range = TtlIndex.expiring(table.id(), now - TtlIndex.MAX_AGE_SECONDS, now);
        int deleted = 0;
        byte[] from = range.begin();
        while (true) {
            List<KeyValue> entries;
            try (ReadView view = store.snapshot()) {
                entries = view.scan(new KeyRange(from, range.end()), CHUNK, false);
            }
            for (KeyValue e : entries) {
                deleted += expire(table, TtlIndex.itemKey(table, e.key()), now) ? 1 : 0;
            }
            if (entries.size() < CHUNK) {
                return deleted;
            }
            byte[] last = entries.getLast().key();
            from = Arrays.copyOf(last, last.length + 1);
        }
    }

    /** Deletes the item if it is still expired in a fresh transaction. */
    private boolean expire(TableMeta snapshotTable, Map<String, AttributeValue> key, long now) {
        List<ItemWriter.Change> done = new ArrayList<>(1);
        store.run(tx -> {
            done.clear();
            TableMeta table = catalog.find(tx, snapshotTable.name());
            if (table == null || table.id() != snapshotTable.id() || !table.ttlEnabled()) {
                return null;
            }
            byte[] bytes = tx.get(ItemKeys.key(table, key));
            if (bytes == null) {
                return null;
            }
            Long expires = TtlIndex.expiry(table, ItemCodec.decode(bytes));
            if (expires == null || expires >= now || expires < now - TtlIndex.MAX_AGE_SECONDS) {
                return null;
            }
            done.add(writer.apply(tx, table, key, false, null, false, old -> null, WriteOrigin.TTL));
            return null;
        });
        done.forEach(writer::committed);
        return !done.isEmpty();
    }
}
