package dev.eddy.table;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * DynamoDB tables on a {@link Store}: the control plane (create, describe, update, delete, tags)
 * and single-item reads and writes. Thread-safe; every method may be called from any thread.
 *
 * <p>Lifecycle: constructed with every {@link WriteMaintainer} it will ever call (the list is fixed
 * from then on), {@linkplain #start started} on the node's background work, closed before the
 * store.
 */
public final class TableEngine implements AutoCloseable {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private final Store store;
    private final InstantSource clock;
    private final Account owner;
    private final TableCatalog catalog = new TableCatalog();
    private final TableStats stats;
    private final List<WriteMaintainer> maintainers;
    private final ItemWriter writer;
    private final QueryEngine reads;
    private final IndexBuilder indexBuilder;
    private final Batches batches;
    private final TransactionEngine transactions;
    private final TableTags tags;
    private final ContinuousBackups continuousBackups;
    private volatile BackgroundWork.Registration ttlSweep;

    /** An engine whose writes maintain secondary indexes and the TTL index only. */
    public TableEngine(Store store, InstantSource clock, Account account) {
        this(store, clock, account, List.of());
    }

    /**
     * Opens the tables stored in {@code store}; index backfills a previous run left unfinished are
     * queued for when the engine starts.
     *
     * @param maintainers called by every write after the engine's own (secondary indexes, TTL)
     */
    public TableEngine(Store store, InstantSource clock, Account account, List<WriteMaintainer> maintainers) {
        this.store = store;
        this.clock = clock;
        this.owner = account;
        List<WriteMaintainer> all = new ArrayList<>();
        all.add(new IndexMaintainer());
        all.add(new TtlIndex());
        all.addAll(maintainers);
        this.maintainers = List.copyOf(all);
        this.stats = new TableStats(store);
        this.writer = new ItemWriter(store, catalog, stats, this.maintainers);
        this.reads = new QueryEngine(store, catalog);
        this.indexBuilder = new IndexBuilder(store, catalog, stats.indexes());
        indexBuilder.resume();
        this.batches = new Batches(store, catalog, writer);
        this.transactions = new TransactionEngine(store, catalog, writer, new IdempotencyCache(store, clock));
        this.tags = new TableTags(store, catalog, account);
        this.continuousBackups = new ContinuousBackups(store, catalog, clock);
    }

    /**
     * Registers the engine's background work: index backfills (including those a previous run left
     * unfinished) and TTL deletion every {@code ttlSweepInterval}. They run once {@code work} starts.
     */
    public void start(BackgroundWork work, Duration ttlSweepInterval) {
        indexBuilder.attach(work);
        ttlSweep = work.schedule("ttl-sweep", ttlSweepInterval, ttlSweeper());
    }

    /**
     * Takes the engine's tasks off the background work (a pass in progress finishes). Idempotent;
     * the store stays open, it belongs to the caller.
     */
    @Override
    public void close() {
        indexBuilder.detach();
        BackgroundWork.Registration r = ttlSweep;
        if (r != null) {
            r.cancel();
        }
    }

    public String region() {
        return owner.region();
    }

    public String account() {
        return owner.id();
    }

    public Arn.Table arn(TableMeta table) {
        return table.arn(owner);
    }

    /** Item count and size of a table, as DescribeTable reports them. */
    public TableStats.Snapshot statistics(TableMeta table) {
        return stats.of(table.id());
    }

    /** ItemCount and IndexSizeBytes of a secondary index, as DescribeTable reports them. */
    public TableStats.Snapshot statistics(TableMeta table, IndexDefinition index) {
        return stats.indexes().of(table, index);
    }

    // ---- control plane ----

    public TableMeta createTable(CreateTable req) {
        boolean provisioned = req.billingMode() != BillingMode.PAY_PER_REQUEST;
        if (provisioned && (req.readCapacity() == null || req.writeCapacity() == null)) {
            throw EddyException.validation(
                    req.billingMode() == null
                            ? "No provisioned throughput specified for the table"
                            : INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                                    + "BillingMode is PROVISIONED");
        }
        if (!provisioned && (req.readCapacity() != null || req.writeCapacity() != null)) {
            throw EddyException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                    + "specified when BillingMode is PAY_PER_REQUEST");
        }
        KeySchema key = TableValidation.keySchema(req.keySchema(), req.attributeDefinitions(), "table");
        List<IndexDefinition> indexes = TableValidation.indexes(req, key, provisioned);
        TableValidation.attributeDefinitionsUsed(req, key, indexes);
        TableValidation.stream(req.streamEnabled(), req.streamViewType(), true);
        long now = clock.millis();
        TableMeta created = store.run(tx -> {
            if (catalog.find(tx, req.tableName()) != null) {
                throw EddyException.resourceInUse("Table already exists: " + req.tableName());
            }
            TableMeta meta = TableMeta.builder()
                    .name(req.tableName())
                    .id(catalog.nextId(tx))
                    .uuid(UUID.randomUUID().toString())
                    .key(key)
                    .attributeDefinitions(req.attributeDefinitions())
                    .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST)
                    .readCapacity(provisioned ? req.readCapacity() : 0)
                    .writeCapacity(provisioned ? req.writeCapacity() : 0)
                    .globalIndexes(
                            indexes.stream().filter(IndexDefinition::global).toList())
                    .localIndexes(indexes.stream().filter(i -> !i.global()).toList())
                    .streamEnabled(Boolean.TRUE.equals(req.streamEnabled()))
                    .streamViewType(Boolean.TRUE.equals(req.streamEnabled()) ? req.streamViewType() : null)
                    .latestStreamLabel(Boolean.TRUE.equals(req.streamEnabled()) ? streamLabel(now, null) : null)
                    .tags(req.tags() == null ? Map.of() : req.tags())
                    .createdMillis(now)
                    .payPerRequestSinceMillis(provisioned ? 0 : now)
                    .deletionProtection(req.deletionProtection())
                    .tableClass(req.tableClass() == null ? "STANDARD" : req.tableClass())
                    .build();
            catalog.put(tx, meta);
            maintainers.forEach(m -> m.onTableChange(tx, null, meta));
            return meta;
        });
        stats.created(created.id());
        maintainers.forEach(m -> m.afterTableChange(null, created));
        return created;
    }

    public TableMeta describeTable(String name) {
        try (ReadView view = store.snapshot()) {
            return catalog.get(view, name);
        }
    }

    /** One page of table names after {@code exclusiveStart}, in name order. */
    public Page<String> listTables(String exclusiveStart, int limit) {
        List<String> names = new ArrayList<>();
        try (ReadView view = store.snapshot()) {
            for (TableMeta t : catalog.list(view)) {
                if (exclusiveStart == null || t.name().compareTo(exclusiveStart) > 0) {
                    names.add(t.name());
                }
            }
        }
        if (names.size() > limit) {
            List<String> page = names.subList(0, limit);
            return new Page<>(List.copyOf(page), page.get(limit - 1));
        }
        return new Page<>(names, null);
    }

    /** One page of results and the key to continue from, or null when this is the last page. */
    public record Page<T>(List<T> items, String lastEvaluated) {}

    public TableMeta updateTable(UpdateTable req) {
        if (req.changesNothing()) {
            throw EddyException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        TableValidation.stream(req.streamEnabled(), req.streamViewType(), false);
        long now = clock.millis();
        TableMeta[] before = new TableMeta[1];
        TableMeta result = store.run(tx -> {
            TableMeta t = catalog.get(tx, req.tableName());
            before[0] = t;
            BillingMode billing = req.billingMode() == null ? t.billingMode() : req.billingMode();
            boolean provisioned = billing == BillingMode.PROVISIONED;
            long rcu = t.readCapacity();
            long wcu = t.writeCapacity();
            if (req.readCapacity() != null) {
                if (!provisioned) {
                    throw EddyException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                            + "specified when BillingMode is PAY_PER_REQUEST");
                }
                if (req.readCapacity() == rcu && req.writeCapacity() == wcu && req.billingMode() == null) {
                    throw EddyException.validation("The provisioned throughput for the table will not change. "
                            + "The requested value equals the current value. Current ReadCapacityUnits provisioned "
                            + "for the table: " + rcu + ". Requested ReadCapacityUnits: " + req.readCapacity()
                            + ". Current WriteCapacityUnits provisioned for the table: " + wcu
                            + ". Requested WriteCapacityUnits: " + req.writeCapacity() + ". Refer to the Amazon "
                            + "DynamoDB Developer Guide for current limits and how to request higher limits.");
                }
                rcu = req.readCapacity();
                wcu = req.writeCapacity();
            } else if (provisioned && t.billingMode() == BillingMode.PAY_PER_REQUEST) {
                throw EddyException.validation(
                        INVALID + "ProvisionedThroughput must be specified when BillingMode " + "is PROVISIONED");
            }
            if (!provisioned) {
                rcu = 0;
                wcu = 0;
            }
            boolean streamEnabled = t.streamEnabled();
            StreamViewType viewType = t.streamViewType();
            String label = t.latestStreamLabel();
            if (req.streamEnabled() != null) {
                if (req.streamEnabled() && t.streamEnabled()) {
                    throw EddyException.validation("Table already has an enabled stream: TableName: " + t.name());
                }
                if (!req.streamEnabled() && !t.streamEnabled()) {
                    throw EddyException.validation("Table has no stream to disable: TableName: " + t.name());
                }
                streamEnabled = req.streamEnabled();
                viewType = req.streamEnabled() ? req.streamViewType() : null;
                // a new stream every time one is enabled: a new label, so a new ARN
                label = req.streamEnabled() ? streamLabel(now, t.latestStreamLabel()) : label;
            }
            long ppr = !provisioned && t.billingMode() == BillingMode.PROVISIONED ? now : t.payPerRequestSinceMillis();
            TableMeta updated = t.toBuilder()
                    .billingMode(billing)
                    .readCapacity(rcu)
                    .writeCapacity(wcu)
                    .streamEnabled(streamEnabled)
                    .streamViewType(viewType)
                    .latestStreamLabel(label)
                    .payPerRequestSinceMillis(ppr)
                    .deletionProtection(
                            req.deletionProtection() == null ? t.deletionProtection() : req.deletionProtection())
                    .tableClass(req.tableClass() == null ? t.tableClass() : req.tableClass())
                    .build();
            catalog.put(tx, updated);
            maintainers.forEach(m -> m.onTableChange(tx, t, updated));
            return updated;
        });
        maintainers.forEach(m -> m.afterTableChange(before[0], result));
        return result;
    }

    private static final java.time.format.DateTimeFormatter LABEL = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(java.time.ZoneOffset.UTC);

    /** A stream label (creation time, UTC, milliseconds) different from the table's previous one. */
    private static String streamLabel(long millis, String previous) {
        String label = LABEL.format(java.time.Instant.ofEpochMilli(millis));
        return label.equals(previous) ? LABEL.format(java.time.Instant.ofEpochMilli(millis + 1)) : label;
    }

    public TableMeta deleteTable(String name) {
        TableMeta deleted = store.run(tx -> {
            TableMeta t = catalog.get(tx, name);
            if (t.deletionProtection()) {
                throw EddyException.validation("Resource cannot be deleted as it is currently protected against "
                        + "deletion. Disable deletion protection first.");
            }
            catalog.remove(tx, name);
            var range = ItemKeys.table(t.id());
            tx.clearRange(range.begin(), range.end());
            maintainers.forEach(m -> m.onTableChange(tx, t, null));
            return t;
        });
        // index and TTL entries are keyed by the table's id, which is never reused
        indexBuilder.clear(IndexKeys.table(deleted.id()));
        indexBuilder.clear(TtlIndex.table(deleted.id()));
        stats.dropped(deleted.id());
        maintainers.forEach(m -> m.afterTableChange(deleted, null));
        return deleted;
    }

    /**
     * Applies UpdateTable's GlobalSecondaryIndexUpdates: a created index is CREATING until its
     * background backfill has indexed every item; a deleted one is gone, with its entries, when
     * this returns.
     *
     * @param attributeDefinitions the request's AttributeDefinitions (may be null)
     */
    public TableMeta updateGlobalIndexes(
            String tableName,
            Map<String, dev.eddy.item.AttributeValue.Type> attributeDefinitions,
            List<GlobalIndexUpdate> updates) {
        GlobalIndexUpdates.Result r = store.run(tx -> {
            GlobalIndexUpdates.Result result =
                    GlobalIndexUpdates.apply(catalog.get(tx, tableName), attributeDefinitions, updates);
            catalog.put(tx, result.table());
            return result;
        });
        for (String name : r.deleted()) {
            indexBuilder.clear(dev.eddy.store.Keyspace.INDEX.range(
                    dev.eddy.store.Tuple.of(r.table().id(), name)));
            stats.indexes().forget(r.table().id(), name);
        }
        for (String name : r.created()) {
            indexBuilder.backfill(r.table().name(), r.table().id(), name);
        }
        return r.table();
    }

    // ---- time to live ----

    /** TimeToLiveDescription: status ENABLED or DISABLED, and the attribute when enabled. */
    public record TimeToLive(String status, String attributeName) {}

    /**
     * UpdateTimeToLive. Eddy applies the change at once (no ENABLING or DISABLING phase), so the
     * hourly limit on changes in progress never applies. Enabling indexes the existing items in
     * the background; disabling drops the TTL index.
     */
    public TimeToLive updateTimeToLive(String tableName, boolean enabled, String attributeName) {
        long now = clock.millis();
        TableMeta updated = store.run(tx -> {
            TableMeta t = catalog.get(tx, tableName);
            if (enabled && t.ttlEnabled()) {
                throw EddyException.validation("TimeToLive is already enabled");
            }
            if (!enabled && !t.ttlEnabled()) {
                throw EddyException.validation("TimeToLive is already disabled");
            }
            TableMeta u = t.toBuilder()
                    .ttlEnabled(enabled)
                    .ttlAttribute(enabled ? attributeName : t.ttlAttribute())
                    .ttlChangedMillis(now)
                    .build();
            catalog.put(tx, u);
            return u;
        });
        if (enabled) {
            indexBuilder.backfillTtl(updated.name(), updated.id());
        } else {
            indexBuilder.clear(TtlIndex.table(updated.id()));
        }
        return new TimeToLive(enabled ? "ENABLED" : "DISABLED", attributeName);
    }

    public TimeToLive describeTimeToLive(String tableName) {
        TableMeta t = describeTable(tableName);
        return t.ttlEnabled() ? new TimeToLive("ENABLED", t.ttlAttribute()) : new TimeToLive("DISABLED", null);
    }

    /** A sweeper that deletes this engine's expired items when its pass runs. */
    public TtlSweeper ttlSweeper() {
        return new TtlSweeper(store, catalog, writer, clock);
    }

    /** The tables' point-in-time recovery settings. */
    public ContinuousBackups continuousBackups() {
        return continuousBackups;
    }

    // ---- tags ----

    public void tagResource(String arn, Map<String, String> tags) {
        this.tags.tag(arn, tags);
    }

    public void untagResource(String arn, List<String> keys) {
        tags.untag(arn, keys);
    }

    public Map<String, String> listTags(String arn) {
        return tags.list(arn);
    }

    // ---- items ----

    public WriteResult putItem(PutItem op) {
        return writer.put(op);
    }

    public ReadResult getItem(GetItem op) {
        return writer.get(op);
    }

    public WriteResult updateItem(UpdateItem op) {
        return writer.update(op);
    }

    public WriteResult deleteItem(DeleteItem op) {
        return writer.delete(op);
    }

    /** One page of a Query. */
    public ReadPage query(Query op) {
        return reads.query(op);
    }

    /** One page of a Scan. */
    public ReadPage scan(Scan op) {
        return reads.scan(op);
    }

    // ---- batches and transactions ----

    public BatchGetItem.Result batchGetItem(BatchGetItem op) {
        return batches.get(op);
    }

    public BatchWriteItem.Result batchWriteItem(BatchWriteItem op) {
        return batches.write(op);
    }

    /**
     * How many items the global secondary index backfills of this process left out because an
     * index key attribute had the wrong type, was empty or was over the key size limits (each is
     * also logged with its key). DynamoDB skips such items too, but has no field reporting them.
     * Thread-safe.
     */
    public long indexBackfillSkippedItems() {
        return indexBuilder.skipped();
    }

    /**
     * Sets the size limit of item collections in tables with local secondary indexes, in bytes
     * (DynamoDB's, and the default, is 10 GB), so that tests can reach it with a few items.
     * Thread-safe; applies to writes that start afterwards.
     */
    public void itemCollectionLimit(long bytes) {
        writer.itemCollectionLimit(bytes);
    }

    /**
     * Runs every action in one store transaction: all writes commit together or none does.
     *
     * @throws dev.eddy.error.EddyException TransactionCanceledException with the detail
     *     {@link dev.eddy.error.ErrorDetail.Cancellation} (one reason per action, in order)
     */
    public TransactWriteItems.Result transactWriteItems(TransactWriteItems op) {
        return transactions.write(op);
    }

    public TransactGetItems.Result transactGetItems(TransactGetItems op) {
        return transactions.get(op);
    }
}
