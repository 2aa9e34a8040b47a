package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.expr.Projection;
import dev.eddy.item.AttributeValue;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.BatchGetItem;
import dev.eddy.table.BatchWriteItem;
import dev.eddy.table.CapacityReport;
import dev.eddy.table.ConsumedCapacity;
import dev.eddy.table.ItemCollectionMetrics;
import dev.eddy.table.TableEngine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** BatchGetItem and BatchWriteItem: parse, validate, call the engine, render. */
final class BatchOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CAPACITY = Set.of("INDEXES", "TOTAL", "NONE");
    private static final Set<String> METRICS = Set.of("SIZE", "NONE");
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final int MAX_GET_KEYS = 100;
    static final int MAX_WRITES = 25;

    private final TableEngine engine;

    BatchOperations(TableEngine engine) {
        this.engine = engine;
    }

    ObjectNode batchGetItem(JsonRequest r) {
        ObjectNode requestItems = r.object("RequestItems");
        r.required("requestItems", requestItems);
        String capacity = r.string("ReturnConsumedCapacity");
        r.oneOf("returnConsumedCapacity", capacity, CAPACITY);
        List<Map.Entry<String, ObjectNode>> entries = entries(r, requestItems, MAX_GET_KEYS, false);
        List<ArrayNode> keyNodes = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : entries) {
            ArrayNode keys = JsonRequest.array(e.getValue(), "Keys");
            String member = "requestItems." + e.getKey() + ".member.keys";
            r.required(member, keys);
            if (keys != null) {
                r.size(member, keys.toString(), keys.size(), 1, MAX_GET_KEYS);
                for (int k = 0; k < keys.size(); k++) {
                    // a null key is a client mistake, not a key to look up
                    r.required(member + "." + (k + 1) + ".member", keys.get(k).isNull() ? null : keys.get(k));
                }
            }
            JsonRequest.bool(e.getValue(), "ConsistentRead");
            keyNodes.add(keys);
        }
        r.check();
        int total = keyNodes.stream().mapToInt(ArrayNode::size).sum();
        if (total > MAX_GET_KEYS) {
            throw EddyException.validation("Too many items requested for the BatchGetItem call");
        }
        List<BatchGetItem.TableReads> reads = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ObjectNode spec = entries.get(i).getValue();
            JsonRequest sub = new JsonRequest(spec);
            Projection projection = LegacyParameters.projection(sub);
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (JsonNode k : keyNodes.get(i)) {
                keys.add(AttributeValueJson.item(k));
            }
            reads.add(new BatchGetItem.TableReads(
                    Names.table(entries.get(i).getKey(), engine),
                    keys,
                    projection,
                    Boolean.TRUE.equals(sub.bool("ConsistentRead"))));
        }
        CapacityReport report = report(capacity);
        BatchGetItem.Result result = engine.batchGetItem(new BatchGetItem(reads, report));
        ObjectNode out = NODES.objectNode();
        ObjectNode responses = out.putObject("Responses");
        ObjectNode unprocessed = out.putObject("UnprocessedKeys");
        List<ConsumedCapacity> consumed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            BatchGetItem.TableResult t = result.tables().get(i);
            ArrayNode items = responses.putArray(entries.get(i).getKey());
            t.items().forEach(item -> items.addRawValue(AttributeValueJson.raw(item)));
            if (!t.unprocessed().isEmpty()) {
                // the same request parameters, with only the keys still to read
                ObjectNode again = entries.get(i).getValue().deepCopy();
                ArrayNode keys = again.putArray("Keys");
                t.unprocessed().forEach(k -> keys.add(AttributeValueJson.render(k)));
                unprocessed.set(entries.get(i).getKey(), again);
            }
            consumed.add(t.capacity());
        }
        capacities(out, consumed, report);
        return out;
    }

    ObjectNode batchWriteItem(JsonRequest r) {
        ObjectNode requestItems = r.object("RequestItems");
        r.required("requestItems", requestItems);
        String capacity = r.string("ReturnConsumedCapacity");
        r.oneOf("returnConsumedCapacity", capacity, CAPACITY);
        r.oneOf("returnItemCollectionMetrics", r.string("ReturnItemCollectionMetrics"), METRICS);
        List<Map.Entry<String, ObjectNode>> entries = entries(r, requestItems, MAX_WRITES, true);
        List<ArrayNode> lists = new ArrayList<>();
        boolean badList = false;
        for (Map.Entry<String, ObjectNode> e : entries) {
            // RequestItems maps a table to a list; entries() wrapped it in an object
            ArrayNode writes = JsonRequest.array(e.getValue(), "list");
            badList |= writes.isEmpty() || writes.size() > MAX_WRITES;
            lists.add(writes);
        }
        r.check();
        if (badList) {
            throw EddyException.validation("1 validation error detected: Value '" + requestItems + "' at "
                    + "'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must "
                    + "have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }
        int total = lists.stream().mapToInt(ArrayNode::size).sum();
        if (total > MAX_WRITES) {
            throw EddyException.validation("Too many items requested for the BatchWriteItem call");
        }
        List<BatchWriteItem.Request> requests = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String table = Names.table(entries.get(i).getKey(), engine);
            for (JsonNode w : lists.get(i)) {
                if (!w.isObject()) {
                    throw JsonRequest.wrongType(w);
                }
                ObjectNode put = JsonRequest.object(w, "PutRequest");
                ObjectNode delete = JsonRequest.object(w, "DeleteRequest");
                if ((put == null) == (delete == null)) {
                    throw EddyException.validation(
                            "Supplied WriteRequest must contain exactly one of PutRequest " + "or DeleteRequest");
                }
                if (put != null) {
                    Map<String, AttributeValue> item = AttributeValueJson.item(JsonRequest.object(put, "Item"));
                    if (item == null) {
                        throw nullMember("requestItems." + entries.get(i).getKey() + ".member.putRequest.item");
                    }
                    requests.add(new BatchWriteItem.Put(table, item));
                } else {
                    Map<String, AttributeValue> key = AttributeValueJson.item(JsonRequest.object(delete, "Key"));
                    if (key == null) {
                        throw nullMember("requestItems." + entries.get(i).getKey() + ".member.deleteRequest.key");
                    }
                    requests.add(new BatchWriteItem.Delete(table, key));
                }
            }
        }
        CapacityReport report = report(capacity);
        BatchWriteItem.Result result = engine.batchWriteItem(new BatchWriteItem(requests, report));
        ObjectNode out = NODES.objectNode();
        out.putObject("UnprocessedItems");
        capacities(out, result.capacity(), report);
        if ("SIZE".equals(r.string("ReturnItemCollectionMetrics"))) {
            collections(out, result.collections());
        }
        return out;
    }

    /** ItemCollectionMetrics of BatchWriteItem and TransactWriteItems: per table, one entry per collection. */
    static void collections(ObjectNode out, List<ItemCollectionMetrics> collections) {
        if (collections.isEmpty()) {
            return;
        }
        ObjectNode byTable = out.putObject("ItemCollectionMetrics");
        for (ItemCollectionMetrics m : collections) {
            ArrayNode list = byTable.has(m.tableName())
                    ? (ArrayNode) byTable.get(m.tableName())
                    : byTable.putArray(m.tableName());
            list.add(ItemOperations.collection(m));
        }
    }

    private static EddyException nullMember(String member) {
        return EddyException.validation("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    /**
     * The entries of a RequestItems map with DynamoDB's constraints on it: 1 to {@code max}
     * tables, keys that are table names. BatchWriteItem's values are lists; they are wrapped in an
     * object under "list" so that both operations see objects.
     */
    private static List<Map.Entry<String, ObjectNode>> entries(
            JsonRequest r, ObjectNode requestItems, int max, boolean listValues) {
        List<Map.Entry<String, ObjectNode>> entries = new ArrayList<>();
        if (requestItems == null) {
            return entries;
        }
        r.size("requestItems", requestItems.toString(), requestItems.size(), 1, max);
        List<String> keyProblems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        requestItems.properties().iterator();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!name.startsWith("arn:")) {
                int n = name.codePointCount(0, name.length());
                if (n > 255) {
                    keyProblems.add("Member must have length less than or equal to 255");
                }
                if (n < 3) {
                    keyProblems.add("Member must have length greater than or equal to 3");
                }
                if (!TABLE_NAME.matcher(name).matches()) {
                    keyProblems.add("Member must satisfy regular expression pattern: " + TABLE_NAME.pattern());
                }
            }
            JsonNode v = e.getValue();
            ObjectNode value;
            if (v.isObject() && !listValues) {
                value = (ObjectNode) v;
            } else if (v.isArray() && listValues) {
                value = NODES.objectNode();
                value.set("list", v);
            } else {
                throw JsonRequest.wrongType(v);
            }
            entries.add(Map.entry(name, value));
        }
        if (!keyProblems.isEmpty()) {
            throw EddyException.validation("1 validation error detected: Value '"
                    + requestItems.fieldNames().next()
                    + "' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
                    + keyProblems.stream().distinct().toList());
        }
        return entries;
    }

    static CapacityReport report(String capacity) {
        return capacity == null || !CAPACITY.contains(capacity)
                ? CapacityReport.NONE
                : CapacityReport.valueOf(capacity);
    }

    /** ConsumedCapacity as a list, one entry per table, as multi-table operations return it. */
    static void capacities(ObjectNode out, List<ConsumedCapacity> consumed, CapacityReport report) {
        if (report == CapacityReport.NONE) {
            return;
        }
        ArrayNode list = out.putArray("ConsumedCapacity");
        for (ConsumedCapacity c : consumed) {
            ObjectNode holder = NODES.objectNode();
            ItemOperations.capacity(holder, c, report);
            list.add(holder.get("ConsumedCapacity"));
        }
    }
}
