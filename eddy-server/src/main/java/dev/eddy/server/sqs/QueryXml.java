package dev.eddy.server.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A JSON answer of {@link SqsHttp} written as the query protocol's XML:
 * {@code <ActionResponse xmlns=...><ActionResult>...</ActionResult><ResponseMetadata><RequestId>
 * ...</RequestId></ResponseMetadata></ActionResponse>}. Lists and maps are flattened as
 * {@link QueryMembers} says, structures nest, numbers and booleans are written as text
 * ({@code 1700000000}, {@code true}). Text is escaped as AWS escapes it: {@code "} as
 * {@code &quot;} and a carriage return as {@code &#xD;}, so that XML parsers keep it.
 */
final class QueryXml {
    static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

    private QueryXml() {}

    /** The XML answer to {@code action}, whose JSON answer is {@code result}. */
    static byte[] answer(String action, ObjectNode result, String requestId) {
        StringBuilder out = new StringBuilder(256)
                .append("<?xml version=\"1.0\"?><")
                .append(action)
                .append("Response xmlns=\"")
                .append(NAMESPACE)
                .append("\">");
        if (QueryMembers.hasResult(action)) {
            open(out, action + "Result");
            members(out, action, result);
            close(out, action + "Result");
        }
        out.append("<ResponseMetadata><RequestId>")
                .append(escape(requestId))
                .append("</RequestId></ResponseMetadata></")
                .append(action)
                .append("Response>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void members(StringBuilder out, String action, JsonNode structure) {
        for (Map.Entry<String, JsonNode> e : structure.properties()) {
            member(out, action, e.getKey(), e.getValue());
        }
    }

    private static void member(StringBuilder out, String action, String name, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        switch (QueryMembers.shape(name)) {
            case QueryMembers.ListOf list -> {
                for (JsonNode item : value) {
                    element(out, action, list.element(action), item);
                }
            }
            case QueryMembers.MapOf map ->
                value.properties().forEach(e -> {
                    if (!e.getValue().isNull()) {
                        open(out, map.entry());
                        element(out, action, map.key(), TextNode.valueOf(e.getKey()));
                        element(out, action, map.value(), e.getValue());
                        close(out, map.entry());
                    }
                });
            case QueryMembers.Int i -> element(out, action, name, value);
            case null -> {
                if (value.isArray()) {
                    for (JsonNode item : value) {
                        element(out, action, name, item);
                    }
                } else {
                    element(out, action, name, value);
                }
            }
        }
    }

    /** {@code <name>} with a structure's members, or a scalar's text. */
    private static void element(StringBuilder out, String action, String name, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        open(out, name);
        if (value.isObject()) {
            members(out, action, value);
        } else {
            out.append(escape(value.asText()));
        }
        close(out, name);
    }

    private static void open(StringBuilder out, String name) {
        out.append('<').append(name).append('>');
    }

    private static void close(StringBuilder out, String name) {
        out.append("</").append(name).append('>');
    }

    /** XML text, escaped as AWS escapes it. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#xD;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
