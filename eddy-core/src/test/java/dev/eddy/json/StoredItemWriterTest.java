package dev.eddy.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.item.Numbers;
import dev.eddy.item.StoredItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An item read from the store is written from its stored bytes exactly as its decoded form is
 * written, byte for byte, on a UTF-8 generator (a response) and on a character one (a raw value),
 * and it stays undecoded.
 */
class StoredItemWriterTest {
    private static final JsonFactory JSON = new JsonFactory();

    static List<Map<String, AttributeValue>> corpus() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> every = new LinkedHashMap<>();
        every.put("id", new AttributeValue.S("k\u00e9y \ud83d\ude00"));
        every.put("num", new AttributeValue.N(new BigDecimal("-12.5E+3")));
        every.put("bin", new AttributeValue.B(new byte[] {0, 1, (byte) 0xFF, (byte) 0xFB, (byte) 0xEF}));
        every.put("yes", new AttributeValue.Bool(true));
        every.put("no", new AttributeValue.Bool(false));
        every.put("nothing", AttributeValue.NULL);
        every.put(
                "list", new AttributeValue.L(List.of(new AttributeValue.S(""), new AttributeValue.N(BigDecimal.ONE))));
        every.put("map", new AttributeValue.M(Map.of("inner", new AttributeValue.L(List.of()))));
        every.put("ss", new AttributeValue.SS(List.of("b", "a", "")));
        every.put("ns", new AttributeValue.NS(List.of(new BigDecimal("1"), new BigDecimal("99999999999999999999"))));
        every.put("bs", new AttributeValue.BS(List.of(new AttributeValue.B(new byte[] {7}))));
        every.put("emptyBin", new AttributeValue.B(new byte[0]));
        items.add(every);

        Map<String, AttributeValue> awkward = new LinkedHashMap<>();
        awkward.put(AttributeValueWriterTest.AWKWARD, new AttributeValue.S(AttributeValueWriterTest.AWKWARD));
        awkward.put("ss", new AttributeValue.SS(List.of(AttributeValueWriterTest.AWKWARD, "\u0001")));
        awkward.put(
                "nested", new AttributeValue.M(Map.of(AttributeValueWriterTest.AWKWARD, new AttributeValue.S("x"))));
        // longer than the generator's buffers, with escapes and multi-byte characters throughout
        awkward.put("long", new AttributeValue.S((AttributeValueWriterTest.AWKWARD + "abc\u00e9").repeat(5_000)));
        awkward.put("longBin", new AttributeValue.B(new byte[100_000]));
        items.add(awkward);
        items.add(Map.of());

        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(126), random);
            BigDecimal d = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(60) - 30);
            try {
                d = Numbers.check(d);
            } catch (RuntimeException outOfRange) {
                continue;
            }
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("pk", new AttributeValue.S("p" + i));
            item.put("n", new AttributeValue.N(d));
            item.put("ns", new AttributeValue.NS(List.of(d, BigDecimal.ZERO, BigDecimal.TEN)));
            items.add(item);
        }
        return items;
    }

    @Test
    void aStoredItemIsWrittenAsItsDecodedFormByteForByte() {
        for (Map<String, AttributeValue> item : corpus()) {
            StoredItem stored = new StoredItem(ItemCodec.encode(item));
            Map<String, AttributeValue> decoded = ItemCodec.decode(stored.bytes());

            assertThat(utf8(g -> AttributeValueWriter.writeItem(g, stored)))
                    .isEqualTo(utf8(g -> AttributeValueWriter.writeItem(g, decoded)));
            assertThat(AttributeValueWriter.toJson(stored)).isEqualTo(AttributeValueWriter.toJson(decoded));
            assertThat(stored.isDecoded()).isFalse();
        }
    }

    @Test
    void aListOfItemsIsWrittenAsTheArrayOfTheirDecodedForms() {
        List<Map<String, AttributeValue>> decoded = corpus();
        List<Map<String, AttributeValue>> mixed = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            // stored and decoded items interleaved, names repeating across items
            mixed.add(i % 3 == 0 ? decoded.get(i) : new StoredItem(ItemCodec.encode(decoded.get(i))));
        }

        Writing each = g -> {
            g.writeStartArray();
            for (Map<String, AttributeValue> item : decoded) {
                AttributeValueWriter.writeItem(g, item);
            }
            g.writeEndArray();
        };
        assertThat(utf8(g -> AttributeValueWriter.writeItems(g, mixed))).isEqualTo(utf8(each));
        assertThat(chars(g -> AttributeValueWriter.writeItems(g, mixed))).isEqualTo(chars(each));
        assertThat(utf8(g -> AttributeValueWriter.writeItems(g, List.of()))).isEqualTo("[]");
    }

    @Test
    void moreDistinctNamesThanItRemembersAreStillWrittenRight() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("a" + i, new AttributeValue.S("v" + i));
            item.put("a" + (i / 2), new AttributeValue.N(BigDecimal.valueOf(i)));
            items.add(item);
        }
        List<Map<String, AttributeValue>> stored = items.stream()
                .map(i -> (Map<String, AttributeValue>) new StoredItem(ItemCodec.encode(i)))
                .toList();

        assertThat(utf8(g -> AttributeValueWriter.writeItems(g, stored)))
                .isEqualTo(utf8(g -> AttributeValueWriter.writeItems(g, items)));
    }

    interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    private static String utf8(Writing w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String chars(Writing w) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
