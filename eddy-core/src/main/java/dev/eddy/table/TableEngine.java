package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * DynamoDB tables on a {@link Store}: the control plane (create, describe, update, delete, tags)
 * and single-item reads and writes. Thread-safe; every method may be called from any thread.
 */
public final class TableEngine {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private final Store store;
    private final InstantSource clock;
    private final String region;
    private final String account;
    private final TableCatalog catalog = new TableCatalog();
    private final TableStats stats;
    private final List<WriteMaintainer> maintainers = new CopyOnWriteArrayList<>();
    private final ItemWriter writer;

    public TableEngine(Store store, InstantSource clock, String region, String account) {
        this.store = store;
        this.clock = clock;
        this.region = region;
        this.account = account;
        this.stats = new TableStats(store);
        this.writer = new ItemWriter(store, catalog, stats, maintainers);
    }

    /** Adds a maintainer that every later write calls inside its transaction. */
    public void addMaintainer(WriteMaintainer maintainer) {
        maintainers.add(maintainer);
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    public String arn(TableMeta table) {
        return table.arn(region, account);
    }

    /** Item count and size of a table, as DescribeTable reports them. */
    public TableStats.Snapshot statistics(TableMeta table) {
        return stats.of(table.id());
    }

    // ---- control plane ----

    public TableMeta createTable(CreateTable req) {
        boolean provisioned = !"PAY_PER_REQUEST".equals(req.billingMode());
        if (provisioned && (req.readCapacity() == null || req.writeCapacity() == null)) {
            throw EddyException.validation(req.billingMode() == null
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
        TableValidation.stream(req.streamEnabled(), req.streamViewType());
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
                    .billingMode(provisioned ? "PROVISIONED" : "PAY_PER_REQUEST")
                    .readCapacity(provisioned ? req.readCapacity() : 0)
                    .writeCapacity(provisioned ? req.writeCapacity() : 0)
                    .globalIndexes(indexes.stream().filter(IndexDefinition::global).toList())
                    .localIndexes(indexes.stream().filter(i -> !i.global()).toList())
                    .streamEnabled(Boolean.TRUE.equals(req.streamEnabled()))
                    .streamViewType(req.streamViewType())
                    .tags(req.tags() == null ? Map.of() : req.tags())
                    .createdMillis(now)
                    .payPerRequestSinceMillis(provisioned ? 0 : now)
                    .deletionProtection(req.deletionProtection())
                    .tableClass(req.tableClass() == null ? "STANDARD" : req.tableClass())
                    .build();
            catalog.put(tx, meta);
            return meta;
        });
        stats.created(created.id());
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
    public record Page<T>(List<T> items, String lastEvaluated) {
    }

    public TableMeta updateTable(UpdateTable req) {
        if (req.changesNothing()) {
            throw EddyException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        TableValidation.stream(req.streamEnabled(), req.streamViewType());
        long now = clock.millis();
        return store.run(tx -> {
            TableMeta t = catalog.get(tx, req.tableName());
            String billing = req.billingMode() == null ? t.billingMode() : req.billingMode();
            boolean provisioned = "PROVISIONED".equals(billing);
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
            } else if (provisioned && "PAY_PER_REQUEST".equals(t.billingMode())) {
                throw EddyException.validation(INVALID + "ProvisionedThroughput must be specified when BillingMode "
                        + "is PROVISIONED");
            }
            if (!provisioned) {
                rcu = 0;
                wcu = 0;
            }
            boolean streamEnabled = t.streamEnabled();
            String viewType = t.streamViewType();
            if (req.streamEnabled() != null) {
                if (req.streamEnabled() && t.streamEnabled()) {
                    throw EddyException.validation("Table already has an enabled stream: " + t.arn(region, account));
                }
                if (!req.streamEnabled() && !t.streamEnabled()) {
                    throw EddyException.validation("Table already has no stream enabled");
                }
                streamEnabled = req.streamEnabled();
                viewType = req.streamEnabled() ? req.streamViewType() : null;
            }
            long ppr = !provisioned && "PROVISIONED".equals(t.billingMode()) ? now : t.payPerRequestSinceMillis();
            TableMeta updated = t.toBuilder()
                    .billingMode(billing)
                    .readCapacity(rcu)
                    .writeCapacity(wcu)
                    .streamEnabled(streamEnabled)
                    .streamViewType(viewType)
                    .payPerRequestSinceMillis(ppr)
                    .deletionProtection(req.deletionProtection() == null ? t.deletionProtection()
                            : req.deletionProtection())
                    .tableClass(req.tableClass() == null ? t.tableClass() : req.tableClass())
                    .build();
            catalog.put(tx, updated);
            return updated;
        });
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
            return t;
        });
        stats.dropped(deleted.id());
        return deleted;
    }

    // ---- tags ----

    public void tagResource(String arn, Map<String, String> tags) {
        String name = tableOfArn(arn);
        store.run(tx -> {
            TableMeta t = tableForArn(tx, name, arn);
            Map<String, String> merged = new HashMap<>(t.tags());
            merged.putAll(tags);
            if (merged.size() > 50) {
                throw EddyException.validation("One or more parameter values were invalid: The number of tags "
                        + "exceeds the limit of 50");
            }
            catalog.put(tx, t.withTags(merged));
            return null;
        });
    }

    public void untagResource(String arn, List<String> keys) {
        String name = tableOfArn(arn);
        store.run(tx -> {
            TableMeta t = tableForArn(tx, name, arn);
            Map<String, String> remaining = new HashMap<>(t.tags());
            keys.forEach(remaining::remove);
            catalog.put(tx, t.withTags(remaining));
            return null;
        });
    }

    public Map<String, String> listTags(String arn) {
        String name = tableOfArn(arn);
        try (ReadView view = store.snapshot()) {
            return new LinkedHashMap<>(tableForArn(view, name, arn).tags());
        }
    }

    private String tableOfArn(String arn) {
        String prefix = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
        if (arn == null || !arn.startsWith("arn:")) {
            throw EddyException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        if (!arn.startsWith(prefix) || arn.substring(prefix.length()).contains("/")) {
            throw notFoundArn(arn);
        }
        return arn.substring(prefix.length());
    }

    private TableMeta tableForArn(ReadView view, String name, String arn) {
        TableMeta t = catalog.find(view, name);
        if (t == null) {
            throw notFoundArn(arn);
        }
        return t;
    }

    private static EddyException notFoundArn(String arn) {
        // DynamoDB's own wording, typo included
        return EddyException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
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
}
