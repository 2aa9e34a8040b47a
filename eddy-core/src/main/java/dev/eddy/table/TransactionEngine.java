package dev.eddy.table;

import dev.eddy.error.CancellationReason;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorDetail;
import dev.eddy.expr.Path;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.item.Items;
import dev.eddy.store.ConflictException;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems and TransactGetItems.
 *
 * <p>A write transaction runs every action through {@link ItemWriter#apply} inside ONE store
 * transaction, so its writes (and the index entries and stream records maintainers derive from
 * them) commit atomically across tables or not at all. The store's optimistic concurrency checks
 * every key the transaction read or wrote, including the items of ConditionChecks, so concurrent
 * transactions are serialisable in commit order; a transaction that loses a race is run again
 * from a fresh snapshot, and one that keeps losing is cancelled with TransactionConflict reasons.
 * A read transaction reads one snapshot, which is a prefix of that commit order.
 *
 * <p>Thread-safe.
 */
final class TransactionEngine {
    private static final String INVALID = "One or more parameter values were invalid: ";
    static final String MULTIPLE = "Transaction request cannot include multiple operations on one item";
    /** DynamoDB's limit on the aggregate size of the items in a transaction. */
    static final long MAX_AGGREGATE_BYTES = 4L * 1024 * 1024;
    // DynamoDB's wording is not documented; this restates the documented limit
    static final String TOO_LARGE = "The aggregate size of the items in the transaction cannot exceed 4 MB";
    /** Attempts before a transaction that keeps conflicting is cancelled. */
    private static final int MAX_ATTEMPTS = 128;

    private final Store store;
    private final TableCatalog catalog;
    private final ItemWriter writer;
    private final IdempotencyCache tokens;

    TransactionEngine(Store store, TableCatalog catalog, ItemWriter writer, IdempotencyCache tokens) {
        this.store = store;
        this.catalog = catalog;
        this.writer = writer;
        this.tokens = tokens;
    }

    TransactWriteItems.Result write(TransactWriteItems req) {
        validate(req);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try (Transaction tx = store.begin()) {
                if (req.clientRequestToken() != null
                        && tokens.completed(tx, req.clientRequestToken(), req.fingerprint())) {
                    return new TransactWriteItems.Result(replayCapacity(req), true, List.of());
                }
                List<ItemWriter.Change> changes = new ArrayList<>();
                List<CancellationReason> reasons = new ArrayList<>();
                boolean cancelled = false;
                Map<String, TableMeta> tables = new HashMap<>();
                for (TransactWriteItems.Action action : req.actions()) {
                    TableMeta table = tables.computeIfAbsent(action.tableName(), name -> catalog.get(tx, name));
                    try {
                        changes.add(apply(tx, table, action));
                        reasons.add(CancellationReason.NONE);
                    } catch (EddyException e) {
                        cancelled = true;
                        reasons.add(reason(e));
                    }
                }
                if (cancelled) {
                    throw EddyException.transactionCanceled(reasons);
                }
                checkAggregateSize(changes);
                if (req.clientRequestToken() != null) {
                    tokens.record(tx, req.clientRequestToken(), req.fingerprint());
                }
                tx.commit();
                Map<String, Double> units = new LinkedHashMap<>();
                for (ItemWriter.Change c : changes) {
                    writer.committed(c);
                    units.merge(c.table().name(), 2 * Batches.writeUnits(c), Double::sum);
                }
                if (req.clientRequestToken() != null) {
                    tokens.sweep();
                }
                return new TransactWriteItems.Result(capacity(units), false, Batches.collections(changes));
            } catch (ConflictException e) {
                Thread.yield();
            }
        }
        List<CancellationReason> conflict = Collections.nCopies(
                req.actions().size(),
                new CancellationReason("TransactionConflict", "Transaction is ongoing for the item", null));
        throw EddyException.transactionCanceled(conflict);
    }

    private ItemWriter.Change apply(Transaction tx, TableMeta table, TransactWriteItems.Action action) {
        return switch (action) {
            case TransactWriteItems.Put put ->
                writer.apply(
                        tx,
                        table,
                        put.item(),
                        true,
                        put.condition(),
                        put.returnOldOnConditionFailure(),
                        old -> put.item(),
                        WriteOrigin.CLIENT);
            case TransactWriteItems.Delete delete ->
                writer.apply(
                        tx,
                        table,
                        delete.key(),
                        false,
                        delete.condition(),
                        delete.returnOldOnConditionFailure(),
                        old -> null,
                        WriteOrigin.CLIENT);
            case TransactWriteItems.Update update ->
                writer.apply(
                        tx,
                        table,
                        update.key(),
                        false,
                        update.condition(),
                        update.returnOldOnConditionFailure(),
                        old -> ItemWriter.updated(old, update.key(), update.update()),
                        WriteOrigin.CLIENT);
            case TransactWriteItems.ConditionCheck check -> {
                // a read, not a write: the item is conflict-checked but neither rewritten nor streamed
                byte[] bytes = tx.get(ItemKeys.key(table, check.key()));
                Map<String, AttributeValue> item = bytes == null ? null : ItemCodec.decode(bytes);
                if (!check.condition().test(item == null ? Map.of() : item)) {
                    throw EddyException.conditionalCheckFailed(check.returnOldOnConditionFailure() ? item : null);
                }
                yield new ItemWriter.Change(table, item, item);
            }
        };
    }

    /**
     * Every item the transaction touches counts with its larger image (as read or as written), so
     * a ConditionCheck or Delete counts the item it reads and a Put or Update the bigger of the
     * two versions.
     */
    private static void checkAggregateSize(List<ItemWriter.Change> changes) {
        long total = 0;
        for (ItemWriter.Change c : changes) {
            total += Math.max(c.oldSize(), c.newSize());
        }
        if (total > MAX_AGGREGATE_BYTES) {
            throw EddyException.validation(TOO_LARGE);
        }
    }

    private static CancellationReason reason(EddyException e) {
        return switch (e.code()) {
            case CONDITIONAL_CHECK_FAILED ->
                new CancellationReason(
                        "ConditionalCheckFailed",
                        e.getMessage(),
                        e.detail() instanceof ErrorDetail.OldItem old ? old.item() : null);
            case VALIDATION -> new CancellationReason("ValidationError", e.getMessage(), null);
            case ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED ->
                new CancellationReason("ItemCollectionSizeLimitExceeded", e.getMessage(), null);
            default -> throw e;
        };
    }

    /** Everything that can be checked before the transaction: tables, keys, sizes, one item once. */
    private void validate(TransactWriteItems req) {
        Map<String, TableMeta> tables = new HashMap<>();
        Set<ByteBuffer> seen = new HashSet<>();
        long putBytes = 0;
        try (ReadView view = store.snapshot()) {
            for (TransactWriteItems.Action a : req.actions()) {
                TableMeta table = tables.computeIfAbsent(a.tableName(), name -> catalog.get(view, name));
                Map<String, AttributeValue> key = switch (a) {
                    case TransactWriteItems.Put put -> {
                        Keys.checkItemKey(table, put.item());
                        Items.checkSize(put.item());
                        putBytes += Items.size(put.item());
                        yield put.item();
                    }
                    case TransactWriteItems.Update update -> {
                        Keys.checkKey(table, update.key());
                        for (Path p : update.update().paths()) {
                            if (table.key().names().contains(p.attribute())) {
                                throw EddyException.validation(INVALID + "Cannot update attribute " + p.attribute()
                                        + ". This attribute is part of the key");
                            }
                        }
                        yield update.key();
                    }
                    case TransactWriteItems.Delete delete -> {
                        Keys.checkKey(table, delete.key());
                        yield delete.key();
                    }
                    case TransactWriteItems.ConditionCheck check -> {
                        Keys.checkKey(table, check.key());
                        yield check.key();
                    }
                };
                if (!seen.add(ByteBuffer.wrap(ItemKeys.key(table, key)))) {
                    throw EddyException.validation(MULTIPLE);
                }
            }
        }
        // the items to put are known before anything is read
        if (putBytes > MAX_AGGREGATE_BYTES) {
            throw EddyException.validation(TOO_LARGE);
        }
    }

    private static List<ConsumedCapacity> replayCapacity(TransactWriteItems req) {
        // a replay reads instead of writing: one transactional (doubled) consistent read per action
        Map<String, Double> units = new LinkedHashMap<>();
        for (TransactWriteItems.Action a : req.actions()) {
            units.merge(a.tableName(), 2 * Capacity.read(0, true), Double::sum);
        }
        return capacity(units);
    }

    private static List<ConsumedCapacity> capacity(Map<String, Double> units) {
        return units.entrySet().stream()
                .map(e -> ConsumedCapacity.ofTable(e.getKey(), e.getValue()))
                .toList();
    }

    TransactGetItems.Result get(TransactGetItems req) {
        try (ReadView view = store.snapshot()) {
            Map<String, TableMeta> tables = new HashMap<>();
            Set<ByteBuffer> seen = new HashSet<>();
            List<CancellationReason> reasons = new ArrayList<>();
            boolean invalid = false;
            for (GetItem g : req.gets()) {
                TableMeta table = tables.computeIfAbsent(g.tableName(), name -> catalog.get(view, name));
                try {
                    Keys.checkKey(table, g.key());
                    reasons.add(CancellationReason.NONE);
                } catch (EddyException e) {
                    // DynamoDB cancels the whole read and names the faulty action by its position
                    reasons.add(reason(e));
                    invalid = true;
                }
            }
            if (invalid) {
                throw EddyException.transactionCanceled(reasons);
            }
            for (GetItem g : req.gets()) {
                if (!seen.add(ByteBuffer.wrap(ItemKeys.key(tables.get(g.tableName()), g.key())))) {
                    throw EddyException.validation(MULTIPLE);
                }
            }
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            Map<String, Double> units = new LinkedHashMap<>();
            long total = 0;
            for (GetItem g : req.gets()) {
                TableMeta table = tables.get(g.tableName());
                byte[] bytes = view.get(ItemKeys.key(table, g.key()));
                Map<String, AttributeValue> item = bytes == null ? null : ItemCodec.decode(bytes);
                long size = item == null ? 0 : Items.size(item);
                total += size;
                if (total > MAX_AGGREGATE_BYTES) {
                    throw EddyException.validation(TOO_LARGE);
                }
                units.merge(table.name(), 2 * Capacity.read(size, true), Double::sum);
                items.add(
                        item == null || g.projection() == null
                                ? item
                                : g.projection().apply(item));
            }
            return new TransactGetItems.Result(Collections.unmodifiableList(items), capacity(units));
        }
    }
}
