package dev.eddy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.Numbers;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes attribute values in DynamoDB's JSON form: {@code {"S":"x"}}, {@code {"N":"1.5"}} (numbers
 * as strings, in their canonical text, never as JSON numbers), {@code {"B":"<base64>"}},
 * {@code {"BOOL":true}}, {@code {"NULL":true}}, {@code {"SS":[...]}}, {@code {"NS":[...]}},
 * {@code {"BS":[...]}}, {@code {"L":[...]}} and {@code {"M":{...}}}; an item (or a key) is an object
 * of such values in the map's iteration order.
 *
 * <p>Every response that carries items (GetItem, Query, Scan, BatchGetItem, transactions, PartiQL)
 * and every stream record goes through here: it streams into the caller's generator, builds no
 * tree and copies nothing beyond what the generator buffers. Strings are escaped as JSON requires
 * (quote, backslash and control characters; everything else is written as itself). Stateless and
 * thread-safe.
 */
public final class AttributeValueWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private AttributeValueWriter() {}

    /**
     * An item as compact JSON text, for a caller that embeds it in a larger document (as a raw
     * value) rather than writing the whole document with one generator.
     */
    public static String toJson(Map<String, AttributeValue> item) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeItem(g, item);
        } catch (IOException e) {
            // a StringWriter does not fail
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes an attribute map (an item, a key) as a JSON object, at the generator's position. */
    public static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** Writes one attribute value as its one-member JSON object, at the generator's position. */
    public static void writeValue(JsonGenerator g, AttributeValue v) throws IOException {
        g.writeStartObject();
        switch (v) {
            case AttributeValue.S s -> g.writeStringField("S", s.value());
            case AttributeValue.N n -> g.writeStringField("N", n.text());
            case AttributeValue.B b -> {
                g.writeFieldName("B");
                g.writeBinary(b.value());
            }
            case AttributeValue.Bool b -> g.writeBooleanField("BOOL", b.value());
            case AttributeValue.Null ignored -> g.writeBooleanField("NULL", true);
            case AttributeValue.M m -> {
                g.writeFieldName("M");
                writeItem(g, m.values());
            }
            case AttributeValue.L l -> writeArray(g, l);
            case AttributeValue.SS ss -> writeArray(g, ss);
            case AttributeValue.NS ns -> writeArray(g, ns);
            case AttributeValue.BS bs -> writeArray(g, bs);
        }
        g.writeEndObject();
    }

    /** The member of a list or a set: its type descriptor and the array of its elements. */
    private static void writeArray(JsonGenerator g, AttributeValue v) throws IOException {
        g.writeArrayFieldStart(v.type().name());
        switch (v) {
            case AttributeValue.L l -> {
                for (AttributeValue e : l.values()) {
                    writeValue(g, e);
                }
            }
            case AttributeValue.SS ss -> {
                for (String s : ss.values()) {
                    g.writeString(s);
                }
            }
            case AttributeValue.NS ns -> {
                for (BigDecimal d : ns.values()) {
                    g.writeString(Numbers.text(d));
                }
            }
            case AttributeValue.BS bs -> {
                for (AttributeValue.B b : bs.values()) {
                    g.writeBinary(b.value());
                }
            }
            default -> throw new IllegalArgumentException("not a list or a set: " + v.type());
        }
        g.writeEndArray();
    }
}
