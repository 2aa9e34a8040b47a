package dev.eddy.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed access to a JSON 1.0 request body, with the two kinds of errors DynamoDB's front end
 * raises: SerializationException for a member of the wrong JSON type, and the collected
 * "N validation errors detected" ValidationException for model constraints (required members,
 * lengths, patterns, enums, ranges), thrown together by {@link #check()}. Shared by every JSON
 * service behind the {@link FrontDoor}; one instance belongs to one request and is not thread-safe.
 */
public final class JsonRequest {
    private final ObjectNode body;
    private final String authority;
    private final Violations violations = new Violations(ErrorCode.VALIDATION);

    /** A request (or a part of one, such as a transaction's item) that names no endpoint. */
    public JsonRequest(ObjectNode body) {
        this(body, null);
    }

    /** @param authority the host (and port) the client addressed, for answers that name the endpoint */
    public JsonRequest(ObjectNode body, String authority) {
        this.body = body;
        this.authority = authority;
    }

    public ObjectNode body() {
        return body;
    }

    /** The host and port the client addressed, or null for a request built from a part of another. */
    public String authority() {
        return authority;
    }

    /** The constraint violations recorded for this request so far (thrown by {@link #check()}). */
    public Violations violations() {
        return violations;
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
        violations.required(member, value);
    }

    public void length(String member, String value, int min, int max) {
        violations.length(member, value, min, max);
    }

    public void size(String member, String shown, int size, int min, int max) {
        violations.size(member, shown, size, min, max);
    }

    public void pattern(String member, String value, Pattern pattern) {
        violations.pattern(member, value, pattern);
    }

    public void oneOf(String member, String value, Set<String> allowed) {
        violations.oneOf(member, value, allowed);
    }

    public void range(String member, Long value, long min, long max) {
        violations.range(member, value, min, max);
    }

    /** @throws EddyException ValidationException listing every violation found so far */
    public void check() {
        violations.throwIfAny();
    }
}
