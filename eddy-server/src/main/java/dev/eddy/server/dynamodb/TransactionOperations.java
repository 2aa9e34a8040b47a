package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.expr.Condition;
import dev.eddy.expr.Projection;
import dev.eddy.expr.Update;
import dev.eddy.item.AttributeValue;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.CapacityReport;
import dev.eddy.table.GetItem;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TransactGetItems;
import dev.eddy.table.TransactWriteItems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** TransactWriteItems and TransactGetItems: parse, validate, call the engine, render. */
final class TransactionOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CAPACITY = Set.of("INDEXES", "TOTAL", "NONE");
    private static final Set<String> METRICS = Set.of("SIZE", "NONE");
    private static final Set<String> ON_FAILURE = Set.of("ALL_OLD", "NONE");
    static final int MAX_ACTIONS = 100;
    private static final List<String> WRITE_KINDS = List.of("ConditionCheck", "Put", "Delete", "Update");

    private final TableEngine engine;

    TransactionOperations(TableEngine engine) {
        this.engine = engine;
    }

    ObjectNode transactWriteItems(JsonRequest r) {
        ArrayNode items = r.array("TransactItems");
        r.required("transactItems", items);
        if (items != null) {
            r.size("transactItems", items.toString(), items.size(), 1, MAX_ACTIONS);
        }
        String capacity = r.string("ReturnConsumedCapacity");
        r.oneOf("returnConsumedCapacity", capacity, CAPACITY);
        r.oneOf("returnItemCollectionMetrics", r.string("ReturnItemCollectionMetrics"), METRICS);
        String token = r.string("ClientRequestToken");
        r.length("clientRequestToken", token, 1, 36);
        List<Parsed> parsed = new ArrayList<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                parsed.add(shape(r, items.get(i), i + 1));
            }
        }
        r.check();
        List<TransactWriteItems.Action> actions = new ArrayList<>();
        for (Parsed p : parsed) {
            actions.add(action(p));
        }
        CapacityReport report = BatchOperations.report(capacity);
        String fingerprint = token == null
                ? null
                : fingerprint(r.body().get("TransactItems"), r.body().get("ReturnItemCollectionMetrics"));
        TransactWriteItems.Result result =
                engine.transactWriteItems(new TransactWriteItems(actions, token, fingerprint, report));
        ObjectNode out = NODES.objectNode();
        BatchOperations.capacities(out, result.capacity(), report);
        if ("SIZE".equals(r.string("ReturnItemCollectionMetrics"))) {
            BatchOperations.collections(out, result.collections());
        }
        return out;
    }

    /** One TransactWriteItems element, its kind found and its members type- and constraint-checked. */
    private record Parsed(
            String kind, ObjectNode op, String table, Map<String, AttributeValue> keyOrItem, boolean returnOld) {}

    private Parsed shape(JsonRequest r, JsonNode element, int position) {
        if (!element.isObject()) {
            throw JsonRequest.wrongType(element);
        }
        String kind = null;
        ObjectNode op = null;
        for (String k : WRITE_KINDS) {
            ObjectNode o = JsonRequest.object(element, k);
            if (o != null) {
                if (op != null) {
                    throw EddyException.validation(
                            "TransactItems can only contain one of Check, Put, Update or Delete");
                }
                kind = k;
                op = o;
            }
        }
        if (op == null) {
            throw EddyException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String member =
                "transactItems." + position + ".member." + Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
        String table = JsonRequest.string(op, "TableName");
        Names.checkTable(r, member + ".tableName", table, true);
        String keyField = kind.equals("Put") ? "Item" : "Key";
        Map<String, AttributeValue> keyOrItem = AttributeValueJson.item(JsonRequest.object(op, keyField));
        r.required(member + "." + Character.toLowerCase(keyField.charAt(0)) + keyField.substring(1), keyOrItem);
        if (kind.equals("Update")) {
            r.required(member + ".updateExpression", JsonRequest.string(op, "UpdateExpression"));
        }
        if (kind.equals("ConditionCheck")) {
            r.required(member + ".conditionExpression", JsonRequest.string(op, "ConditionExpression"));
        }
        String onFailure = JsonRequest.string(op, "ReturnValuesOnConditionCheckFailure");
        r.oneOf(member + ".returnValuesOnConditionCheckFailure", onFailure, ON_FAILURE);
        return new Parsed(kind, op, table, keyOrItem, "ALL_OLD".equals(onFailure));
    }

    private TransactWriteItems.Action action(Parsed p) {
        JsonRequest op = new JsonRequest(p.op);
        String table = Names.table(p.table, engine);
        boolean update = p.kind.equals("Update");
        ItemOperations.Expressions ex = update
                ? ItemOperations.expressions(op, "UpdateExpression", "ConditionExpression")
                : ItemOperations.expressions(op, "ConditionExpression");
        Update u = update ? ex.context().update(op.string("UpdateExpression")) : null;
        Condition condition = ex.condition(op.string("ConditionExpression"), "ConditionExpression");
        ex.done();
        return switch (p.kind) {
            case "Put" -> new TransactWriteItems.Put(table, p.keyOrItem, condition, p.returnOld);
            case "Delete" -> new TransactWriteItems.Delete(table, p.keyOrItem, condition, p.returnOld);
            case "Update" -> new TransactWriteItems.Update(table, p.keyOrItem, u, condition, p.returnOld);
            default -> new TransactWriteItems.ConditionCheck(table, p.keyOrItem, condition, p.returnOld);
        };
    }

    ObjectNode transactGetItems(JsonRequest r) {
        ArrayNode items = r.array("TransactItems");
        r.required("transactItems", items);
        if (items != null) {
            r.size("transactItems", items.toString(), items.size(), 1, MAX_ACTIONS);
        }
        String capacity = r.string("ReturnConsumedCapacity");
        r.oneOf("returnConsumedCapacity", capacity, CAPACITY);
        List<ObjectNode> gets = new ArrayList<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode element = items.get(i);
                if (!element.isObject()) {
                    throw JsonRequest.wrongType(element);
                }
                String member = "transactItems." + (i + 1) + ".member.get";
                ObjectNode get = JsonRequest.object(element, "Get");
                r.required(member, get);
                if (get != null) {
                    Names.checkTable(r, member + ".tableName", JsonRequest.string(get, "TableName"), true);
                    r.required(member + ".key", JsonRequest.object(get, "Key"));
                }
                gets.add(get);
            }
        }
        r.check();
        CapacityReport report = BatchOperations.report(capacity);
        List<GetItem> reads = new ArrayList<>();
        for (ObjectNode get : gets) {
            JsonRequest op = new JsonRequest(get);
            ItemOperations.Expressions ex = ItemOperations.expressions(op, "ProjectionExpression");
            String text = op.string("ProjectionExpression");
            Projection projection = text == null ? null : ex.context().projection(text);
            ex.done();
            reads.add(new GetItem(
                    Names.table(op.string("TableName"), engine),
                    AttributeValueJson.item(op.object("Key")),
                    projection,
                    true,
                    report));
        }
        TransactGetItems.Result result = engine.transactGetItems(new TransactGetItems(reads, report));
        ObjectNode out = NODES.objectNode();
        BatchOperations.capacities(out, result.capacity(), report);
        ArrayNode responses = out.putArray("Responses");
        for (Map<String, AttributeValue> item : result.items()) {
            ObjectNode response = responses.addObject();
            if (item != null) {
                response.set("Item", AttributeValueJson.render(item));
            }
        }
        return out;
    }

    /** A digest of request members, independent of the order of JSON object members. */
    static String fingerprint(JsonNode... members) {
        StringBuilder canonical = new StringBuilder();
        for (JsonNode m : members) {
            canonical(m, canonical);
            canonical.append('\n');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void canonical(JsonNode n, StringBuilder out) {
        if (n == null || n.isNull()) {
            out.append("null");
        } else if (n.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            out.append('{');
            sorted.forEach((k, v) -> {
                out.append(NODES.textNode(k)).append(':');
                canonical(v, out);
                out.append(',');
            });
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            n.forEach(e -> {
                canonical(e, out);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(n);
        }
    }
}
