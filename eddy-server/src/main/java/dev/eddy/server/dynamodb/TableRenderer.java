package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.arn.Arn;
import dev.eddy.table.BillingMode;
import dev.eddy.table.IndexDefinition;
import dev.eddy.table.KeySchema;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import dev.eddy.table.TableStats;
import dev.eddy.table.TableStatus;
import java.util.List;

/** Renders DynamoDB's TableDescription. */
final class TableRenderer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long ON_DEMAND_WARM_READS = 12_000;
    private static final long ON_DEMAND_WARM_WRITES = 4_000;

    private final TableEngine engine;

    TableRenderer(TableEngine engine) {
        this.engine = engine;
    }

    ObjectNode describe(TableMeta t, TableStatus status) {
        ObjectNode d = NODES.objectNode();
        ArrayNode defs = d.putArray("AttributeDefinitions");
        t.attributeDefinitions().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> defs.addObject()
                        .put("AttributeName", e.getKey())
                        .put("AttributeType", e.getValue().name()));
        d.put("TableName", t.name());
        d.set("KeySchema", keySchema(t.key()));
        d.put("TableStatus", status.name());
        if (status != TableStatus.DELETING) {
            // DeleteTable's description has no creation time in DynamoDB's answers
            d.put("CreationDateTime", t.createdMillis() / 1000.0);
        }
        d.set("ProvisionedThroughput", throughput(t.readCapacity(), t.writeCapacity()));
        TableStats.Snapshot stats =
                status == TableStatus.DELETING ? new TableStats.Snapshot(0, 0) : engine.statistics(t);
        d.put("TableSizeBytes", stats.bytes());
        d.put("ItemCount", stats.items());
        Arn.Table tableArn = engine.arn(t);
        String arn = tableArn.toString();
        d.put("TableArn", arn);
        d.put("TableId", t.uuid());
        if (t.billingMode() == BillingMode.PAY_PER_REQUEST) {
            ObjectNode summary =
                    d.putObject("BillingModeSummary").put("BillingMode", BillingMode.PAY_PER_REQUEST.name());
            // DynamoDB records the time of a switch to on-demand only: a table created on demand has none
            if (t.payPerRequestSinceMillis() > 0 && t.payPerRequestSinceMillis() != t.createdMillis()) {
                summary.put("LastUpdateToPayPerRequestDateTime", t.payPerRequestSinceMillis() / 1000.0);
            }
        }
        if (!t.localIndexes().isEmpty()) {
            d.set("LocalSecondaryIndexes", indexes(t, t.localIndexes(), arn, status));
        }
        if (!t.globalIndexes().isEmpty()) {
            d.set("GlobalSecondaryIndexes", indexes(t, t.globalIndexes(), arn, status));
        }
        if (t.streamEnabled()) {
            d.putObject("StreamSpecification")
                    .put("StreamEnabled", true)
                    .put("StreamViewType", wire(t.streamViewType()));
        }
        if (t.latestStreamLabel() != null) {
            // kept after the stream is disabled: it names the last stream the table had
            d.put("LatestStreamLabel", t.latestStreamLabel());
            d.put("LatestStreamArn", tableArn.stream(t.latestStreamLabel()).toString());
        }
        if (!"STANDARD".equals(t.tableClass())) {
            d.putObject("TableClassSummary").put("TableClass", t.tableClass());
        }
        d.put("DeletionProtectionEnabled", t.deletionProtection());
        d.set("WarmThroughput", warmThroughput(t, t.readCapacity(), t.writeCapacity(), status.name()));
        return d;
    }

    /**
     * What the table or index could serve at once: DynamoDB's starting values for on-demand
     * capacity (12,000 reads and 4,000 writes a second), the provisioned capacity otherwise.
     */
    private static ObjectNode warmThroughput(TableMeta t, long rcu, long wcu, String status) {
        boolean onDemand = t.billingMode() == BillingMode.PAY_PER_REQUEST;
        return NODES.objectNode()
                .put("ReadUnitsPerSecond", onDemand ? ON_DEMAND_WARM_READS : rcu)
                .put("WriteUnitsPerSecond", onDemand ? ON_DEMAND_WARM_WRITES : wcu)
                .put("Status", status);
    }

    private ArrayNode indexes(TableMeta t, List<IndexDefinition> list, String tableArn, TableStatus status) {
        ArrayNode a = NODES.arrayNode();
        for (IndexDefinition i : list) {
            ObjectNode o = a.addObject();
            o.put("IndexName", i.name());
            o.set("KeySchema", keySchema(i.key()));
            ObjectNode p = o.putObject("Projection").put("ProjectionType", i.projectionType());
            if (i.nonKeyAttributes() != null) {
                ArrayNode nk = p.putArray("NonKeyAttributes");
                i.nonKeyAttributes().forEach(nk::add);
            }
            if (i.global()) {
                o.put("IndexStatus", wire(i.status()));
                if (i.backfilling()) {
                    o.put("Backfilling", true);
                }
                o.set("ProvisionedThroughput", throughput(i.readCapacity(), i.writeCapacity()));
                o.set("WarmThroughput", warmThroughput(t, i.readCapacity(), i.writeCapacity(), wire(i.status())));
            }
            TableStats.Snapshot stats =
                    status == TableStatus.DELETING ? new TableStats.Snapshot(0, 0) : engine.statistics(t, i);
            o.put("IndexSizeBytes", stats.bytes());
            o.put("ItemCount", stats.items());
            o.put("IndexArn", tableArn + "/index/" + i.name());
        }
        return a;
    }

    /** An enumeration's wire form: its name (null stays null). */
    private static String wire(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static ArrayNode keySchema(KeySchema ks) {
        ArrayNode a = NODES.arrayNode();
        // a multi-attribute GSI key lists its HASH entries, then its RANGE entries, in request order
        ks.hashKeys().forEach(k -> a.addObject().put("AttributeName", k.name()).put("KeyType", "HASH"));
        ks.rangeKeys().forEach(k -> a.addObject().put("AttributeName", k.name()).put("KeyType", "RANGE"));
        return a;
    }

    private static ObjectNode throughput(long rcu, long wcu) {
        return NODES.objectNode()
                .put("NumberOfDecreasesToday", 0)
                .put("ReadCapacityUnits", rcu)
                .put("WriteCapacityUnits", wcu);
    }
}
