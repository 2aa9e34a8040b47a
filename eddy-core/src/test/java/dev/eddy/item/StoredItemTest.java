package dev.eddy.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A stored item read through {@link StoredReader} and {@link StoredItem} gives what decoding it
 * gives: the same size (which capacity and the 1 MB page limit depend on), the same number text,
 * the same map.
 */
class StoredItemTest {

    /** Numbers at the edges of the long fast path, of normalisation and of DynamoDB's range. */
    static List<BigDecimal> numbers() {
        List<String> texts = List.of(
                "0",
                "1",
                "-1",
                "7",
                "10",
                "100",
                "-100",
                "1E+5",
                "12.5",
                "-12.5E+3",
                "0.001",
                "-0.000123",
                "99",
                "101",
                "127",
                "128",
                "-128",
                "-129",
                "255",
                "256",
                "32767",
                "32768",
                "9223372036854775807",
                "-9223372036854775808",
                "9223372036854775808",
                "-9223372036854775809",
                "18446744073709551615",
                "12345678901234567890123456789012345678",
                "-12345678901234567890123456789012345678",
                "9.9999999999999999999999999999999999999E+125",
                "-9.9999999999999999999999999999999999999E+125",
                "1E-130",
                "-1E-130",
                "1.23456789E-100",
                "3.14159265358979323846264338327950288",
                "5E+40");
        List<BigDecimal> out = new ArrayList<>();
        texts.forEach(t -> out.add(Numbers.parse(t)));
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            int digits = 1 + random.nextInt(38);
            BigInteger unscaled = new BigInteger(digits * 4, random);
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            BigDecimal d = new BigDecimal(unscaled, random.nextInt(80) - 40);
            try {
                out.add(Numbers.check(d));
            } catch (RuntimeException outOfRange) {
                // not a number DynamoDB stores
            }
        }
        return out;
    }

    static Map<String, AttributeValue> item(BigDecimal d) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("n", new AttributeValue.N(d));
        item.put("ns", new AttributeValue.NS(List.of(d, d.add(BigDecimal.ONE))));
        item.put("l", new AttributeValue.L(List.of(new AttributeValue.N(d))));
        return item;
    }

    @Test
    void sizeAndNumberTextOfEveryNumberAreThoseOfTheDecodedItem() {
        for (BigDecimal d : numbers()) {
            Map<String, AttributeValue> item = item(d);
            byte[] stored = ItemCodec.encode(item);
            assertThat(new StoredReader(stored).itemSize())
                    .as("size of %s", d)
                    .isEqualTo(Items.size(ItemCodec.decode(stored)))
                    .isEqualTo(Items.size(item));

            StoredReader in = new StoredReader(stored);
            assertThat(in.count()).isEqualTo(3);
            assertThat(in.name()).isEqualTo("n");
            assertThat(in.type()).isEqualTo(AttributeValue.Type.N);
            assertThat(in.numberText()).as("text of %s", d).isEqualTo(new AttributeValue.N(d).text());
            assertThat(in.name()).isEqualTo("ns");
            assertThat(in.type()).isEqualTo(AttributeValue.Type.NS);
            assertThat(in.count()).isEqualTo(2);
            assertThat(in.number()).isEqualTo(Numbers.normalise(d));
            assertThat(in.numberSize()).isEqualTo(Items.size(new AttributeValue.N(d.add(BigDecimal.ONE))));
        }
    }

    @Test
    void sizeOfEveryTypeNestedAndNonAsciiIsThatOfTheDecodedItem() {
        Map<String, AttributeValue> sample = StoredItemFormatTest.sample();
        Map<String, AttributeValue> item = new LinkedHashMap<>(sample);
        item.put("n\u00e4me \ud83d\ude00", new AttributeValue.M(sample));
        AttributeValue emptyList = new AttributeValue.L(List.of());
        item.put("deep", new AttributeValue.L(List.of(new AttributeValue.M(Map.of("x", emptyList)))));
        item.put("empty", new AttributeValue.S(""));
        item.put("bin", new AttributeValue.B(new byte[0]));
        item.put("big", new AttributeValue.S("\u2713".repeat(70_000)));

        byte[] stored = ItemCodec.encode(item);

        assertThat(new StoredItem(stored).itemSize()).isEqualTo(Items.size(item));
        assertThat(new StoredReader(ItemCodec.encode(Map.of())).itemSize()).isZero();
    }

    @Test
    void asAMapItIsTheDecodedItemAndDecodesOnlyWhenRead() {
        Map<String, AttributeValue> sample = StoredItemFormatTest.sample();
        StoredItem stored = new StoredItem(ItemCodec.encode(sample));

        stored.itemSize();
        assertThat(stored.isDecoded()).isFalse();

        assertThat(stored.get("num")).isEqualTo(sample.get("num"));
        assertThat(stored.isDecoded()).isTrue();
        assertThat(stored).isEqualTo(sample).hasSameHashCodeAs(sample);
        assertThat(sample).isEqualTo(stored);
        assertThat(new ArrayList<>(stored.keySet())).containsExactlyElementsOf(sample.keySet());
        assertThat(Items.copyOf(stored)).isEqualTo(sample);
        assertThatThrownBy(() -> stored.put("x", AttributeValue.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> stored.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void digitsAtEveryPowerOfTen() {
        long p = 1;
        for (int k = 1; k <= 18; k++) {
            assertThat(StoredReader.digits(p)).as("10^%d", k - 1).isEqualTo(k);
            assertThat(StoredReader.digits(p * 10 - 1)).as("10^%d - 1", k).isEqualTo(k);
            p *= 10;
        }
        assertThat(StoredReader.digits(0)).isEqualTo(1);
        assertThat(StoredReader.digits(p)).isEqualTo(19);
        assertThat(StoredReader.digits(Long.MAX_VALUE)).isEqualTo(19);
    }

    @Test
    void rejectsBytesOfAnUnknownFormat() {
        assertThatThrownBy(() -> new StoredReader(new byte[] {2, 0})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new StoredReader(new byte[0])).isInstanceOf(IllegalStateException.class);
    }
}
