package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.BillingMode;
import dev.eddy.table.CreateTable;
import dev.eddy.table.GlobalIndexUpdate;
import dev.eddy.table.StreamViewType;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import dev.eddy.table.TableStatus;
import dev.eddy.table.TagRules;
import dev.eddy.table.UpdateTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The control-plane operations: parse, validate, call the engine, render. */
final class TableOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> KEY_TYPES = Set.of("HASH", "RANGE");
    private static final Set<String> ATTRIBUTE_TYPES = Set.of("S", "N", "B");
    private static final Set<String> BILLING_MODES = Set.of("PROVISIONED", "PAY_PER_REQUEST");
    private static final Set<String> PROJECTION_TYPES = Set.of("ALL", "KEYS_ONLY", "INCLUDE");
    private static final Set<String> VIEW_TYPES = Set.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");
    private static final Set<String> TABLE_CLASSES = Set.of("STANDARD", "STANDARD_INFREQUENT_ACCESS");
    private static final Pattern INDEX_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final TableEngine engine;
    private final TableRenderer renderer;

    TableOperations(TableEngine engine) {
        this.engine = engine;
        this.renderer = new TableRenderer(engine);
    }

    ObjectNode createTable(JsonRequest r) {
        String name = r.string("TableName");
        Names.checkTable(r, "tableName", name, false);
        List<CreateTable.KeyElement> keySchema = keySchema(r, r.body(), "keySchema");
        Map<String, AttributeValue.Type> defs = new LinkedHashMap<>();
        ArrayNode defNodes = r.array("AttributeDefinitions");
        r.required("attributeDefinitions", defNodes);
        if (defNodes != null) {
            int i = 1;
            for (JsonNode d : defNodes) {
                String attr = JsonRequest.string(d, "AttributeName");
                String type = JsonRequest.string(d, "AttributeType");
                r.required("attributeDefinitions." + i + ".member.attributeName", attr);
                r.required("attributeDefinitions." + i + ".member.attributeType", type);
                r.length("attributeDefinitions." + i + ".member.attributeName", attr, 1, 255);
                r.oneOf("attributeDefinitions." + i + ".member.attributeType", type, ATTRIBUTE_TYPES);
                if (attr != null && type != null && ATTRIBUTE_TYPES.contains(type)) {
                    if (defs.containsKey(attr)) {
                        throw EddyException.validation("Cannot have two attributes with the same name");
                    }
                    defs.put(attr, AttributeValue.Type.valueOf(type));
                }
                i++;
            }
        }
        String billing = r.string("BillingMode");
        r.oneOf("billingMode", billing, BILLING_MODES);
        Throughput pt = throughput(r);
        Long rcu = pt.read();
        Long wcu = pt.write();
        List<CreateTable.IndexSpec> gsis = indexes(r, "GlobalSecondaryIndexes", "globalSecondaryIndexes");
        List<CreateTable.IndexSpec> lsis = indexes(r, "LocalSecondaryIndexes", "localSecondaryIndexes");
        StreamSpec stream = streamSpecification(r);
        Boolean streamEnabled = stream.enabled();
        String viewType = stream.viewType();
        List<Map.Entry<String, String>> tags = tags(r, r.array("Tags"));
        String tableClass = r.string("TableClass");
        r.oneOf("tableClass", tableClass, TABLE_CLASSES);
        Boolean protection = r.bool("DeletionProtectionEnabled");
        r.check();
        TableMeta meta = engine.createTable(new CreateTable(
                name,
                keySchema,
                defs,
                BillingMode.fromWire(billing),
                rcu,
                wcu,
                gsis,
                lsis,
                streamEnabled,
                StreamViewType.fromWire(viewType),
                TagRules.validated(tags),
                Boolean.TRUE.equals(protection),
                tableClass));
        ObjectNode out = NODES.objectNode();
        out.set("TableDescription", renderer.describe(meta, TableStatus.ACTIVE));
        return out;
    }

    private record Throughput(Long read, Long write) {}

    private static Throughput throughput(JsonRequest r) {
        ObjectNode pt = r.object("ProvisionedThroughput");
        if (pt == null) {
            return new Throughput(null, null);
        }
        Long rcu = JsonRequest.number(pt, "ReadCapacityUnits");
        Long wcu = JsonRequest.number(pt, "WriteCapacityUnits");
        r.required("provisionedThroughput.readCapacityUnits", rcu);
        r.required("provisionedThroughput.writeCapacityUnits", wcu);
        r.range("provisionedThroughput.readCapacityUnits", rcu, 1, Long.MAX_VALUE);
        r.range("provisionedThroughput.writeCapacityUnits", wcu, 1, Long.MAX_VALUE);
        return new Throughput(rcu, wcu);
    }

    private record StreamSpec(Boolean enabled, String viewType) {}

    private static StreamSpec streamSpecification(JsonRequest r) {
        ObjectNode stream = r.object("StreamSpecification");
        if (stream == null) {
            return new StreamSpec(null, null);
        }
        Boolean enabled = JsonRequest.bool(stream, "StreamEnabled");
        String viewType = JsonRequest.string(stream, "StreamViewType");
        r.required("streamSpecification.streamEnabled", enabled);
        r.oneOf("streamSpecification.streamViewType", viewType, VIEW_TYPES);
        return new StreamSpec(enabled, viewType);
    }

    static List<CreateTable.KeyElement> keySchema(JsonRequest r, JsonNode parent, String member) {
        ArrayNode nodes = JsonRequest.array(parent, "KeySchema");
        r.required(member, nodes);
        List<CreateTable.KeyElement> out = new ArrayList<>();
        if (nodes == null) {
            return out;
        }
        // a global secondary index's key may have up to 4 HASH and 4 RANGE entries: the engine counts them
        r.size(member, nodes.toString(), nodes.size(), 1, member.startsWith("globalSecondaryIndex") ? 8 : 2);
        int i = 1;
        for (JsonNode k : nodes) {
            String attr = JsonRequest.string(k, "AttributeName");
            String type = JsonRequest.string(k, "KeyType");
            r.required(member + "." + i + ".member.attributeName", attr);
            r.required(member + "." + i + ".member.keyType", type);
            r.length(member + "." + i + ".member.attributeName", attr, 1, 255);
            r.oneOf(member + "." + i + ".member.keyType", type, KEY_TYPES);
            out.add(new CreateTable.KeyElement(attr, type));
            i++;
        }
        return out;
    }

    private static List<CreateTable.IndexSpec> indexes(JsonRequest r, String field, String member) {
        ArrayNode nodes = r.array(field);
        List<CreateTable.IndexSpec> out = new ArrayList<>();
        if (nodes == null) {
            return out;
        }
        int i = 1;
        for (JsonNode n : nodes) {
            out.add(IndexUpdates.create(r, n, member + "." + i + ".member"));
            i++;
        }
        return out;
    }

    /** The tags of a request, their lengths checked as constraints (reported with the others). */
    private static List<Map.Entry<String, String>> tags(JsonRequest r, ArrayNode nodes) {
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        if (nodes == null) {
            return tags;
        }
        int i = 1;
        for (JsonNode t : nodes) {
            String key = JsonRequest.string(t, "Key");
            String value = JsonRequest.string(t, "Value");
            r.required("tags." + i + ".member.key", key);
            r.required("tags." + i + ".member.value", value);
            r.length("tags." + i + ".member.key", key, 1, 128);
            r.length("tags." + i + ".member.value", value, 0, 256);
            if (key != null && value != null) {
                tags.add(Map.entry(key, value));
            }
            i++;
        }
        return tags;
    }

    ObjectNode describeTable(JsonRequest r) {
        String name = tableName(r);
        r.check();
        ObjectNode out = NODES.objectNode();
        out.set("Table", renderer.describe(engine.describeTable(name), TableStatus.ACTIVE));
        return out;
    }

    ObjectNode deleteTable(JsonRequest r) {
        String name = tableName(r);
        r.check();
        TableMeta deleted = engine.deleteTable(name);
        ObjectNode out = NODES.objectNode();
        out.set("TableDescription", renderer.describe(deleted, TableStatus.DELETING));
        return out;
    }

    ObjectNode updateTable(JsonRequest r) {
        String name = tableName(r);
        String billing = r.string("BillingMode");
        r.oneOf("billingMode", billing, BILLING_MODES);
        Throughput pt = throughput(r);
        Long rcu = pt.read();
        Long wcu = pt.write();
        StreamSpec stream = streamSpecification(r);
        Boolean streamEnabled = stream.enabled();
        String viewType = stream.viewType();
        String tableClass = r.string("TableClass");
        r.oneOf("tableClass", tableClass, TABLE_CLASSES);
        Boolean protection = r.bool("DeletionProtectionEnabled");
        List<GlobalIndexUpdate> indexUpdates = IndexUpdates.parse(r);
        Map<String, AttributeValue.Type> definitions = IndexUpdates.definitions(r);
        r.check();
        boolean other = billing != null
                || rcu != null
                || wcu != null
                || streamEnabled != null
                || protection != null
                || tableClass != null;
        TableMeta meta = null;
        if (other || indexUpdates == null || indexUpdates.isEmpty()) {
            meta = engine.updateTable(new UpdateTable(
                    name,
                    BillingMode.fromWire(billing),
                    rcu,
                    wcu,
                    streamEnabled,
                    StreamViewType.fromWire(viewType),
                    protection,
                    tableClass));
        }
        if (indexUpdates != null && !indexUpdates.isEmpty()) {
            meta = engine.updateGlobalIndexes(name, definitions, indexUpdates);
        }
        ObjectNode out = NODES.objectNode();
        out.set("TableDescription", renderer.describe(meta, TableStatus.ACTIVE));
        return out;
    }

    ObjectNode listTables(JsonRequest r) {
        String start = r.string("ExclusiveStartTableName");
        Long limit = r.number("Limit");
        r.range("limit", limit, 1, 100);
        if (start != null) {
            r.length("exclusiveStartTableName", start, 3, 255);
        }
        r.check();
        TableEngine.Page<String> page = engine.listTables(start, limit == null ? 100 : limit.intValue());
        ObjectNode out = NODES.objectNode();
        ArrayNode names = out.putArray("TableNames");
        page.items().forEach(names::add);
        if (page.lastEvaluated() != null) {
            out.put("LastEvaluatedTableName", page.lastEvaluated());
        }
        return out;
    }

    ObjectNode tagResource(JsonRequest r) {
        String arn = r.string("ResourceArn");
        r.required("resourceArn", arn);
        r.length("resourceArn", arn, 1, 1283);
        ArrayNode tagNodes = r.array("Tags");
        r.required("tags", tagNodes);
        List<Map.Entry<String, String>> tags = tags(r, tagNodes);
        r.check();
        engine.tagResource(arn, TagRules.validated(tags));
        // TagResource has no output: DynamoDB answers with an empty body
        return null;
    }

    ObjectNode untagResource(JsonRequest r) {
        String arn = r.string("ResourceArn");
        r.required("resourceArn", arn);
        r.length("resourceArn", arn, 1, 1283);
        ArrayNode keyNodes = r.array("TagKeys");
        r.required("tagKeys", keyNodes);
        List<String> keys = new ArrayList<>();
        if (keyNodes != null) {
            for (JsonNode k : keyNodes) {
                if (!k.isTextual()) {
                    throw JsonRequest.wrongType(k);
                }
                keys.add(k.textValue());
            }
            tagKeyLengths(r, keys);
        }
        r.check();
        engine.untagResource(arn, TagRules.validatedKeys(keys));
        return null;
    }

    // the model's TagKeyString (1 to 128 characters) on each member of the list: Coral reports it
    // once for the whole list, naming every member constraint that fails
    private static void tagKeyLengths(JsonRequest r, List<String> keys) {
        List<String> failed = new ArrayList<>();
        if (keys.stream().anyMatch(k -> k.codePointCount(0, k.length()) > 128)) {
            failed.add("Member must have length less than or equal to 128");
        }
        if (keys.stream().anyMatch(String::isEmpty)) {
            failed.add("Member must have length greater than or equal to 1");
        }
        if (!failed.isEmpty()) {
            r.violations()
                    .add(
                            keys.toString(),
                            "tagKeys",
                            "Member must satisfy constraint: [" + String.join(", ", failed) + "]");
        }
    }

    ObjectNode listTagsOfResource(JsonRequest r) {
        String arn = r.string("ResourceArn");
        r.required("resourceArn", arn);
        r.length("resourceArn", arn, 1, 1283);
        r.check();
        ObjectNode out = NODES.objectNode();
        ArrayNode tags = out.putArray("Tags");
        engine.listTags(arn).forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return out;
    }

    ObjectNode describeLimits(JsonRequest r) {
        r.check();
        ObjectNode out = NODES.objectNode();
        out.put("AccountMaxReadCapacityUnits", 80000);
        out.put("AccountMaxWriteCapacityUnits", 80000);
        out.put("TableMaxReadCapacityUnits", 40000);
        out.put("TableMaxWriteCapacityUnits", 40000);
        return out;
    }

    ObjectNode describeEndpoints(JsonRequest r, String hostHeader) {
        ObjectNode out = NODES.objectNode();
        out.putArray("Endpoints").addObject().put("Address", hostHeader).put("CachePeriodInMinutes", 1440);
        return out;
    }

    /** TableName of a control-plane call (a name or a table ARN), validated; resolved to the name. */
    private String tableName(JsonRequest r) {
        String name = r.string("TableName");
        Names.checkTable(r, "tableName", name, true);
        return name == null ? null : Names.table(name, engine);
    }
}
