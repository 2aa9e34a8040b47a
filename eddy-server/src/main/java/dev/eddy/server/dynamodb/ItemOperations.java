package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.expr.Condition;
import dev.eddy.expr.ExpressionContext;
import dev.eddy.expr.Projection;
import dev.eddy.expr.Update;
import dev.eddy.item.AttributeValue;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.CapacityReport;
import dev.eddy.table.ConsumedCapacity;
import dev.eddy.table.DeleteItem;
import dev.eddy.table.GetItem;
import dev.eddy.table.ItemCollectionMetrics;
import dev.eddy.table.PutItem;
import dev.eddy.table.ReadResult;
import dev.eddy.table.ReturnValues;
import dev.eddy.table.TableEngine;
import dev.eddy.table.UpdateItem;
import dev.eddy.table.WriteResult;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PutItem, GetItem, UpdateItem and DeleteItem: parse, validate, call the engine, render. */
public final class ItemOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> RETURN_VALUES = Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
    private static final Set<String> CAPACITY = Set.of("INDEXES", "TOTAL", "NONE");
    private static final Set<String> ON_FAILURE = Set.of("ALL_OLD", "NONE");
    private static final Set<String> METRICS = Set.of("SIZE", "NONE");

    private final TableEngine engine;

    ItemOperations(TableEngine engine) {
        this.engine = engine;
    }

    ObjectNode putItem(JsonRequest r) {
        String table = tableName(r);
        Map<String, AttributeValue> item = AttributeValueJson.item(r, "Item");
        r.required("item", item);
        Common c = common(r);
        r.check();
        Condition condition = condition(r);
        WriteResult result = engine.putItem(
                new PutItem(Names.table(table, engine), item, condition, c.returnValues, c.returnOld, c.capacity));
        return renderWrite(result, c);
    }

    ObjectNode deleteItem(JsonRequest r) {
        String table = tableName(r);
        Map<String, AttributeValue> key = AttributeValueJson.item(r, "Key");
        r.required("key", key);
        Common c = common(r);
        r.check();
        Condition condition = condition(r);
        WriteResult result = engine.deleteItem(
                new DeleteItem(Names.table(table, engine), key, condition, c.returnValues, c.returnOld, c.capacity));
        return renderWrite(result, c);
    }

    ObjectNode updateItem(JsonRequest r) {
        String table = tableName(r);
        Map<String, AttributeValue> key = AttributeValueJson.item(r, "Key");
        r.required("key", key);
        Common c = common(r);
        r.check();
        LegacyParameters.checkNotMixed(
                r,
                List.of("UpdateExpression", "ConditionExpression"),
                List.of("AttributeUpdates", "Expected", "ConditionalOperator"));
        Expressions ex = expressions(r, "UpdateExpression", "ConditionExpression");
        String updateText = r.string("UpdateExpression");
        Update update = updateText == null
                ? LegacyParameters.attributeUpdates(r)
                : ex.context().update(updateText);
        Condition condition = r.has("ConditionExpression")
                ? ex.condition(r.string("ConditionExpression"), "ConditionExpression")
                : LegacyParameters.expected(r);
        ex.done();
        WriteResult result = engine.updateItem(new UpdateItem(
                Names.table(table, engine), key, update, condition, c.returnValues, c.returnOld, c.capacity));
        return renderWrite(result, c);
    }

    ObjectNode getItem(JsonRequest r) {
        String table = tableName(r);
        Map<String, AttributeValue> key = AttributeValueJson.item(r, "Key");
        r.required("key", key);
        String capacity = r.string("ReturnConsumedCapacity");
        r.oneOf("returnConsumedCapacity", capacity, CAPACITY);
        Boolean consistent = r.bool("ConsistentRead");
        r.check();
        Projection projection = LegacyParameters.projection(r);
        CapacityReport report = capacity == null ? CapacityReport.NONE : CapacityReport.valueOf(capacity);
        ReadResult result = engine.getItem(
                new GetItem(Names.table(table, engine), key, projection, Boolean.TRUE.equals(consistent), report));
        ObjectNode out = NODES.objectNode();
        if (result.item() != null) {
            out.putRawValue("Item", AttributeValueJson.raw(result.item()));
        }
        capacity(out, result.capacity(), report);
        return out;
    }

    /** ConditionExpression, or the legacy Expected and ConditionalOperator; null for none. */
    private static Condition condition(JsonRequest r) {
        LegacyParameters.checkNotMixed(r, List.of("ConditionExpression"), List.of("Expected", "ConditionalOperator"));
        Expressions ex = expressions(r, "ConditionExpression");
        Condition condition = r.has("ConditionExpression")
                ? ex.condition(r.string("ConditionExpression"), "ConditionExpression")
                : LegacyParameters.expected(r);
        ex.done();
        return condition;
    }

    private record Common(ReturnValues returnValues, boolean returnOld, CapacityReport capacity, boolean metrics) {}

    private static Common common(JsonRequest r) {
        String rv = r.string("ReturnValues");
        r.oneOf("returnValues", rv, RETURN_VALUES);
        String capacity = r.string("ReturnConsumedCapacity");
        r.oneOf("returnConsumedCapacity", capacity, CAPACITY);
        String onFailure = r.string("ReturnValuesOnConditionCheckFailure");
        r.oneOf("returnValuesOnConditionCheckFailure", onFailure, ON_FAILURE);
        r.oneOf("returnItemCollectionMetrics", r.string("ReturnItemCollectionMetrics"), METRICS);
        return new Common(
                rv == null || !RETURN_VALUES.contains(rv) ? ReturnValues.NONE : ReturnValues.valueOf(rv),
                "ALL_OLD".equals(onFailure),
                capacity == null || !CAPACITY.contains(capacity)
                        ? CapacityReport.NONE
                        : CapacityReport.valueOf(capacity),
                "SIZE".equals(r.string("ReturnItemCollectionMetrics")));
    }

    private String tableName(JsonRequest r) {
        String name = r.string("TableName");
        Names.checkTable(r, "tableName", name, true);
        return name;
    }

    private static ObjectNode renderWrite(WriteResult result, Common c) {
        ObjectNode out = NODES.objectNode();
        if (result.attributes() != null) {
            out.putRawValue("Attributes", AttributeValueJson.raw(result.attributes()));
        }
        capacity(out, result.capacity(), c.capacity);
        if (c.metrics && result.collection() != null) {
            out.set("ItemCollectionMetrics", collection(result.collection()));
        }
        return out;
    }

    /** One ItemCollectionMetrics object: {@code ItemCollectionKey} and {@code SizeEstimateRangeGB}. */
    static ObjectNode collection(ItemCollectionMetrics m) {
        ObjectNode out = NODES.objectNode();
        out.set("ItemCollectionKey", AttributeValueJson.render(m.key()));
        ArrayNode range = out.putArray("SizeEstimateRangeGB");
        m.sizeEstimateRangeGb().forEach(range::add);
        return out;
    }

    public static void capacity(ObjectNode out, ConsumedCapacity c, CapacityReport report) {
        if (report == CapacityReport.NONE || c == null) {
            return;
        }
        ObjectNode cc = out.putObject("ConsumedCapacity");
        cc.put("TableName", c.tableName());
        cc.put("CapacityUnits", c.total());
        if (report == CapacityReport.INDEXES) {
            cc.putObject("Table").put("CapacityUnits", c.table());
            if (!c.globalIndexes().isEmpty()) {
                ObjectNode g = cc.putObject("GlobalSecondaryIndexes");
                c.globalIndexes().forEach((k, v) -> g.putObject(k).put("CapacityUnits", v));
            }
            if (!c.localIndexes().isEmpty()) {
                ObjectNode l = cc.putObject("LocalSecondaryIndexes");
                c.localIndexes().forEach((k, v) -> l.putObject(k).put("CapacityUnits", v));
            }
        }
    }

    /**
     * The ExpressionAttributeNames and -Values of a request, shared by all its expressions; checks
     * DynamoDB's rules about them being present, non-empty and used.
     */
    public static Expressions expressions(JsonRequest r, String... expressionFields) {
        boolean any = false;
        for (String f : expressionFields) {
            any |= r.has(f);
        }
        ObjectNode nameNodes = r.object("ExpressionAttributeNames");
        ObjectNode valueNodes = r.object("ExpressionAttributeValues");
        if (nameNodes != null && !any) {
            throw EddyException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (valueNodes != null && !any) {
            throw EddyException.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        if (nameNodes != null && nameNodes.isEmpty()) {
            throw EddyException.validation("ExpressionAttributeNames must not be empty");
        }
        if (valueNodes != null && valueNodes.isEmpty()) {
            throw EddyException.validation("ExpressionAttributeValues must not be empty");
        }
        Map<String, String> names = new LinkedHashMap<>();
        if (nameNodes != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            nameNodes.properties().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw JsonRequest.wrongType(e.getValue());
                }
                names.put(e.getKey(), e.getValue().textValue());
            }
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        if (valueNodes != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            valueNodes.properties().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    values.put(e.getKey(), AttributeValueJson.value(e.getValue(), 1));
                } catch (EddyException ex) {
                    if (ex.code() != dev.eddy.error.ErrorCode.VALIDATION) {
                        throw ex;
                    }
                    throw EddyException.validation("ExpressionAttributeValues contains invalid value: "
                            + ex.getMessage() + " for key " + e.getKey());
                }
            }
        }
        return new Expressions(new ExpressionContext(names, values));
    }

    /** One request's expressions. */
    public record Expressions(ExpressionContext context) {
        public Condition condition(String text, String parameter) {
            return text == null ? null : context.condition(text, parameter);
        }

        public void done() {
            context.checkAllUsed();
        }
    }
}
