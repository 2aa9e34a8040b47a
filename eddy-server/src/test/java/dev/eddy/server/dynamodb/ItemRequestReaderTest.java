package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.json.AttributeValueWriter;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.server.http.WellFormedText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The item operations' fast reader against the general path (the tree, its Unicode check and
 * {@link AttributeValueJson}) on a corpus of valid and broken requests: whenever the reader takes
 * a body, the operation sees the same members in the same order and the same attribute map, or
 * the same error; everything else it declines. Valid, ordinary requests must not be declined.
 */
class ItemRequestReaderTest {
    // the front door's settings (JsonEndpoint): nesting depth and the longest member name
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(256)
                    .maxNameLength(64 * 1024 + 1)
                    .build())
            .build());

    private static final String KEY = "{\"id\":{\"S\":\"k1\"}}";

    /** Items of every type and shape the reader must take. */
    static final List<String> VALID_ITEMS = List.of(
            KEY,
            "{\"id\":{\"S\":\"k1\"},\"payload\":{\"S\":\"" + "x".repeat(1000) + "\"},\"n\":{\"N\":\"1\"}}",
            "{\"a\":{\"N\":\"1.50\"},\"b\":{\"N\":\"-0\"},\"c\":{\"N\":\"1e3\"},\"d\":{\"N\":\"-.5E-3\"}}",
            "{\"b\":{\"B\":\"AAEC\"},\"e\":{\"B\":\"\"},\"t\":{\"BOOL\":true},\"f\":{\"BOOL\":false},\"z\":{\"NULL\":true}}",
            "{\"m\":{\"M\":{\"x\":{\"L\":[{\"S\":\"a\"},{\"N\":\"2\"},{\"M\":{}},{\"L\":[]}]}}}}",
            "{\"ss\":{\"SS\":[\"b\",\"a\",\"c\"]},\"ns\":{\"NS\":[\"3\",\"1\",\"2.5\"]},\"bs\":{\"BS\":[\"AQ==\",\"Ag==\"]}}",
            "{\"uni\":{\"S\":\"é \\u00e9 \\ud83d\\ude00 😀 \\n\\t\\\"\\\\ \\u0041\"},\"é\":{\"S\":\"\"}}",
            "{ \"spaced\" : { \"S\" : \"v\" } ,\n \"n\":\t{\"N\":\"7\"} }",
            "{}",
            nested("M", 32),
            nested("L", 32));

    /** Items the general path refuses or treats in a way of its own: the reader must decline them. */
    static final List<String> OTHER_ITEMS = List.of(
            "{\"a\":{\"S\":1}}",
            "{\"a\":{\"N\":1}}",
            "{\"a\":{\"S\":\"x\",\"N\":\"1\"}}",
            "{\"a\":{}}",
            "{\"a\":{\"S\":null}}",
            "{\"a\":{\"S\":\"x\",\"N\":null}}",
            "{\"a\":{\"S\":\"x\",\"X\":1}}",
            "{\"a\":{\"X\":1}}",
            "{\"a\":{\"NULL\":false}}",
            "{\"a\":{\"NULL\":\"true\"}}",
            "{\"a\":{\"BOOL\":\"true\"}}",
            "{\"a\":{\"SS\":[]}}",
            "{\"a\":{\"SS\":[\"x\",\"x\"]}}",
            "{\"a\":{\"SS\":[\"x\",1]}}",
            "{\"a\":{\"NS\":[\"1\",\"1.0\"]}}",
            "{\"a\":{\"NS\":[\"1\",\"x\"]}}",
            "{\"a\":{\"BS\":[\"AA==\",\"AA==\"]}}",
            "{\"a\":{\"BS\":[]}}",
            "{\"a\":{\"B\":\"abc\"}}",
            "{\"a\":{\"B\":\"!!!!\"}}",
            "{\"a\":{\"N\":\"abc\"}}",
            "{\"a\":{\"N\":\" 1\"}}",
            "{\"a\":{\"N\":\"1e999\"}}",
            "{\"a\":{\"N\":\"123456789012345678901234567890123456789\"}}",
            "{\"a\":{\"L\":{}}}",
            "{\"a\":{\"L\":[1]}}",
            "{\"a\":{\"M\":[]}}",
            "{\"a\":{\"M\":{\"x\":1}}}",
            "{\"a\":\"x\"}",
            "{\"a\":null}",
            "{\"a\":[]}",
            "{\"a\":{\"S\":\"x\"},\"a\":{\"S\":\"y\"}}",
            "{\"a\":{\"S\":\"x\",\"S\":\"y\"}}",
            "{\"a\":{\"M\":{\"b\":{\"S\":\"x\"},\"b\":{\"N\":\"1\"}}}}",
            "{\"a\":{\"S\":\"\\ud800\"}}",
            "{\"\\udc00\":{\"S\":\"x\"}}",
            "{\"a\":{\"SS\":[\"\\ud800x\"]}}",
            "{\"a\":{\"S\\ud800\":\"x\"}}",
            nested("M", 33),
            nested("L", 33),
            nested("M", 40));

    /** Whole bodies around an item, the item marked {@code ITEM}. */
    static final List<String> BODIES = List.of(
            "{\"TableName\":\"bench\",\"Item\":ITEM}",
            "{\"Item\":ITEM,\"TableName\":\"t\",\"ReturnValues\":\"ALL_OLD\",\"ReturnConsumedCapacity\":\"TOTAL\"}",
            "{\"TableName\":\"t\",\"Item\":ITEM,\"ConditionExpression\":\"attribute_not_exists(#k) AND :v > :w\","
                    + "\"ExpressionAttributeNames\":{\"#k\":\"id\"},"
                    + "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"1\"},\":w\":{\"S\":\"x\",\"N\":null}}}",
            "{\"TableName\":\"t\",\"Item\":ITEM,\"Limit\":5,\"F\":1.5,\"G\":1e400,\"H\":123456789012345678901234567,"
                    + "\"I\":true,\"J\":null,\"K\":[1,\"a\",{}],\"L\":{\"x\":[null]},\"M\":-0.0}",
            "{\"TableName\":\"t\",\"Item\":ITEM,\"Expected\":{\"a\":{\"Value\":{\"S\":\"x\"}}}} trailing",
            "{\"TableName\":\"t\",\"Item\":ITEM}}",
            "  {\"Item\":ITEM}\n");

    /** Bodies that are not objects, not JSON, or otherwise left to the general path. */
    static final List<String> OTHER_BODIES = List.of(
            "",
            " ",
            "[]",
            "\"x\"",
            "1",
            "null",
            "{\"TableName\":\"t\",\"TableName\":\"u\",\"Item\":" + KEY + "}",
            "{\"TableName\":\"\\ud800\",\"Item\":" + KEY + "}",
            "{\"\\ud800\":1,\"Item\":" + KEY + "}",
            "{\"X\":{\"y\":\"\\udfff\"},\"Item\":" + KEY + "}",
            "{\"Item\":" + KEY + ",\"Item\":" + KEY + "}",
            "{\"Item\":" + KEY + ",",
            "{\"Item\":" + KEY,
            "{\"Item\":" + KEY + ",]",
            "{\"Item\":{\"a\":{\"S\":\"x\"}");

    @Test
    void validRequestsAreReadAsTheTreeReadsThem() throws Exception {
        for (String body : BODIES) {
            for (String item : VALID_ITEMS) {
                String request = body.replace("ITEM", item);
                assertThat(compare(request, "Item")).as(request).isTrue();
                assertThat(compare(request.replace("\"Item\"", "\"Key\""), "Key"))
                        .as(request)
                        .isTrue();
            }
        }
    }

    @Test
    void requestsTheGeneralPathRefusesOrReadsOtherwiseAreDeclined() throws Exception {
        for (String body : BODIES) {
            for (String item : OTHER_ITEMS) {
                String request = body.replace("ITEM", item);
                assertThat(compare(request, "Item")).as(request).isFalse();
            }
        }
        for (String request : OTHER_BODIES) {
            assertThat(compare(request, "Item")).as(request).isFalse();
        }
        // a member of the wrong type where the item belongs is read as a tree: the operation's error
        for (String item : List.of("\"x\"", "null", "[]", "1")) {
            String request = "{\"TableName\":\"t\",\"Item\":" + item + "}";
            assertThat(compare(request, "Item")).as(request).isTrue();
        }
    }

    @Test
    void everyTruncationAndByteChangeOfValidRequestsGetsTheGeneralAnswer() throws Exception {
        String[] replacements = {"\"", "{", "}", "[", "]", ",", ":", "\\", "0", "n", " ", "\u0000", "é", "S", "N"};
        int taken = 0;
        for (String item : VALID_ITEMS.subList(0, 7)) {
            byte[] request = ("{\"TableName\":\"t\",\"Item\":" + item + ",\"ReturnValues\":\"NONE\"}")
                    .getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < Math.min(request.length, 300); i++) {
                compare(Arrays.copyOf(request, i), "Item");
                for (String r : replacements) {
                    taken += compare(splice(request, i, r.getBytes(StandardCharsets.UTF_8)), "Item") ? 1 : 0;
                }
            }
        }
        // the changes keep some requests valid (a digit for a digit, a letter in a string)
        assertThat(taken).isPositive();
    }

    @Test
    void randomItemsAreReadAsTheTreeReadsThem() throws Exception {
        Random random = new Random(14);
        int taken = 0;
        for (int i = 0; i < 2000; i++) {
            String request = "{\"TableName\":\"t\",\"Item\":" + randomItem(random, 0) + "}";
            taken += compare(request, "Item") ? 1 : 0;
        }
        // most are valid and taken; the rest hold one of the general path's errors
        assertThat(taken).isBetween(800, 1950);
    }

    /**
     * Runs the reader and the general path on {@code request}; fails unless, when the reader takes
     * it, both give the same members and the same attribute map or error.
     *
     * @return whether the reader took the request
     */
    private static boolean compare(String request, String member) throws Exception {
        return compare(request.getBytes(StandardCharsets.UTF_8), member);
    }

    private static boolean compare(byte[] body, String member) throws Exception {
        ObjectNode read = read(body, member);
        if (read == null) {
            return false;
        }
        JsonNode tree = JSON.readTree(body);
        assertThat(WellFormedText.wellFormed(tree)).isTrue();
        assertThat(tree.isObject()).isTrue();
        List<String> treeNames = names(tree);
        assertThat(names(read)).isEqualTo(treeNames);
        for (String name : treeNames) {
            if (!name.equals(member)) {
                assertThat(read.get(name)).as(name).isEqualTo(tree.get(name));
            }
        }
        assertThat(outcome(new JsonRequest(read), member))
                .isEqualTo(outcome(new JsonRequest((ObjectNode) tree), member));
        return true;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    private static ObjectNode read(byte[] body, String member) {
        ItemRequestReader reader = member.equals("Item") ? ItemRequestReader.PUT_ITEM : ItemRequestReader.BY_KEY;
        try (JsonParser p = JSON.createParser(body)) {
            return reader.read(p);
        } catch (Exception e) {
            return null;
        }
    }

    /** The attribute map as the operation gets it, rendered in order, or its error. */
    private static String outcome(JsonRequest r, String member) {
        try {
            Map<String, AttributeValue> item = AttributeValueJson.item(r, member);
            return item == null ? "null" : AttributeValueWriter.toJson(item) + " " + item.hashCode();
        } catch (EddyException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    /** An item whose one value has its leaf at {@code depth} ({@link dev.eddy.item.Items#MAX_DEPTH} at most). */
    private static String nested(String type, int depth) {
        String v = "{\"S\":\"leaf\"}";
        for (int i = 1; i < depth; i++) {
            v = type.equals("M") ? "{\"M\":{\"x\":" + v + "}}" : "{\"L\":[" + v + "]}";
        }
        return "{\"a\":" + v + "}";
    }

    private static byte[] splice(byte[] body, int at, byte[] with) {
        byte[] out = new byte[body.length - 1 + with.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(with, 0, out, at, with.length);
        System.arraycopy(body, at + 1, out, at + with.length, body.length - at - 1);
        return out;
    }

    private static final String[] NAMES = {"a", "b", "id", "é", "\\u00e9", "x y", "\\ud83d\\ude00", "\\ud800"};
    private static final String[] SCALARS = {
        "{\"S\":\"v\"}",
        "{\"S\":\"\"}",
        "{\"N\":\"1\"}",
        "{\"N\":\"0.10\"}",
        "{\"N\":\"x\"}",
        "{\"B\":\"AQ==\"}",
        "{\"B\":\"A\"}",
        "{\"BOOL\":false}",
        "{\"NULL\":true}",
        "{\"NULL\":false}",
        "{\"SS\":[\"a\",\"b\"]}",
        "{\"SS\":[\"a\",\"a\"]}",
        "{\"NS\":[\"1\",\"2\"]}",
        "{\"BS\":[\"AQ==\"]}",
        "{\"S\":\"v\",\"Q\":null}",
        "{}",
        "{\"S\":1}",
        "\"bare\""
    };

    /** An item of random values, mostly valid, with a few of the general path's errors in it. */
    private static String randomItem(Random random, int depth) {
        StringBuilder out = new StringBuilder("{");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(NAMES[random.nextInt(random.nextInt(10) == 0 ? NAMES.length : 4)]);
            out.append("\":").append(randomValue(random, depth));
        }
        return out.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        int pick = random.nextInt(depth > 3 ? 10 : 14);
        if (pick < 10) {
            // errors rarely, so that most random items are valid
            return SCALARS[random.nextInt(random.nextInt(5) == 0 ? SCALARS.length : 4)];
        }
        if (pick < 12) {
            return "{\"M\":" + randomItem(random, depth + 1) + "}";
        }
        StringBuilder list = new StringBuilder("{\"L\":[");
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            list.append(i > 0 ? "," : "").append(randomValue(random, depth + 1));
        }
        return list.append("]}").toString();
    }
}
