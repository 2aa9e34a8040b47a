package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.CreateTable;
import dev.eddy.table.GlobalIndexUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses UpdateTable's GlobalSecondaryIndexUpdates and AttributeDefinitions. */
final class IndexUpdates {
    private static final Set<String> PROJECTION_TYPES = Set.of("ALL", "KEYS_ONLY", "INCLUDE");
    private static final Set<String> ATTRIBUTE_TYPES = Set.of("S", "N", "B");
    private static final Pattern INDEX_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private IndexUpdates() {}

    /** The updates, or null when the request has none; violations are recorded in {@code r}. */
    static List<GlobalIndexUpdate> parse(JsonRequest r) {
        ArrayNode nodes = r.array("GlobalSecondaryIndexUpdates");
        if (nodes == null) {
            return null;
        }
        List<GlobalIndexUpdate> out = new ArrayList<>();
        int i = 1;
        for (JsonNode n : nodes) {
            String m = "globalSecondaryIndexUpdates." + i + ".member";
            ObjectNode create = JsonRequest.object(n, "Create");
            ObjectNode update = JsonRequest.object(n, "Update");
            ObjectNode delete = JsonRequest.object(n, "Delete");
            int actions = (create != null ? 1 : 0) + (update != null ? 1 : 0) + (delete != null ? 1 : 0);
            if (actions != 1) {
                throw EddyException.validation(
                        "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, "
                                + "GlobalSecondaryIndexUpdate.Update, or GlobalSecondaryIndexUpdate.Delete must be provided");
            }
            if (create != null) {
                out.add(new GlobalIndexUpdate(GlobalIndexUpdate.Action.CREATE, create(r, create, m + ".create")));
            } else if (update != null) {
                String name = name(r, update, m + ".update");
                ObjectNode pt = JsonRequest.object(update, "ProvisionedThroughput");
                Long rcu = pt == null ? null : JsonRequest.number(pt, "ReadCapacityUnits");
                Long wcu = pt == null ? null : JsonRequest.number(pt, "WriteCapacityUnits");
                out.add(new GlobalIndexUpdate(
                        GlobalIndexUpdate.Action.UPDATE,
                        new CreateTable.IndexSpec(name, List.of(), null, null, rcu, wcu)));
            } else {
                String name = name(r, delete, m + ".delete");
                out.add(new GlobalIndexUpdate(
                        GlobalIndexUpdate.Action.DELETE,
                        new CreateTable.IndexSpec(name, List.of(), null, null, null, null)));
            }
            i++;
        }
        return out;
    }

    private static String name(JsonRequest r, JsonNode n, String m) {
        String name = JsonRequest.string(n, "IndexName");
        r.required(m + ".indexName", name);
        r.length(m + ".indexName", name, 3, 255);
        r.pattern(m + ".indexName", name, INDEX_NAME);
        return name;
    }

    /** One index definition (CreateTable's GlobalSecondaryIndexes/LocalSecondaryIndexes, or a Create update). */
    static CreateTable.IndexSpec create(JsonRequest r, JsonNode n, String m) {
        String name = name(r, n, m);
        List<CreateTable.KeyElement> ks = TableOperations.keySchema(r, n, m + ".keySchema");
        ObjectNode projection = JsonRequest.object(n, "Projection");
        r.required(m + ".projection", projection);
        String ptype = projection == null ? null : JsonRequest.string(projection, "ProjectionType");
        r.oneOf(m + ".projection.projectionType", ptype, PROJECTION_TYPES);
        List<String> nonKey = null;
        ArrayNode nk = projection == null ? null : JsonRequest.array(projection, "NonKeyAttributes");
        if (nk != null) {
            nonKey = new ArrayList<>();
            for (JsonNode a : nk) {
                if (!a.isTextual()) {
                    throw JsonRequest.wrongType(a);
                }
                nonKey.add(a.textValue());
            }
        }
        ObjectNode pt = JsonRequest.object(n, "ProvisionedThroughput");
        Long rcu = pt == null ? null : JsonRequest.number(pt, "ReadCapacityUnits");
        Long wcu = pt == null ? null : JsonRequest.number(pt, "WriteCapacityUnits");
        return new CreateTable.IndexSpec(name, ks, ptype, nonKey, rcu, wcu);
    }

    /** UpdateTable's AttributeDefinitions, or null. */
    static Map<String, AttributeValue.Type> definitions(JsonRequest r) {
        ArrayNode nodes = r.array("AttributeDefinitions");
        if (nodes == null) {
            return null;
        }
        Map<String, AttributeValue.Type> defs = new LinkedHashMap<>();
        int i = 1;
        for (JsonNode d : nodes) {
            String attr = JsonRequest.string(d, "AttributeName");
            String type = JsonRequest.string(d, "AttributeType");
            String m = "attributeDefinitions." + i + ".member";
            r.required(m + ".attributeName", attr);
            r.required(m + ".attributeType", type);
            r.oneOf(m + ".attributeType", type, ATTRIBUTE_TYPES);
            if (attr != null && type != null && ATTRIBUTE_TYPES.contains(type)) {
                if (defs.containsKey(attr)) {
                    throw EddyException.validation("Cannot have two attributes with the same name");
                }
                defs.put(attr, AttributeValue.Type.valueOf(type));
            }
            i++;
        }
        return defs;
    }
}
