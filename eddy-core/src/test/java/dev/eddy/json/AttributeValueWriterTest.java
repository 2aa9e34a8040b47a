package dev.eddy.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.Numbers;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB's JSON form of every attribute type, exactly, and strings escaped as JSON requires. */
class AttributeValueWriterTest {
    /** Every character JSON must escape, and some it must not. */
    static final String AWKWARD = "q\"b\\s/\n\t\r\b\f\u0000\u001f\u007f \u00e9 \u2713 \ud83d\ude00 \u2028";

    static final String AWKWARD_JSON =
            "q\\\"b\\\\s/\\n\\t\\r\\b\\f\\u0000\\u001F\u007f \u00e9 \u2713 \ud83d\ude00 \u2028";

    static AttributeValue.N n(String text) {
        return new AttributeValue.N(Numbers.parse(text));
    }

    static AttributeValue.B b(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new AttributeValue.B(b);
    }

    static AttributeValue.S s(String s) {
        return new AttributeValue.S(s);
    }

    @Test
    void scalars() {
        assertThat(json(s("x"))).isEqualTo("{\"S\":\"x\"}");
        assertThat(json(s(""))).isEqualTo("{\"S\":\"\"}");
        assertThat(json(n("42"))).isEqualTo("{\"N\":\"42\"}");
        assertThat(json(b('f', 'o', 'o', 'b', 'a', 'r'))).isEqualTo("{\"B\":\"Zm9vYmFy\"}");
        assertThat(json(b(0x00, 0xff, 0xfe))).isEqualTo("{\"B\":\"AP/+\"}");
        assertThat(json(b(0xfb, 0xef))).isEqualTo("{\"B\":\"++8=\"}");
        assertThat(json(b())).isEqualTo("{\"B\":\"\"}");
        assertThat(json(new AttributeValue.Bool(true))).isEqualTo("{\"BOOL\":true}");
        assertThat(json(new AttributeValue.Bool(false))).isEqualTo("{\"BOOL\":false}");
        assertThat(json(AttributeValue.NULL)).isEqualTo("{\"NULL\":true}");
    }

    @Test
    void numbersAreStringsInTheirCanonicalTextNeverJsonNumbers() {
        assertThat(json(n("-0.000123"))).isEqualTo("{\"N\":\"-0.000123\"}");
        assertThat(json(n("1.50"))).isEqualTo("{\"N\":\"1.5\"}");
        assertThat(json(n("1E+5"))).isEqualTo("{\"N\":\"100000\"}");
        assertThat(json(n("12345678901234567890123456789012345678")))
                .isEqualTo("{\"N\":\"12345678901234567890123456789012345678\"}");
        assertThat(json(n("9.9999999999999999999999999999999999999E+125")))
                .isEqualTo("{\"N\":\"99999999999999999999999999999999999999" + "0".repeat(88) + "\"}");
        assertThat(json(n("1E-130"))).isEqualTo("{\"N\":\"0." + "0".repeat(129) + "1\"}");
    }

    @Test
    void setsAndListsInTheirOrder() {
        assertThat(json(new AttributeValue.SS(List.of("b", "a", "")))).isEqualTo("{\"SS\":[\"b\",\"a\",\"\"]}");
        assertThat(json(new AttributeValue.NS(List.of(new BigDecimal("2.0"), new BigDecimal("-1")))))
                .isEqualTo("{\"NS\":[\"2\",\"-1\"]}");
        assertThat(json(new AttributeValue.BS(List.of(b('f', 'o', 'o'), b(0xff)))))
                .isEqualTo("{\"BS\":[\"Zm9v\",\"/w==\"]}");
        assertThat(json(new AttributeValue.L(List.of()))).isEqualTo("{\"L\":[]}");
        assertThat(json(new AttributeValue.L(List.of(
                        s("a"),
                        n("1"),
                        AttributeValue.NULL,
                        new AttributeValue.L(List.of(new AttributeValue.Bool(false)))))))
                .isEqualTo("{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"},{\"NULL\":true},{\"L\":[{\"BOOL\":false}]}]}");
    }

    @Test
    void mapsAndItemsInTheirOrder() {
        Map<String, AttributeValue> inner = new LinkedHashMap<>();
        inner.put("z", s("last first"));
        inner.put("a", new AttributeValue.M(Map.of()));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", s("1"));
        item.put("m", new AttributeValue.M(inner));
        item.put("ss", new AttributeValue.SS(List.of("x")));

        assertThat(AttributeValueWriter.toJson(item))
                .isEqualTo("{\"id\":{\"S\":\"1\"},\"m\":{\"M\":{\"z\":{\"S\":\"last first\"},\"a\":{\"M\":{}}}},"
                        + "\"ss\":{\"SS\":[\"x\"]}}");
        assertThat(AttributeValueWriter.toJson(Map.of())).isEqualTo("{}");
    }

    @Test
    void escapesWhatJsonRequiresInNamesAndStrings() throws IOException {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(AWKWARD, s(AWKWARD));
        item.put("ss", new AttributeValue.SS(List.of(AWKWARD)));

        String json = AttributeValueWriter.toJson(item);

        assertThat(json)
                .isEqualTo("{\"" + AWKWARD_JSON + "\":{\"S\":\"" + AWKWARD_JSON + "\"}," + "\"ss\":{\"SS\":[\""
                        + AWKWARD_JSON + "\"]}}");
        try (JsonParser p = new JsonFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextFieldName()).isEqualTo(AWKWARD);
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextFieldName()).isEqualTo("S");
            assertThat(p.nextTextValue()).isEqualTo(AWKWARD);
        }
    }

    @Test
    void writesAtTheGeneratorsPosition() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("Item");
            AttributeValueWriter.writeItem(g, Map.of("k", n("7")));
            g.writeFieldName("Value");
            AttributeValueWriter.writeValue(g, s("v"));
            g.writeNumberField("Count", 1);
            g.writeEndObject();
        }

        assertThat(out.toString()).isEqualTo("{\"Item\":{\"k\":{\"N\":\"7\"}},\"Value\":{\"S\":\"v\"},\"Count\":1}");
    }

    private static String json(AttributeValue v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            AttributeValueWriter.writeValue(g, v);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }
}
