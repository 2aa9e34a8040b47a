package dev.eddy.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.Tuple;
import dev.eddy.testkit.Gen;
import dev.eddy.testkit.Seeded;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyEncodingTest {

    // ---- DynamoDB's own order, the reference the encoding must reproduce ----

    static int dynamoCompare(AttributeValue a, AttributeValue b) {
        return switch (a) {
            case AttributeValue.S s -> Arrays.compareUnsigned(utf8(s.value()), utf8(((AttributeValue.S) b).value()));
            case AttributeValue.N n -> n.value().compareTo(((AttributeValue.N) b).value());
            case AttributeValue.B x -> Arrays.compareUnsigned(x.value(), ((AttributeValue.B) b).value());
            default -> throw new AssertionError(a);
        };
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static int encodedCompare(AttributeValue a, AttributeValue b) {
        return Integer.signum(Arrays.compareUnsigned(KeyEncoding.encode(a), KeyEncoding.encode(b)));
    }

    // ---- generators ----

    static Gen<AttributeValue.S> strings() {
        return codePointStrings().map(AttributeValue.S::new);
    }

    /** Mostly a few letters so that pairs share prefixes, then every plane of Unicode, surrogate pairs included. */
    static Gen<String> codePointStrings() {
        Gen<Integer> codePoint = Gen.frequency(
                Gen.weight(6, Gen.ints('a', 'c')),
                Gen.weight(2, Gen.ints(0, 0x7F)),
                Gen.weight(1, Gen.ints(0x80, 0xD7FF)),
                Gen.weight(1, Gen.ints(0xE000, 0xFFFF)),
                Gen.weight(1, Gen.ints(0x10000, 0x10FFFF)));
        return Gen.strings(codePoint, 0, 8);
    }

    static Gen<AttributeValue.B> binaries() {
        Gen<Byte> b = Gen.frequency(
                Gen.weight(3, Gen.of((byte) 0x00, (byte) 0x01, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)),
                Gen.weight(2, Gen.bytes()));
        return Gen.byteArrays(b, 8).map(AttributeValue.B::new);
    }

    static Gen<AttributeValue.N> numbers() {
        return numberValues().map(AttributeValue.N::new);
    }

    /** Valid DynamoDB numbers: the full range, near-collisions, and the edges. */
    static Gen<BigDecimal> numberValues() {
        Gen<Integer> signs = Gen.of(1, -1);
        Gen<String> firstDigit = Gen.strings("123456789", 1, 1);
        Gen<String> moreDigits = Gen.strings("0123456789", 0, Numbers.MAX_DIGITS - 1);
        Gen<Integer> exponents = Gen.ints(-129, 126);
        Gen<BigDecimal> fullRange = random -> fromDigits(
                firstDigit.next(random) + moreDigits.next(random), exponents.next(random), signs.next(random));
        // few digits and exponents so that pairs share digits, prefixes and exponents often
        Gen<String> fewDigits = Gen.strings("0019", 1, 5);
        Gen<Integer> fewExponents = Gen.ints(-2, 3);
        Gen<BigDecimal> clustered =
                random -> fromDigits("1" + fewDigits.next(random), fewExponents.next(random), signs.next(random));
        Gen<BigDecimal> edges = Gen.of(
                        "0",
                        "1",
                        "-1",
                        "0.1",
                        "-0.1",
                        "10",
                        "-10",
                        "99",
                        "100",
                        "1E-130",
                        "-1E-130",
                        "9.9999999999999999999999999999999999999E+125",
                        "-9.9999999999999999999999999999999999999E+125",
                        "1E+125",
                        "-1E+125",
                        "12345678901234567890123456789012345678",
                        "-0.00000000000000000000000000000000000001",
                        // zero in the forms a client may send it; all are the one zero
                        "-0",
                        "0.000",
                        "-0.0",
                        "0E+125",
                        "-0E-130")
                .map(BigDecimal::new);
        return Gen.frequency(Gen.weight(5, fullRange), Gen.weight(4, clustered), Gen.weight(1, edges))
                .map(Numbers::check);
    }

    /** {@code sign x 0.digits x 10^exponent}. */
    private static BigDecimal fromDigits(String digits, int exponent, int sign) {
        BigDecimal d = new BigDecimal(new BigInteger(digits), digits.length() - exponent);
        return sign < 0 ? d.negate() : d;
    }

    // ---- properties ----

    @Test
    void stringOrderIsUtf8ByteOrder() {
        Seeded.forAll(2000, strings(), strings(), (a, b) -> {
            assertThat(encodedCompare(a, b)).isEqualTo(Integer.signum(dynamoCompare(a, b)));
            assertThat(KeyEncoding.decode(KeyEncoding.encode(a))).isEqualTo(a);
        });
    }

    @Test
    void binaryOrderIsUnsignedByteOrder() {
        Seeded.forAll(2000, binaries(), binaries(), (a, b) -> {
            assertThat(encodedCompare(a, b)).isEqualTo(Integer.signum(dynamoCompare(a, b)));
            assertThat(KeyEncoding.decode(KeyEncoding.encode(a))).isEqualTo(a);
        });
    }

    @Test
    void numberOrderIsNumericOrder() {
        Seeded.forAll(
                5000,
                numbers(),
                numbers(),
                (a, b) -> assertThat(encodedCompare(a, b))
                        .as("%s vs %s", a.text(), b.text())
                        .isEqualTo(Integer.signum(dynamoCompare(a, b))));
    }

    @Test
    void numbersRoundTrip() {
        Seeded.forAll(3000, numbers(), n -> {
            AttributeValue decoded = KeyEncoding.decode(KeyEncoding.encode(n));
            assertThat(decoded).isEqualTo(n);
            assertThat(((AttributeValue.N) decoded).text()).isEqualTo(n.text());
        });
    }

    /** The neighbours one unit in the 38th significant digit away sort just below and above. */
    @Test
    void adjacentNumbersAtFullPrecisionOrder() {
        Seeded.forAll(2000, numbers(), n -> {
            BigDecimal v = n.value();
            BigDecimal ulp = v.signum() == 0
                    ? new BigDecimal("1E-130")
                    : BigDecimal.ONE.scaleByPowerOfTen(v.precision() - v.scale() - Numbers.MAX_DIGITS);
            for (BigDecimal neighbour : List.of(v.add(ulp), v.subtract(ulp))) {
                AttributeValue.N m;
                try {
                    m = new AttributeValue.N(Numbers.check(neighbour));
                } catch (RuntimeException outOfRange) {
                    continue;
                }
                assertThat(encodedCompare(n, m)).isEqualTo(Integer.signum(v.compareTo(m.value())));
            }
        });
    }

    @Test
    void prefixOfStringEncodesAsBytePrefix() {
        Seeded.forAll(1000, strings(), strings(), (p, q) -> {
            byte[] whole = KeyEncoding.encode(new AttributeValue.S(p.value() + q.value()));
            byte[] prefix = KeyEncoding.encode(p);
            assertThat(Arrays.copyOf(whole, prefix.length)).isEqualTo(prefix);
        });
    }

    /** Keys like ("item", pk, sk) packed as tuples sort element by element in DynamoDB order. */
    @Test
    void tuplesOfStringAndValueSortElementWise() {
        Seeded.forAll(3000, pairs(), pairs -> {
            String s1 = (String) pairs.get(0);
            String s2 = (String) pairs.get(1);
            AttributeValue v1 = (AttributeValue) pairs.get(2);
            AttributeValue v2 = (AttributeValue) pairs.get(3);
            byte[] k1 = Tuple.of(s1, KeyEncoding.encode(v1)).pack();
            byte[] k2 = Tuple.of(s2, KeyEncoding.encode(v2)).pack();
            int bySring = Arrays.compareUnsigned(utf8(s1), utf8(s2));
            int expected = bySring != 0 ? bySring : dynamoCompare(v1, v2);
            assertThat(Integer.signum(Arrays.compareUnsigned(k1, k2))).isEqualTo(Integer.signum(expected));
            Tuple back = Tuple.unpack(k1);
            assertThat(back.getString(0)).isEqualTo(s1);
            assertThat(KeyEncoding.decode(back.getBytes(1))).isEqualTo(v1);
        });
    }

    /** Two names and two key values of one type: [name1, name2, value1, value2]. */
    static Gen<List<Object>> pairs() {
        Gen<String> names =
                Gen.frequency(Gen.weight(3, Gen.of("", "a", "a\0", "ab")), Gen.weight(1, codePointStrings()));
        return Gen.of(AttributeValue.Type.S, AttributeValue.Type.N, AttributeValue.Type.B)
                .flatMap(type -> {
                    Gen<? extends AttributeValue> values = switch (type) {
                        case S -> strings();
                        case N -> numbers();
                        default -> binaries();
                    };
                    return random -> List.<Object>of(
                            names.next(random), names.next(random), values.next(random), values.next(random));
                });
    }

    // ---- examples ----

    @Test
    void numberLayout() {
        assertThat(hex(AttributeValue.n(0))).isEqualTo("4e02");
        // 1 = 0.1 x 10^1: exponent byte 130, digit pair 10 -> 11
        assertThat(hex(AttributeValue.n(1))).isEqualTo("4e03820b");
        assertThat(hex(AttributeValue.n(-1))).isEqualTo("4e017df4ff");
        assertThat(hex(AttributeValue.n("1E-130"))).isEqualTo("4e03000b");
        assertThat(hex(AttributeValue.n("-1E-130"))).isEqualTo("4e01fff4ff");
        assertThat(hex(AttributeValue.n("123.45"))).isEqualTo("4e03840d2333");
    }

    @Test
    void numbersSortAcrossTheWholeRange() {
        List<String> ascending = List.of(
                "-9.9999999999999999999999999999999999999E+125",
                "-1E+125",
                "-100",
                "-12.5",
                "-12",
                "-1.5",
                "-1",
                "-0.5",
                "-1E-130",
                "0",
                "1E-130",
                "0.5",
                "1",
                "1.5",
                "12",
                "12.5",
                "100",
                "1E+125",
                "9.9999999999999999999999999999999999999E+125");
        for (int i = 0; i + 1 < ascending.size(); i++) {
            AttributeValue a = AttributeValue.n(ascending.get(i));
            AttributeValue b = AttributeValue.n(ascending.get(i + 1));
            assertThat(encodedCompare(a, b))
                    .as("%s < %s", ascending.get(i), ascending.get(i + 1))
                    .isEqualTo(-1);
        }
    }

    @Test
    void rejectsNonKeyTypesAndOutOfRangeNumbers() {
        assertThatThrownBy(() -> KeyEncoding.encode(AttributeValue.bool(true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncoding.encode(new AttributeValue.N(new BigDecimal("1E-131"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncoding.encode(new AttributeValue.N(new BigDecimal("1E+126"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncoding.decode(new byte[] {'X', 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncoding.decode(new byte[] {'N', 1, 0x7d, (byte) 0xf4}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyStringAndBinarySortFirst() {
        assertThat(encodedCompare(AttributeValue.s(""), AttributeValue.s("\0"))).isEqualTo(-1);
        assertThat(encodedCompare(AttributeValue.b(new byte[0]), AttributeValue.b(new byte[] {0})))
                .isEqualTo(-1);
        assertThat(KeyEncoding.decode(KeyEncoding.encode(AttributeValue.s("")))).isEqualTo(AttributeValue.s(""));
    }

    private static String hex(AttributeValue v) {
        return HexFormat.of().formatHex(KeyEncoding.encode(v));
    }
}
