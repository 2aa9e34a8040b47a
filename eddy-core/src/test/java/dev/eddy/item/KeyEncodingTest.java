package dev.eddy.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.Tuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Provide
    Arbitrary<AttributeValue.S> strings() {
        return codePointStrings().map(AttributeValue.S::new);
    }

    static Arbitrary<String> codePointStrings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between('a', 'c')),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x7F)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x80, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(8).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<AttributeValue.B> binaries() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.bytes()));
        return b.list().ofMaxSize(8).map(list -> {
            byte[] bytes = new byte[list.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = list.get(i);
            }
            return new AttributeValue.B(bytes);
        });
    }

    @Provide
    Arbitrary<AttributeValue.N> numbers() {
        return numberValues().map(AttributeValue.N::new);
    }

    /** Valid DynamoDB numbers: the full range, near-collisions, and the edges. */
    static Arbitrary<BigDecimal> numberValues() {
        Arbitrary<BigDecimal> fullRange = Combinators.combine(
                        Arbitraries.strings().withCharRange('1', '9').ofLength(1),
                        Arbitraries.strings().numeric().ofMaxLength(Numbers.MAX_DIGITS - 1),
                        Arbitraries.integers().between(-129, 126),
                        Arbitraries.of(1, -1))
                .as((first, rest, exponent, sign) -> fromDigits(first + rest, exponent, sign));
        // few digits and exponents so that pairs share digits, prefixes and exponents often
        Arbitrary<BigDecimal> clustered = Combinators.combine(
                        Arbitraries.strings().withChars("0019").ofMinLength(1).ofMaxLength(5),
                        Arbitraries.integers().between(-2, 3),
                        Arbitraries.of(1, -1))
                .as((digits, exponent, sign) -> fromDigits("1" + digits, exponent, sign));
        Arbitrary<BigDecimal> edges = Arbitraries.of(
                "0", "1", "-1", "0.1", "-0.1", "10", "-10", "99", "100", "1E-130", "-1E-130",
                "9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125",
                "1E+125", "-1E+125", "12345678901234567890123456789012345678",
                "-0.00000000000000000000000000000000000001")
                .map(BigDecimal::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, fullRange),
                        net.jqwik.api.Tuple.of(4, clustered),
                        net.jqwik.api.Tuple.of(1, edges))
                .map(Numbers::check);
    }

    /** {@code sign x 0.digits x 10^exponent}. */
    private static BigDecimal fromDigits(String digits, int exponent, int sign) {
        BigDecimal d = new BigDecimal(new BigInteger(digits), digits.length() - exponent);
        return sign < 0 ? d.negate() : d;
    }

    // ---- properties ----

    @Property(tries = 2000)
    void stringOrderIsUtf8ByteOrder(@ForAll("strings") AttributeValue.S a, @ForAll("strings") AttributeValue.S b) {
        assertThat(encodedCompare(a, b)).isEqualTo(Integer.signum(dynamoCompare(a, b)));
        assertThat(KeyEncoding.decode(KeyEncoding.encode(a))).isEqualTo(a);
    }

    @Property(tries = 2000)
    void binaryOrderIsUnsignedByteOrder(@ForAll("binaries") AttributeValue.B a, @ForAll("binaries") AttributeValue.B b) {
        assertThat(encodedCompare(a, b)).isEqualTo(Integer.signum(dynamoCompare(a, b)));
        assertThat(KeyEncoding.decode(KeyEncoding.encode(a))).isEqualTo(a);
    }

    @Property(tries = 5000)
    void numberOrderIsNumericOrder(@ForAll("numbers") AttributeValue.N a, @ForAll("numbers") AttributeValue.N b) {
        assertThat(encodedCompare(a, b)).as("%s vs %s", a.text(), b.text())
                .isEqualTo(Integer.signum(dynamoCompare(a, b)));
    }

    @Property(tries = 3000)
    void numbersRoundTrip(@ForAll("numbers") AttributeValue.N n) {
        AttributeValue decoded = KeyEncoding.decode(KeyEncoding.encode(n));
        assertThat(decoded).isEqualTo(n);
        assertThat(((AttributeValue.N) decoded).text()).isEqualTo(n.text());
    }

    /** The neighbours one unit in the 38th significant digit away sort just below and above. */
    @Property(tries = 2000)
    void adjacentNumbersAtFullPrecisionOrder(@ForAll("numbers") AttributeValue.N n) {
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
    }

    @Property(tries = 1000)
    void prefixOfStringEncodesAsBytePrefix(@ForAll("strings") AttributeValue.S p, @ForAll("strings") AttributeValue.S q) {
        byte[] whole = KeyEncoding.encode(new AttributeValue.S(p.value() + q.value()));
        byte[] prefix = KeyEncoding.encode(p);
        assertThat(Arrays.copyOf(whole, prefix.length)).isEqualTo(prefix);
    }

    /** Keys like ("item", pk, sk) packed as tuples sort element by element in DynamoDB order. */
    @Property(tries = 3000)
    void tuplesOfStringAndValueSortElementWise(@ForAll("pairs") List<Object> pairs) {
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
    }

    @Provide
    Arbitrary<List<Object>> pairs() {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of("", "a", "a\0", "ab")),
                net.jqwik.api.Tuple.of(1, codePointStrings()));
        return Arbitraries.of(AttributeValue.Type.S, AttributeValue.Type.N, AttributeValue.Type.B)
                .flatMap(type -> {
                    Arbitrary<? extends AttributeValue> values = switch (type) {
                        case S -> strings();
                        case N -> numbers();
                        default -> binaries();
                    };
                    return Combinators.combine(names, names, values, values).as(List::<Object>of);
                });
    }

    // ---- examples ----

    @Example
    void numberLayout() {
        assertThat(hex(AttributeValue.n(0))).isEqualTo("4e02");
        // 1 = 0.1 x 10^1: exponent byte 130, digit pair 10 -> 11
        assertThat(hex(AttributeValue.n(1))).isEqualTo("4e03820b");
        assertThat(hex(AttributeValue.n(-1))).isEqualTo("4e017df4ff");
        assertThat(hex(AttributeValue.n("1E-130"))).isEqualTo("4e03000b");
        assertThat(hex(AttributeValue.n("-1E-130"))).isEqualTo("4e01fff4ff");
        assertThat(hex(AttributeValue.n("123.45"))).isEqualTo("4e03840d2333");
    }

    @Example
    void numbersSortAcrossTheWholeRange() {
        List<String> ascending = List.of(
                "-9.9999999999999999999999999999999999999E+125", "-1E+125", "-100", "-12.5", "-12", "-1.5", "-1",
                "-0.5", "-1E-130", "0", "1E-130", "0.5", "1", "1.5", "12", "12.5", "100", "1E+125",
                "9.9999999999999999999999999999999999999E+125");
        for (int i = 0; i + 1 < ascending.size(); i++) {
            AttributeValue a = AttributeValue.n(ascending.get(i));
            AttributeValue b = AttributeValue.n(ascending.get(i + 1));
            assertThat(encodedCompare(a, b)).as("%s < %s", ascending.get(i), ascending.get(i + 1)).isEqualTo(-1);
        }
    }

    @Example
    void rejectsNonKeyTypesAndOutOfRangeNumbers() {
        assertThatThrownBy(() -> KeyEncoding.encode(AttributeValue.bool(true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncoding.encode(new AttributeValue.N(new BigDecimal("1E-131"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncoding.encode(new AttributeValue.N(new BigDecimal("1E+126"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncoding.decode(new byte[] {'X', 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncoding.decode(new byte[] {'N', 1, 0x7d, (byte) 0xf4}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void emptyStringAndBinarySortFirst() {
        assertThat(encodedCompare(AttributeValue.s(""), AttributeValue.s("\0"))).isEqualTo(-1);
        assertThat(encodedCompare(AttributeValue.b(new byte[0]), AttributeValue.b(new byte[] {0}))).isEqualTo(-1);
        assertThat(KeyEncoding.decode(KeyEncoding.encode(AttributeValue.s("")))).isEqualTo(AttributeValue.s(""));
    }

    private static String hex(AttributeValue v) {
        return HexFormat.of().formatHex(KeyEncoding.encode(v));
    }
}
