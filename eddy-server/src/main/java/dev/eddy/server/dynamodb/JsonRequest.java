package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed access to a JSON 1.0 request body, with the two kinds of errors DynamoDB's front end
 * raises: SerializationException for a member of the wrong JSON type, and the collected
 * "N validation errors detected" ValidationException for model constraints (required members,
 * lengths, patterns, enums, ranges), thrown together by {@link #check()}.
 */
public final class JsonRequest {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final ObjectNode body;
    private final List<String> violations = new ArrayList<>();

    public JsonRequest(ObjectNode body) {
        this.body = body;
    }

    public ObjectNode body() {
        return body;
    }

    public boolean has(String field) {
        JsonNode n = body.get(field);
        return n != null && !n.isNull();
    }

    public String string(String field) {
        return string(body, field);
    }

    public static String string(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(n);
        }
        return n.textValue();
    }

    public Boolean bool(String field) {
        return bool(body, field);
    }

    public static Boolean bool(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw wrongType(n);
        }
        return n.booleanValue();
    }

    public Long number(String field) {
        return number(body, field);
    }

    public static Long number(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            if (n.isNumber()) {
                throw EddyException.serialization("NUMBER_VALUE can not be converted to a Long");
            }
            throw wrongType(n);
        }
        return n.longValue();
    }

    public ObjectNode object(String field) {
        return object(body, field);
    }

    public static ObjectNode object(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw wrongType(n);
        }
        return (ObjectNode) n;
    }

    public ArrayNode array(String field) {
        return array(body, field);
    }

    public static ArrayNode array(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw wrongType(n);
        }
        return (ArrayNode) n;
    }

    public static EddyException wrongType(JsonNode n) {
        if (n.isObject()) {
            return EddyException.serialization("Start of structure or map found where not expected.");
        }
        if (n.isArray()) {
            return EddyException.serialization("Start of list found where not expected");
        }
        if (n.isTextual()) {
            return EddyException.serialization("STRING_VALUE can not be converted to the expected type");
        }
        if (n.isBoolean()) {
            return EddyException.serialization("BOOLEAN_VALUE can not be converted to the expected type");
        }
        return EddyException.serialization("NUMBER_VALUE can not be converted to the expected type");
    }

    // ---- constraints (collected, then thrown together) ----

    public void required(String member, Object value) {
        if (value == null) {
            violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
    }

    public void length(String member, String value, int min, int max) {
        if (value == null) {
            return;
        }
        int n = value.codePointCount(0, value.length());
        if (n < min) {
            violations.add(describe(value, member) + "Member must have length greater than or equal to " + min);
        } else if (n > max) {
            violations.add(describe(value, member) + "Member must have length less than or equal to " + max);
        }
    }

    public void size(String member, String shown, int size, int min, int max) {
        if (size < min) {
            violations.add(describe(shown, member) + "Member must have length greater than or equal to " + min);
        } else if (size > max) {
            violations.add(describe(shown, member) + "Member must have length less than or equal to " + max);
        }
    }

    public void pattern(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            violations.add(describe(value, member) + "Member must satisfy regular expression pattern: "
                    + pattern.pattern());
        }
    }

    public void oneOf(String member, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            violations.add(describe(value, member) + "Member must satisfy enum value set: " + allowed);
        }
    }

    public void range(String member, Long value, long min, long max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            violations.add(describe(String.valueOf(value), member) + "Member must have value greater than or equal to "
                    + min);
        } else if (value > max) {
            violations.add(describe(String.valueOf(value), member) + "Member must have value less than or equal to "
                    + max);
        }
    }

    /** A TableName that is a name (3-255, pattern) or a table ARN (up to 1024). */
    public void tableName(String member, String value, boolean arnAllowed) {
        if (value == null) {
            required(member, null);
        } else if (arnAllowed && value.startsWith("arn:")) {
            length(member, value, 1, 1024);
        } else {
            length(member, value, 3, 255);
            pattern(member, value, TABLE_NAME);
        }
    }

    private static String describe(String value, String member) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: ";
    }

    /** @throws EddyException ValidationException listing every violation found so far */
    public void check() {
        if (violations.isEmpty()) {
            return;
        }
        int n = violations.size();
        throw EddyException.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                + String.join("; ", violations));
    }
}
