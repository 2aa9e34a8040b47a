package dev.eddy.server.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.server.http.QueryRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A query-protocol request read as the JSON body {@link SqsHttp}'s operations read: flattened
 * names ({@code Attribute.1.Name}, {@code SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType})
 * become the JSON members {@link QueryMembers} gives, integers become numbers, every other value
 * stays a string. Parameters that fill no member are ignored, as AWS ignores them ({@code Version},
 * signature parameters). List items and map entries are taken in the order of their index; an
 * index that is not a positive number names nothing.
 */
final class QueryForm {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern QUEUE_PATH = Pattern.compile("/[^/]+/[^/]+");
    private static final Pattern INDEX = Pattern.compile("[1-9][0-9]{0,8}");

    private QueryForm() {}

    /** The parameters named by their dotted parts: a node may have a value, children, or both. */
    private static final class Node {
        private String value;
        private final Map<String, Node> children = new LinkedHashMap<>();

        Node child(String name) {
            return children.computeIfAbsent(name, k -> new Node());
        }

        /** The children named by an index, in the index's order. */
        Map<Integer, Node> items() {
            Map<Integer, Node> out = new TreeMap<>();
            children.forEach((name, child) -> {
                if (INDEX.matcher(name).matches()) {
                    out.put(Integer.parseInt(name), child);
                }
            });
            return out;
        }
    }

    /**
     * The JSON body equivalent to the request's parameters. A request posted to a queue's URL
     * path (the SDK for Java v1 sends no QueueUrl then) names that queue as its QueueUrl.
     */
    static ObjectNode body(QueryRequest request) {
        Node root = new Node();
        request.parameters().forEach((key, value) -> {
            Node n = root;
            for (String part : key.split("\\.", -1)) {
                n = n.child(part);
            }
            n.value = value;
        });
        ObjectNode body = structure(request.action(), root, "");
        if (!body.has("QueueUrl")
                && request.path() != null
                && QUEUE_PATH.matcher(request.path()).matches()) {
            body.put("QueueUrl", "http://" + request.authority() + request.path());
        }
        return body;
    }

    private static ObjectNode structure(String action, Node node, String prefix) {
        ObjectNode out = NODES.objectNode();
        node.children.forEach((name, child) -> {
            var members = QueryMembers.members(action, name);
            if (members.isEmpty()) {
                // a plain value under the JSON name of a list, map or number (Attributes=x) is no
                // parameter of the query protocol: ignored, not read as that member
                if (child.value != null && QueryMembers.shape(name) == null) {
                    out.put(name, child.value);
                }
                return;
            }
            for (String member : members) {
                JsonNode value = value(action, member, child, prefix + name);
                if (value != null) {
                    out.set(member, value);
                }
            }
        });
        return out;
    }

    private static JsonNode value(String action, String member, Node node, String key) {
        return switch (QueryMembers.shape(member)) {
            case QueryMembers.Int i -> node.value == null ? null : integer(member, node.value);
            case QueryMembers.ListOf list -> {
                ArrayNode out = NODES.arrayNode();
                node.items().forEach((index, item) -> {
                    if (list.structures()) {
                        out.add(structure(action, item, key + "." + index + "."));
                    } else if (item.value != null) {
                        out.add(item.value);
                    }
                });
                yield out;
            }
            case QueryMembers.MapOf map -> {
                ObjectNode out = NODES.objectNode();
                node.items().forEach((index, entry) -> {
                    String at = key + "." + index + ".";
                    Node name = entry.children.get(map.key());
                    if (name == null || name.value == null || name.value.isEmpty()) {
                        throw SqsParameters.missing(at + map.key());
                    }
                    Node value = entry.children.get(map.value());
                    if (map.structures()) {
                        out.set(
                                name.value,
                                value == null ? NODES.nullNode() : structure(action, value, at + map.value()));
                    } else if (value == null || value.value == null) {
                        throw SqsParameters.missing(at + map.value());
                    } else {
                        out.put(name.value, value.value);
                    }
                });
                yield out;
            }
        };
    }

    private static JsonNode integer(String member, String text) {
        try {
            return NODES.numberNode(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw SqsParameters.invalid(
                    "Value " + text + " for parameter " + member + " is invalid. Reason: Must be an integer.");
        }
    }
}
