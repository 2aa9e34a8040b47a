package dev.eddy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.testkit.Gen;
import dev.eddy.testkit.Seeded;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TupleTest {

    // ---- reference order: element-wise, by type first, a prefix before its extensions ----

    private static int rank(Object e) {
        return switch (e) {
            case byte[] b -> 0;
            case String s -> 1;
            case Tuple t -> 2;
            case Long l -> 3;
            default -> throw new AssertionError(e);
        };
    }

    static int compareElements(Object a, Object b) {
        int byRank = Integer.compare(rank(a), rank(b));
        if (byRank != 0) {
            return byRank;
        }
        return switch (a) {
            case byte[] x -> Arrays.compareUnsigned(x, (byte[]) b);
            case String x ->
                Arrays.compareUnsigned(
                        x.getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
            case Tuple x -> compareTuples(x.elements(), ((Tuple) b).elements());
            case Long x -> Long.compare(x, (Long) b);
            default -> throw new AssertionError(a);
        };
    }

    static int compareTuples(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareElements(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    // ---- generators ----

    static Gen<Object> flatElements() {
        // any text but lone surrogates, which UTF-8 cannot encode (pack rejects them, see below)
        Gen<Object> strings = Gen.frequency(
                Gen.weight(3, Gen.strings("ab\0\u00ff", 0, 4)), Gen.weight(1, Gen.strings(Gen.codePoints(), 0, 4)));
        Gen<Object> bytes = Gen.byteArrays(Gen.of((byte) 0, (byte) 1, (byte) 0xFE, (byte) 0xFF, (byte) 'a'), 4)
                .map(b -> b);
        Gen<Object> longs = Gen.frequency(
                Gen.weight(2, Gen.longs(-300, 300)),
                Gen.weight(2, Gen.longs()),
                Gen.weight(
                        1,
                        Gen.of(
                                Long.MIN_VALUE,
                                Long.MAX_VALUE,
                                -1L,
                                0L,
                                255L,
                                256L,
                                -255L,
                                -256L,
                                65535L,
                                -65536L,
                                Integer.MIN_VALUE - 1L)));
        return Gen.oneOf(strings, bytes, longs);
    }

    static Gen<Tuple> tuples() {
        Gen<Object> nested = flatElements().list(3).map(Tuple::from);
        Gen<Object> element = Gen.frequency(Gen.weight(6, flatElements()), Gen.weight(1, nested));
        return element.list(4).map(Tuple::from);
    }

    // ---- properties ----

    @Test
    void byteOrderIsElementWiseOrder() {
        Seeded.forAll(3000, tuples(), tuples(), (a, b) -> {
            int expected = Integer.signum(compareTuples(a.elements(), b.elements()));
            assertThat(Integer.signum(Arrays.compareUnsigned(a.pack(), b.pack())))
                    .as("%s vs %s", a, b)
                    .isEqualTo(expected);
        });
    }

    @Test
    void unpackReversesPack() {
        Seeded.forAll(2000, tuples(), t -> {
            Tuple back = Tuple.unpack(t.pack());
            assertThat(back).isEqualTo(t);
            assertThat(compareTuples(back.elements(), t.elements())).isZero();
            assertThat(back.size()).isEqualTo(t.size());
        });
    }

    @Test
    void rangeHoldsExactlyTheExtensions() {
        Seeded.forAll(1000, tuples(), tuples(), (prefix, other) -> {
            Tuple extended = prefix.addAll(other);
            assertThat(prefix.range().contains(extended.pack())).isEqualTo(other.size() > 0);
            boolean startsWith = other.size() >= prefix.size()
                    && compareTuples(other.subTuple(0, prefix.size()).elements(), prefix.elements()) == 0
                    && other.size() > prefix.size();
            assertThat(prefix.range().contains(other.pack())).isEqualTo(startsWith);
        });
    }

    // ---- examples: FoundationDB's published encodings for these types ----

    @Test
    void knownEncodings() {
        assertThat(hex(Tuple.of("foo"))).isEqualTo("02666f6f00");
        assertThat(hex(Tuple.of("foo\0bar"))).isEqualTo("02666f6f00ff62617200");
        assertThat(hex(Tuple.of(new byte[] {'f', 'o', 'o', 0, 'b', 'a', 'r'}))).isEqualTo("01666f6f00ff62617200");
        assertThat(hex(Tuple.of(0L))).isEqualTo("14");
        assertThat(hex(Tuple.of(1L))).isEqualTo("1501");
        assertThat(hex(Tuple.of(-1L))).isEqualTo("13fe");
        assertThat(hex(Tuple.of(256L))).isEqualTo("160100");
        assertThat(hex(Tuple.of(-256L))).isEqualTo("12feff");
        assertThat(hex(Tuple.of(Long.MAX_VALUE))).isEqualTo("1c7fffffffffffffff");
        assertThat(hex(Tuple.of(Long.MIN_VALUE))).isEqualTo("0c7fffffffffffffff");
        assertThat(hex(Tuple.of(Tuple.of("a", 1L), "b"))).isEqualTo("0502610015010002620" + "0");
    }

    @Test
    void integersAcceptedAsLongs() {
        assertThat(Tuple.of("item", 7).getLong(1)).isEqualTo(7L);
        assertThat(Tuple.unpack(Tuple.of(Long.MIN_VALUE, Long.MAX_VALUE).pack()).elements())
                .containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Test
    void beginsWithRangeSelectsStringsWithThePrefix() {
        KeyRange r = Tuple.of("item", 1L, "ab").beginsWithRange();
        assertThat(r.contains(Tuple.of("item", 1L, "ab").pack())).isTrue();
        assertThat(r.contains(Tuple.of("item", 1L, "abc", 5L).pack())).isTrue();
        assertThat(r.contains(Tuple.of("item", 1L, "ab\0").pack())).isTrue();
        assertThat(r.contains(Tuple.of("item", 1L, "a").pack())).isFalse();
        assertThat(r.contains(Tuple.of("item", 1L, "ac").pack())).isFalse();
        assertThat(r.contains(Tuple.of("item", 1L, new byte[] {'a', 'b'}).pack()))
                .isFalse();
        KeyRange bytes = Tuple.of(new byte[] {0}).beginsWithRange();
        assertThat(bytes.contains(Tuple.of(new byte[] {0, 0}).pack())).isTrue();
        assertThat(bytes.contains(Tuple.of(new byte[] {}).pack())).isFalse();
        assertThatThrownBy(() -> Tuple.of(1L).beginsWithRange()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsWhatItCannotEncodeOrDecode() {
        assertThatThrownBy(() -> Tuple.of("x", 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tuple.of((Object) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tuple.of("\uD800x").pack()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tuple.unpack(new byte[] {0x02, 'a'})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tuple.unpack(new byte[] {0x16, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tuple.unpack(new byte[] {0x30})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tuple.unpack(new byte[] {0x05, 0x14})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byteElementsAreCopied() {
        byte[] b = {1, 2};
        Tuple t = Tuple.of(b);
        b[0] = 9;
        assertThat(t.getBytes(0)).containsExactly(1, 2);
        t.getBytes(0)[0] = 9;
        assertThat(t.getBytes(0)).containsExactly(1, 2);
    }

    private static String hex(Tuple t) {
        return HexFormat.of().formatHex(t.pack());
    }
}
