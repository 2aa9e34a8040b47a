package dev.eddy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Requests for every operation of one botocore service model (JSON 1.0 or REST-JSON), drawn from
 * one seeded random source: a value for each input shape, then usually one mutation (a wrong JSON
 * type, a hostile string or number, a dropped required member, an unknown member, damaged bytes).
 * Not thread-safe; one instance per random source.
 */
final class ModelRequests {
    /** One request, ready to send. */
    record Request(String method, String path, Map<String, String> headers, byte[] body, String signingName) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A path or query value short enough for the request line: the web server reads lines of up
     * to 16 KiB and answers 414 past that, but it closes the connection with the rest of the line
     * unread, and a client still sending may then see a reset instead of the answer (a known gap,
     * docs/compatibility.md). 500 characters stay below the limit even percent-encoded (at most 9
     * characters each) with a few values in one line; long values go into headers and bodies.
     */
    private static String inRequestLine(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    /** Replaced by a lone UTF-16 surrogate escape after serialisation (Jackson will not write one). */
    private static final String SURROGATE = "@@lone-surrogate@@";

    private static final String[] HOSTILE_STRINGS = {
        "",
        " ",
        SURROGATE,
        "\u0000",
        "\"",
        "\\",
        "a".repeat(70_000),
        "\uD83D\uDE00",
        "#",
        ":",
        "#n",
        ":v",
        "-0",
        "1e999999",
        "NaN",
        "-1",
        "99999999999999999999999999999999999999999",
        "arn:aws:lambda:::",
        "((((a))))",
        "a.b[2147483648]",
        "SELECT * FROM \"t\"",
        "../../etc",
        "%ZZ",
        "\n\r\t",
    };

    private final JsonNode model;
    private final JsonNode shapes;
    private final List<String> operations;
    private final SplittableRandom random;
    private final boolean rest;

    ModelRequests(JsonNode model, SplittableRandom random) {
        this.model = model;
        this.shapes = model.get("shapes");
        this.operations = new ArrayList<>();
        model.get("operations").fieldNames().forEachRemaining(operations::add);
        this.random = random;
        this.rest = model.get("metadata").get("protocol").asText().equals("rest-json");
    }

    Request next() {
        String name = operations.get(random.nextInt(operations.size()));
        JsonNode op = model.get("operations").get(name);
        String input = op.path("input").path("shape").asText(null);
        ObjectNode value = input == null ? NODES.objectNode() : (ObjectNode) value(input, 0);
        mutate(value);
        return rest ? restRequest(op, input, value) : jsonRequest(name, value);
    }

    private Request jsonRequest(String operation, ObjectNode value) {
        JsonNode metadata = model.get("metadata");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.0");
        headers.put("X-Amz-Target", metadata.get("targetPrefix").asText() + "." + operation);
        return new Request(
                "POST",
                "/",
                headers,
                damage(bytes(value)),
                metadata.path("signingName").asText("x"));
    }

    private Request restRequest(JsonNode op, String input, ObjectNode value) {
        String path = op.get("http").get("requestUri").asText();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> query = new ArrayList<>();
        JsonNode members =
                input == null ? NODES.objectNode() : shapes.get(input).path("members");
        String payload =
                input == null ? null : shapes.get(input).path("payload").asText(null);
        byte[] body = null;
        for (Map.Entry<String, JsonNode> member : members.properties()) {
            JsonNode v = value.remove(member.getKey());
            String location = member.getValue().path("location").asText("");
            String as = member.getValue().path("locationName").asText(member.getKey());
            String text = v == null ? null : v.isTextual() ? v.textValue() : v.toString();
            switch (location) {
                case "uri" ->
                    path = path.replace("{" + as + "+}", ModelFuzzTest.encode(inRequestLine(orFuzz(text))))
                            .replace("{" + as + "}", ModelFuzzTest.encode(inRequestLine(orFuzz(text))));
                case "querystring" -> {
                    if (text != null) {
                        query.add(ModelFuzzTest.encode(as) + "=" + ModelFuzzTest.encode(inRequestLine(text)));
                    }
                }
                case "header" -> {
                    if (text != null) {
                        headers.put(as, printable(text));
                    }
                }
                default -> {
                    if (member.getKey().equals(payload) && v != null) {
                        body = v.isTextual() ? v.textValue().getBytes(StandardCharsets.UTF_8) : bytes(v);
                    } else if (v != null) {
                        value.set(member.getKey(), v);
                    }
                }
            }
        }
        if (path.indexOf('?') >= 0) {
            // a fixed query in the model's URI, such as ?Qualifier or ?find
            query.add(path.substring(path.indexOf('?') + 1));
            path = path.substring(0, path.indexOf('?'));
        }
        if (!query.isEmpty()) {
            path = path + "?" + String.join("&", query);
        }
        headers.put("Content-Type", "application/json");
        byte[] out = body != null ? body : damage(bytes(value));
        return new Request(op.get("http").get("method").asText(), path, headers, out, "lambda");
    }

    private String orFuzz(String text) {
        return text == null || text.isEmpty() ? "fuzz" : text.replace(SURROGATE, "\uFFFD");
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.length() > 4000 ? out.substring(0, 4000) : out.toString();
    }

    // ---- values from shapes ----

    private JsonNode value(String shapeName, int depth) {
        JsonNode shape = shapes.get(shapeName);
        String type = shape.get("type").asText();
        return switch (type) {
            case "structure" -> structure(shape, depth);
            case "list" -> {
                ArrayNode list = NODES.arrayNode();
                int n = depth > 5 ? 0 : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(value(shape.get("member").get("shape").asText(), depth + 1));
                }
                yield list;
            }
            case "map" -> {
                ObjectNode map = NODES.objectNode();
                int n = depth > 5 ? 0 : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    map.set(
                            string(shapes.get(shape.get("key").get("shape").asText())),
                            value(shape.get("value").get("shape").asText(), depth + 1));
                }
                yield map;
            }
            case "string" -> NODES.textNode(string(shape));
            case "integer", "long" -> NODES.numberNode(integer(shape));
            case "double", "float" -> NODES.numberNode(random.nextDouble() * 1000);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "blob" -> NODES.textNode(Base64.getEncoder().encodeToString(randomBytes(random.nextInt(64))));
            case "timestamp" -> NODES.numberNode(1_700_000_000L + random.nextInt(100_000_000));
            default -> NODES.nullNode();
        };
    }

    private ObjectNode structure(JsonNode shape, int depth) {
        ObjectNode out = NODES.objectNode();
        List<String> required = new ArrayList<>();
        shape.path("required").forEach(r -> required.add(r.asText()));
        boolean union = shape.path("union").asBoolean(false);
        List<String> names = new ArrayList<>();
        shape.get("members").fieldNames().forEachRemaining(names::add);
        if (union && !names.isEmpty()) {
            String pick = names.get(random.nextInt(names.size()));
            out.set(pick, value(shape.get("members").get(pick).get("shape").asText(), depth + 1));
            return out;
        }
        for (String name : names) {
            if (required.contains(name) || (depth < 4 && random.nextInt(3) == 0)) {
                out.set(name, value(shape.get("members").get(name).get("shape").asText(), depth + 1));
            }
        }
        return out;
    }

    private String string(JsonNode shape) {
        JsonNode values = shape.path("enum");
        if (values.isArray() && !values.isEmpty() && random.nextInt(8) != 0) {
            return values.get(random.nextInt(values.size())).asText();
        }
        if (random.nextInt(6) == 0) {
            return HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)];
        }
        int length = Math.max(shape.path("min").asInt(1), 1) + random.nextInt(8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private long integer(JsonNode shape) {
        return switch (random.nextInt(6)) {
            case 0 -> shape.path("min").asLong(0);
            case 1 -> shape.path("max").asLong(Long.MAX_VALUE);
            case 2 -> -1;
            case 3 -> Long.MIN_VALUE;
            default -> random.nextInt(100);
        };
    }

    private byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    // ---- mutations ----

    private void mutate(ObjectNode value) {
        switch (random.nextInt(8)) {
            case 0 -> {} // as drawn
            case 1 -> replaceSomewhere(value, wrongType());
            case 2 -> replaceSomewhere(value, NODES.textNode(HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)]));
            case 3 -> replaceSomewhere(value, hostileNumber());
            case 4 -> {
                List<String> names = new ArrayList<>();
                value.fieldNames().forEachRemaining(names::add);
                if (!names.isEmpty()) {
                    value.remove(names.get(random.nextInt(names.size())));
                }
            }
            case 5 -> value.put("UnknownMember" + random.nextInt(3), "x");
            default -> replaceSomewhere(value, NODES.nullNode());
        }
    }

    private JsonNode wrongType() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.numberNode(12);
            case 1 -> NODES.textNode("text");
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.arrayNode().add(1);
            default -> NODES.objectNode().put("a", 1);
        };
    }

    private JsonNode hostileNumber() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.numberNode(new BigInteger("9".repeat(40)));
            case 1 -> NODES.numberNode(-1.5);
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 3 -> NODES.numberNode(Long.MIN_VALUE);
            default -> NODES.numberNode(2147483648L);
        };
    }

    /** Replaces one randomly chosen node below {@code root} (walking down a random path). */
    private void replaceSomewhere(JsonNode root, JsonNode replacement) {
        JsonNode node = root;
        while (true) {
            if (node instanceof ObjectNode object && !object.isEmpty()) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                JsonNode child = object.get(name);
                if (!child.isContainerNode() || child.isEmpty() || random.nextInt(3) == 0) {
                    object.set(name, replacement);
                    return;
                }
                node = child;
            } else if (node instanceof ArrayNode array && !array.isEmpty()) {
                int i = random.nextInt(array.size());
                JsonNode child = array.get(i);
                if (!child.isContainerNode() || child.isEmpty() || random.nextInt(3) == 0) {
                    array.set(i, replacement);
                    return;
                }
                node = child;
            } else {
                return;
            }
        }
    }

    /** One request in ten gets its bytes damaged: cut, flipped, padded or nested deeply. */
    private byte[] damage(byte[] body) {
        if (random.nextInt(10) != 0 || body.length == 0) {
            return body;
        }
        return switch (random.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(body, random.nextInt(body.length));
            case 1 -> {
                byte[] out = body.clone();
                out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                yield out;
            }
            case 2 -> ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] out = java.util.Arrays.copyOf(body, body.length + 4);
                System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xfe, 0, '"'}, 0, out, body.length, 4);
                yield out;
            }
        };
    }

    private static byte[] bytes(JsonNode value) {
        try {
            String text = JSON.writeValueAsString(value);
            return text.replace(SURROGATE, "\\ud800").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
