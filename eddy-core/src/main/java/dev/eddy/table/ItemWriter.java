package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.expr.Condition;
import dev.eddy.expr.Path;
import dev.eddy.expr.Update;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.item.Items;
import dev.eddy.store.ConflictException;
import dev.eddy.store.ReadMode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Single-item reads and writes. A write reads the old item, checks the condition, computes the new
 * item and lets every maintainer derive its records, all in one transaction that the store retries
 * on conflict; so concurrent conditional writes to one item are atomic.
 */
final class ItemWriter {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private final Store store;
    private final TableCatalog catalog;
    private final TableStats stats;
    private final List<WriteMaintainer> maintainers;
    private final ItemCollections collections = new ItemCollections();

    ItemWriter(Store store, TableCatalog catalog, TableStats stats, List<WriteMaintainer> maintainers) {
        this.store = store;
        this.catalog = catalog;
        this.stats = stats;
        this.maintainers = maintainers;
    }

    /**
     * The old and the new item of a write, and the table it went to; {@code collection} is the
     * item collection it left behind in a table with local secondary indexes (else null).
     */
    record Change(
            TableMeta table,
            Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem,
            long oldSize,
            long newSize,
            ItemCollectionMetrics collection) {
        Change(TableMeta table, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
            this(
                    table,
                    oldItem,
                    newItem,
                    oldItem == null ? 0 : Items.size(oldItem),
                    newItem == null ? 0 : Items.size(newItem),
                    null);
        }

        Change withCollection(ItemCollectionMetrics metrics) {
            return new Change(table, oldItem, newItem, oldSize, newSize, metrics);
        }
    }

    WriteResult put(PutItem op) {
        if (op.returnValues() != ReturnValues.NONE && op.returnValues() != ReturnValues.ALL_OLD) {
            throw EddyException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        Items.checkSize(op.item());
        Change c = write(
                op.tableName(), op.item(), true, op.condition(), op.returnOldOnConditionFailure(), old -> op.item());
        Map<String, AttributeValue> attrs = op.returnValues() == ReturnValues.ALL_OLD ? c.oldItem : null;
        return new WriteResult(attrs, writeCapacity(c), c.collection());
    }

    WriteResult delete(DeleteItem op) {
        if (op.returnValues() != ReturnValues.NONE && op.returnValues() != ReturnValues.ALL_OLD) {
            throw EddyException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        Change c =
                write(op.tableName(), op.key(), false, op.condition(), op.returnOldOnConditionFailure(), old -> null);
        Map<String, AttributeValue> attrs = op.returnValues() == ReturnValues.ALL_OLD ? c.oldItem : null;
        return new WriteResult(attrs, writeCapacity(c), c.collection());
    }

    WriteResult update(UpdateItem op) {
        if (op.update() != null) {
            TableMeta table = catalog.get(store, op.tableName());
            for (Path p : op.update().paths()) {
                String top = p.attribute();
                if (table.key().names().contains(top)) {
                    throw EddyException.validation(
                            INVALID + "Cannot update attribute " + top + ". This attribute is part of the key");
                }
            }
        }
        Change c = write(
                op.tableName(),
                op.key(),
                false,
                op.condition(),
                op.returnOldOnConditionFailure(),
                old -> updated(old, op.key(), op.update()));
        Map<String, AttributeValue> attrs = switch (op.returnValues()) {
            case NONE -> null;
            case ALL_OLD -> c.oldItem;
            case ALL_NEW -> c.newItem;
            case UPDATED_OLD -> c.oldItem == null ? null : updatedPart(op, c.oldItem);
            case UPDATED_NEW -> c.newItem == null ? null : updatedPart(op, c.newItem);
        };
        if (attrs != null && attrs.isEmpty()) {
            attrs = null;
        }
        return new WriteResult(attrs, writeCapacity(c), c.collection());
    }

    /**
     * The item an update leaves: applied to the old item, or to the bare key when there is none.
     * Null (no item) when there was none and the update's actions create no attribute (only
     * REMOVE or DELETE), as DynamoDB creates no item then; an UpdateItem without any update still
     * creates the key-only item, as DynamoDB's does.
     */
    static Map<String, AttributeValue> updated(
            Map<String, AttributeValue> old, Map<String, AttributeValue> key, Update update) {
        Map<String, AttributeValue> base = old != null ? old : key;
        Map<String, AttributeValue> next = update == null ? base : update.apply(base);
        if (old == null && update != null && next.size() == key.size()) {
            return null;
        }
        Items.checkSize(next);
        Items.checkDepth(next);
        return next;
    }

    private static Map<String, AttributeValue> updatedPart(UpdateItem op, Map<String, AttributeValue> item) {
        return op.update() == null ? Map.of() : op.update().project(item);
    }

    ReadResult get(GetItem op) {
        ReadResult quick = getByPointReads(op);
        if (quick != null) {
            return quick;
        }
        try (ReadView view = store.snapshot()) {
            TableMeta table = catalog.get(view, op.tableName());
            Keys.checkKey(table, op.key());
            return read(table, view.get(ItemKeys.key(table, op.key())), op);
        }
    }

    /**
     * GetItem by two point reads instead of a snapshot: first the item, under the key that the
     * table's cached description gives, then the description. When that is still the same table
     * (a table's id is handed out once and its description is removed only with its items), the
     * table existed from before the item read until after it, so the answer is the item as it was
     * at that read: what a snapshot taken then would have answered. Null when the description is
     * not cached, the key does not fit it (the snapshot path then reports the error after the
     * table's existence, as DynamoDB does), or the table changed identity in between.
     */
    private ReadResult getByPointReads(GetItem op) {
        TableMeta cached = catalog.cached(op.tableName());
        if (cached == null) {
            return null;
        }
        try {
            Keys.checkKey(cached, op.key());
        } catch (EddyException invalid) {
            return null;
        }
        byte[] bytes = store.get(ItemKeys.key(cached, op.key()));
        TableMeta table = catalog.find(store, op.tableName());
        if (table == null || table.id() != cached.id()) {
            return null;
        }
        return read(table, bytes, op);
    }

    private static ReadResult read(TableMeta table, byte[] bytes, GetItem op) {
        Map<String, AttributeValue> item = bytes == null ? null : ItemCodec.decode(bytes);
        double units = Capacity.read(item == null ? 0 : Items.size(item), op.consistentRead());
        if (item != null && op.projection() != null) {
            item = op.projection().apply(item);
        }
        return new ReadResult(item, ConsumedCapacity.ofTable(table.name(), units));
    }

    /**
     * The one write path, for single writes. Every write of the engine (single, batch,
     * transaction, TTL) goes through {@link #apply}, so every maintainer sees every write.
     *
     * <p>The transaction reads the latest values instead of a snapshot ({@link ReadMode#LATEST}):
     * the commit validates the description and the item it read, so a write that commits saw
     * both as they are at its commit. A write that fails instead (a condition, an update that
     * does not apply to the old item) read the item after the description and is not validated:
     * it reads the description again, and when that is no longer the one the write used, it
     * tries again as after a conflict. The same description before and after the item read means
     * the item was read in that table as it then was.
     *
     * @param keyOrItem the full item (for a put) or the key
     */
    private Change write(
            String tableName,
            Map<String, AttributeValue> keyOrItem,
            boolean isItem,
            Condition condition,
            boolean returnOldOnFailure,
            UnaryOperator<Map<String, AttributeValue>> change) {
        Change c = store.run(ReadMode.LATEST, tx -> {
            TableMeta table = catalog.get(tx, tableName);
            try {
                return apply(tx, table, keyOrItem, isItem, condition, returnOldOnFailure, change, WriteOrigin.CLIENT);
            } catch (EddyException failed) {
                if (!table.equals(catalog.find(tx, tableName))) {
                    throw new ConflictException("table " + tableName + " changed while its item was read");
                }
                throw failed;
            }
        });
        committed(c);
        return c;
    }

    /**
     * Applies one item write inside {@code tx}: validates the key, reads the old item, checks the
     * condition, computes the new item, writes it and lets every maintainer derive its records.
     * Changes nothing outside {@code tx}, so it may run again when the transaction is retried;
     * call {@link #committed} for each change once the transaction has committed.
     *
     * @param change computes the new item (null: delete) from the old one (null: none)
     * @throws dev.eddy.error.EddyException ConditionalCheckFailedException when the condition is false
     */
    Change apply(
            Transaction tx,
            TableMeta table,
            Map<String, AttributeValue> keyOrItem,
            boolean isItem,
            Condition condition,
            boolean returnOldOnFailure,
            UnaryOperator<Map<String, AttributeValue>> change,
            WriteOrigin origin) {
        if (isItem) {
            Keys.checkItemKey(table, keyOrItem);
        } else {
            Keys.checkKey(table, keyOrItem);
        }
        byte[] key = ItemKeys.key(table, keyOrItem);
        byte[] oldBytes = tx.get(key);
        Map<String, AttributeValue> old = oldBytes == null ? null : ItemCodec.decode(oldBytes);
        if (condition != null && !condition.test(old == null ? Map.of() : old)) {
            throw EddyException.conditionalCheckFailed(returnOldOnFailure ? old : null);
        }
        Map<String, AttributeValue> next = change.apply(old);
        byte[] nextBytes = next == null ? null : ItemCodec.encode(next);
        if (nextBytes != null) {
            tx.put(key, nextBytes);
        } else if (old != null) {
            tx.clear(key);
        }
        if (old == null && next == null) {
            return new Change(table, null, null, 0, 0, null);
        }
        // encoded and sized once here; the maintainers (stream records above all) reuse both
        ItemWrite write = new ItemWrite(
                old,
                next,
                oldBytes,
                nextBytes,
                old == null ? 0 : Items.size(old),
                next == null ? 0 : Items.size(next),
                origin);
        for (WriteMaintainer m : maintainers) {
            m.onWrite(tx, table, write);
        }
        Change c = new Change(table, old, next, write.oldSize(), write.newSize(), null);
        return c.withCollection(collections.afterWrite(tx, table, c));
    }

    /** Sets the item collection limit of tables with LSIs (DynamoDB's is 10 GB), for tests. */
    void itemCollectionLimit(long bytes) {
        collections.limit(bytes);
    }

    /** Moves the table statistics by a committed change. */
    void committed(Change c) {
        long itemDelta = (c.newItem != null ? 1 : 0) - (c.oldItem != null ? 1 : 0);
        stats.changed(c.table.id(), itemDelta, c.newSize - c.oldSize);
        stats.indexes().committed(c);
    }

    private static ConsumedCapacity writeCapacity(Change c) {
        return ConsumedCapacity.ofTable(c.table.name(), Capacity.write(c.oldSize, c.newSize));
    }
}
