package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.Items;
import dev.eddy.item.Numbers;
import dev.eddy.server.http.RequestReader;
import dev.eddy.server.http.WellFormedText;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of the item operations' requests (PutItem's {@code Item}, the {@code Key} of
 * GetItem, UpdateItem and DeleteItem): the attribute map is read from the parser's tokens straight
 * into attribute values, without the Jackson tree and the walk over it that
 * {@link AttributeValueJson#item(JsonNode)} makes; the request's other members become tree nodes
 * as usual. It reads only what {@link AttributeValueJson} would accept without a word: anything
 * else (an unknown or second type descriptor, a null member, a wrong JSON type, a duplicate name,
 * an invalid number, an empty set or one with duplicates, nesting beyond the limit, an unpaired
 * surrogate) makes it decline, and the front door parses the body the general way, which gives
 * the error with its exact type, message and order. Stateless and thread-safe.
 */
final class ItemRequestReader implements RequestReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** PutItem: the item in {@code Item}. */
    static final ItemRequestReader PUT_ITEM = new ItemRequestReader("Item");
    /** GetItem, UpdateItem, DeleteItem: the key in {@code Key}. */
    static final ItemRequestReader BY_KEY = new ItemRequestReader("Key");

    private final String member;

    private ItemRequestReader(String member) {
        this.member = member;
    }

    @Override
    public ObjectNode read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        ObjectNode out = NODES.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            // a repeated member: the tree keeps the last value at the first one's place
            if (!WellFormedText.wellFormed(name) || out.has(name)) {
                return null;
            }
            JsonNode value = member(p, name, p.nextToken());
            if (value == null) {
                return null;
            }
            out.set(name, value);
        }
        // what follows the object is not read, as the general path does not read it either
        return p.currentToken() == JsonToken.END_OBJECT ? out : null;
    }

    /** The node of one top-level member, the parser on its first token; null to decline. */
    private JsonNode member(JsonParser p, String name, JsonToken first) throws IOException {
        if (first == JsonToken.START_OBJECT && name.equals(member)) {
            Map<String, AttributeValue> map = map(p, 1);
            return map == null ? null : AttributeValueJson.readNode(map);
        }
        if (first == JsonToken.VALUE_STRING) {
            String text = p.getText();
            return WellFormedText.wellFormed(text) ? NODES.textNode(text) : null;
        }
        JsonNode node = p.readValueAsTree();
        return node != null && WellFormedText.wellFormed(node) ? node : null;
    }

    /**
     * An attribute map, the parser on its {@code START_OBJECT}; null to decline. {@code depth} is
     * the depth its values have, as {@link AttributeValueJson#value} counts it.
     */
    private static Map<String, AttributeValue> map(JsonParser p, int depth) throws IOException {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (!WellFormedText.wellFormed(name) || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            AttributeValue v = value(p, depth);
            if (v == null || out.put(name, v) != null) {
                return null;
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT ? out : null;
    }

    /** One attribute value, the parser on its {@code START_OBJECT}; null to decline. */
    private static AttributeValue value(JsonParser p, int depth) throws IOException {
        String type = p.nextFieldName();
        if (type == null || depth > Items.MAX_DEPTH) {
            return null;
        }
        AttributeValue v;
        try {
            v = typed(p, type, p.nextToken(), depth);
        } catch (EddyException e) {
            // an invalid number or binary: the general path words the error
            return null;
        }
        // exactly one member: a second descriptor, even a null or an unknown one, is left to the general path
        return v != null && p.nextToken() == JsonToken.END_OBJECT ? v : null;
    }

    private static AttributeValue typed(JsonParser p, String type, JsonToken t, int depth) throws IOException {
        return switch (type) {
            case "S", "N", "B" -> scalar(p, t, type);
            case "BOOL" -> t.isBoolean() ? new AttributeValue.Bool(t == JsonToken.VALUE_TRUE) : null;
            case "NULL" -> t == JsonToken.VALUE_TRUE ? AttributeValue.NULL : null;
            case "M" -> {
                Map<String, AttributeValue> map = t == JsonToken.START_OBJECT ? map(p, depth + 1) : null;
                yield map == null ? null : new AttributeValue.M(map);
            }
            case "L" -> t == JsonToken.START_ARRAY ? list(p, depth + 1) : null;
            case "SS", "NS", "BS" -> t == JsonToken.START_ARRAY ? set(p, type) : null;
            default -> null;
        };
    }

    private static AttributeValue.L list(JsonParser p, int depth) throws IOException {
        List<AttributeValue> values = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            AttributeValue v = t == JsonToken.START_OBJECT ? value(p, depth) : null;
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        return new AttributeValue.L(values);
    }

    /** A string, number or binary set: non-empty and without duplicates, else declined. */
    private static AttributeValue set(JsonParser p, String type) throws IOException {
        List<Object> values = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String text = t == JsonToken.VALUE_STRING ? text(p) : null;
            if (text == null) {
                return null;
            }
            values.add(
                    switch (type) {
                        case "SS" -> text;
                        case "NS" -> Numbers.parse(text);
                        default -> new AttributeValue.B(AttributeValueJson.binary(text));
                    });
        }
        if (values.isEmpty() || AttributeValueJson.hasDuplicates(values)) {
            return null;
        }
        return switch (type) {
            case "SS" -> new AttributeValue.SS(cast(values, String.class));
            case "NS" -> new AttributeValue.NS(cast(values, BigDecimal.class));
            default -> new AttributeValue.BS(cast(values, AttributeValue.B.class));
        };
    }

    private static <T> List<T> cast(List<Object> values, Class<T> type) {
        return values.stream().map(type::cast).toList();
    }

    /** A string, number or binary from the current string token; null to decline. */
    private static AttributeValue scalar(JsonParser p, JsonToken t, String type) throws IOException {
        String text = t == JsonToken.VALUE_STRING ? text(p) : null;
        if (text == null) {
            return null;
        }
        return switch (type) {
            case "S" -> new AttributeValue.S(text);
            case "N" -> new AttributeValue.N(Numbers.parse(text));
            default -> new AttributeValue.B(AttributeValueJson.binary(text));
        };
    }

    /** The current string token's text; null when it holds an unpaired surrogate. */
    private static String text(JsonParser p) throws IOException {
        String text = p.getText();
        return WellFormedText.wellFormed(text) ? text : null;
    }
}
