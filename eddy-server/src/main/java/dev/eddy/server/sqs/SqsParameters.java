package dev.eddy.server.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.server.http.JsonRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading SQS request members: members of the wrong JSON type fail as the JSON protocol's
 * SerializationException ({@link JsonRequest}), a missing required member as SQS's
 * MissingParameter.
 */
final class SqsParameters {
    private SqsParameters() {}

    /** @throws EddyException MissingParameter when the member is absent or empty */
    static String required(JsonNode parent, String member) {
        String value = JsonRequest.string(parent, member);
        if (value == null || value.isEmpty()) {
            throw missing(member);
        }
        return value;
    }

    static EddyException missing(String member) {
        return new EddyException(
                ErrorCode.SQS_MISSING_PARAMETER, "The request must contain the parameter " + member + ".");
    }

    static EddyException invalid(String message) {
        return new EddyException(ErrorCode.SQS_INVALID_PARAMETER_VALUE, message);
    }

    /** An integer member, or null when absent. */
    static Integer integer(JsonNode parent, String member) {
        Long n = JsonRequest.number(parent, member);
        if (n == null) {
            return null;
        }
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw invalid("Value " + n + " for parameter " + member + " is invalid.");
        }
        return n.intValue();
    }

    /** A map of strings (queue attributes, tags); empty when absent. */
    static Map<String, String> strings(JsonNode parent, String member) {
        ObjectNode node = JsonRequest.object(parent, member);
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            node.properties().forEach(e -> out.put(e.getKey(), JsonRequest.string(node, e.getKey())));
        }
        return out;
    }

    /** A list of strings; empty when absent. */
    static List<String> list(JsonNode parent, String member) {
        ArrayNode node = JsonRequest.array(parent, member);
        List<String> out = new ArrayList<>();
        if (node != null) {
            for (JsonNode n : node) {
                if (!n.isTextual()) {
                    throw JsonRequest.wrongType(n);
                }
                out.add(n.textValue());
            }
        }
        return out;
    }

    /** A list of objects (batch entries); empty when absent. */
    static List<ObjectNode> objects(JsonNode parent, String member) {
        ArrayNode node = JsonRequest.array(parent, member);
        List<ObjectNode> out = new ArrayList<>();
        if (node != null) {
            for (JsonNode n : node) {
                if (!n.isObject()) {
                    throw JsonRequest.wrongType(n);
                }
                out.add((ObjectNode) n);
            }
        }
        return out;
    }
}
