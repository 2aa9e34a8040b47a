package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.Items;
import dev.eddy.item.Numbers;
import dev.eddy.json.AttributeValueWriter;
import dev.eddy.server.http.JsonRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's JSON form of attribute values ({"S":"x"}, {"N":"1"}, ...): parses request trees, with
 * DynamoDB's errors; responses embed the text of the core {@link AttributeValueWriter}.
 */
public final class AttributeValueJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String INVALID = "One or more parameter values were invalid: ";

    private AttributeValueJson() {}

    /**
     * The attribute map in member {@code field} of a request (an item, a key); null when it is
     * absent or null. The map is the one the request's reader built ({@link ItemRequestReader})
     * when there is one, else it is parsed from the tree.
     */
    public static Map<String, AttributeValue> item(JsonRequest r, String field) {
        JsonNode node = r.body().get(field);
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof ReadItem read) {
            return read.attributes();
        }
        return item(r.object(field));
    }

    /** A node holding an attribute map read without a tree, for {@link #item(JsonRequest, String)}. */
    static JsonNode readNode(Map<String, AttributeValue> attributes) {
        return NODES.pojoNode(new ReadItem(attributes));
    }

    /** An attribute map read by {@link ItemRequestReader}: a type no JSON text ever parses into. */
    private record ReadItem(Map<String, AttributeValue> attributes) {}

    /** An attribute map (an item, a key); null when the node is null. */
    public static Map<String, AttributeValue> item(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw JsonRequest.wrongType(node);
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value(e.getValue(), 1));
        }
        return out;
    }

    public static AttributeValue value(JsonNode node, int depth) {
        if (!node.isObject()) {
            throw JsonRequest.wrongType(node);
        }
        if (depth > Items.MAX_DEPTH) {
            throw EddyException.validation(Items.NESTING_MESSAGE);
        }
        AttributeValue result = null;
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                continue;
            }
            AttributeValue v = typed(e.getKey(), e.getValue(), depth);
            if (v != null) {
                result = v;
                count++;
            }
        }
        if (count == 0) {
            throw EddyException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (count > 1) {
            throw EddyException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
                            + "supported datatypes");
        }
        return result;
    }

    private static AttributeValue typed(String type, JsonNode v, int depth) {
        return switch (type) {
            case "S" -> new AttributeValue.S(text(v));
            case "N" -> new AttributeValue.N(Numbers.parse(text(v)));
            case "B" -> new AttributeValue.B(binary(v));
            case "BOOL" -> {
                if (!v.isBoolean()) {
                    throw JsonRequest.wrongType(v);
                }
                yield new AttributeValue.Bool(v.booleanValue());
            }
            case "NULL" -> {
                if (!v.isBoolean()) {
                    throw JsonRequest.wrongType(v);
                }
                if (!v.booleanValue()) {
                    throw EddyException.validation(INVALID + "Null attribute value types must have the value of true");
                }
                yield AttributeValue.NULL;
            }
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                for (JsonNode e : array(v)) {
                    list.add(value(e, depth + 1));
                }
                yield new AttributeValue.L(list);
            }
            case "M" -> {
                if (!v.isObject()) {
                    throw JsonRequest.wrongType(v);
                }
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), value(e.getValue(), depth + 1));
                }
                yield new AttributeValue.M(map);
            }
            case "SS" -> {
                List<String> list = new ArrayList<>();
                for (JsonNode e : array(v)) {
                    list.add(text(e));
                }
                if (list.isEmpty()) {
                    throw EddyException.validation(INVALID + "An string set  may not be empty");
                }
                noDuplicates(list, list);
                yield new AttributeValue.SS(list);
            }
            case "NS" -> {
                List<String> texts = new ArrayList<>();
                List<BigDecimal> list = new ArrayList<>();
                for (JsonNode e : array(v)) {
                    texts.add(text(e));
                    list.add(Numbers.parse(text(e)));
                }
                if (list.isEmpty()) {
                    throw EddyException.validation(INVALID + "An number set  may not be empty");
                }
                noDuplicates(list, texts);
                yield new AttributeValue.NS(list);
            }
            case "BS" -> {
                List<AttributeValue.B> list = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (JsonNode e : array(v)) {
                    texts.add(text(e));
                    list.add(new AttributeValue.B(binary(e)));
                }
                if (list.isEmpty()) {
                    throw EddyException.validation(INVALID + "Binary sets should not be empty");
                }
                noDuplicates(list, texts);
                yield new AttributeValue.BS(list);
            }
            default -> null; // unknown members are ignored, as DynamoDB's front end does
        };
    }

    private static void noDuplicates(List<?> values, List<String> shown) {
        if (hasDuplicates(values)) {
            throw EddyException.validation(INVALID + "Input collection " + shown.toString() + " contains duplicates.");
        }
    }

    /** Whether two of {@code values} are equal: a set's values must all differ. */
    static boolean hasDuplicates(List<?> values) {
        Set<Object> seen = new HashSet<>();
        for (Object o : values) {
            if (!seen.add(o)) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode v) {
        if (!v.isTextual()) {
            throw JsonRequest.wrongType(v);
        }
        return v.textValue();
    }

    private static ArrayNode array(JsonNode v) {
        if (!v.isArray()) {
            throw JsonRequest.wrongType(v);
        }
        return (ArrayNode) v;
    }

    private static byte[] binary(JsonNode v) {
        return binary(text(v));
    }

    /** A binary value's bytes from its base64 text, with DynamoDB's errors. */
    static byte[] binary(String s) {
        // DynamoDB wants the padding; the JDK's decoder would accept a value without it
        if (s.length() % 4 != 0) {
            throw EddyException.serialization(
                    "Base64 encoded length is expected a multiple of 4 bytes but found: " + s.length());
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw EddyException.serialization("Invalid base64 encoding: " + e.getMessage());
        }
    }

    // ---- rendering: the core writer's text, embedded in response trees ----

    /**
     * An item as JSON text ({@link AttributeValueWriter}), to embed in a response tree with
     * {@code ObjectNode.putRawValue} or {@code ArrayNode.addRawValue}: much cheaper than building a
     * tree for it.
     */
    public static RawValue raw(Map<String, AttributeValue> item) {
        return new RawValue(AttributeValueWriter.toJson(item));
    }

    /**
     * An item as a node of a response tree: its JSON text ({@link #raw}), written as is when the tree
     * is written. The node has no children to read back; it is for output only.
     */
    public static JsonNode render(Map<String, AttributeValue> item) {
        return NODES.rawValueNode(raw(item));
    }
}
