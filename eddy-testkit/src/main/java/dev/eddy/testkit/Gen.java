package dev.eddy.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of test values drawn from a seeded {@link SplittableRandom}: the same seed gives the
 * same value, which is what lets {@link Seeded} replay a failing case.
 *
 * <p>Number generators mix in the edges of their range (minimum, maximum, zero and their
 * neighbours) with a probability of one in eight, because encodings break at boundaries far more
 * often than in the middle of a range; list and string generators draw their size uniformly, so
 * the empty one comes up regularly.
 *
 * <p>Generators hold no state and may be shared between tests and threads; the random source
 * passed to {@link #next} belongs to one caller.
 */
@FunctionalInterface
public interface Gen<T> {

    /** One in how many draws of a number generator is an edge of its range. */
    int EDGE_ODDS = 8;

    /** Draws one value; the same random state always yields the same value. */
    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
        return random -> f.apply(next(random)).next(random);
    }

    /** Redraws until the value passes; fails if 1000 draws in a row do not, a sign of a wrong filter. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return random -> {
            for (int i = 0; i < 1000; i++) {
                T value = next(random);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("filter rejected 1000 values in a row");
        };
    }

    /** Lists of {@code minSize} to {@code maxSize} elements, sizes drawn uniformly. */
    default Gen<List<T>> list(int minSize, int maxSize) {
        Gen<Integer> sizes = uniform(minSize, maxSize);
        return random -> {
            int size = sizes.next(random);
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(next(random));
            }
            return list;
        };
    }

    default Gen<List<T>> list(int maxSize) {
        return list(0, maxSize);
    }

    // ---- sources ----

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /** Integers in {@code [min, max]} uniformly, without edge bias. */
    static Gen<Integer> uniform(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        return random -> (int) random.nextLong(min, (long) max + 1);
    }

    /** Integers in {@code [min, max]}, with the edges of the range (and 0, ±1 inside it) mixed in. */
    static Gen<Integer> ints(int min, int max) {
        Gen<Integer> any = uniform(min, max);
        List<Integer> edges = new ArrayList<>();
        for (long e : new long[] {min, (long) min + 1, -1, 0, 1, (long) max - 1, max}) {
            if (e >= min && e <= max && !edges.contains((int) e)) {
                edges.add((int) e);
            }
        }
        return withEdges(any, edges);
    }

    /**
     * Longs over the whole range, spread evenly over magnitudes (bit lengths 0 to 64) rather than
     * over values, so that small numbers and every byte length come up, with the edges
     * ({@code Long.MIN_VALUE}, {@code Long.MAX_VALUE}, 0, ±1 and their neighbours) mixed in.
     */
    static Gen<Long> longs() {
        Gen<Long> any = random -> {
            int bits = random.nextInt(65);
            if (bits == 64) {
                return random.nextLong();
            }
            long magnitude = bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
            return random.nextBoolean() ? magnitude : -magnitude;
        };
        return withEdges(
                any, List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE));
    }

    /** Longs in {@code [min, max]}, with the edges of the range (and 0, ±1 inside it) mixed in. */
    static Gen<Long> longs(long min, long max) {
        Gen<Long> any = random -> {
            if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
                return random.nextLong();
            }
            // the bound is exclusive: shift the range down by one when max + 1 would overflow
            return max == Long.MAX_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong(min, max + 1);
        };
        List<Long> edges = new ArrayList<>();
        for (long e : new long[] {min, min + 1, -1, 0, 1, max - 1, max}) {
            if (e >= min && e <= max && !edges.contains(e)) {
                edges.add(e);
            }
        }
        return withEdges(any, edges);
    }

    /** Bytes over the whole range, with -128, 127, 0 and ±1 mixed in. */
    static Gen<Byte> bytes() {
        return ints(Byte.MIN_VALUE, Byte.MAX_VALUE).map(Integer::byteValue);
    }

    /** One of the values, uniformly. */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array, which never escapes
    static <T> Gen<T> of(T... values) {
        List<T> choices = List.of(values);
        return random -> choices.get(random.nextInt(choices.size()));
    }

    /** A value of one of the generators, chosen uniformly. */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array, which never escapes
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> choices = List.of(gens);
        return random -> choices.get(random.nextInt(choices.size())).next(random);
    }

    /** A value of one of the generators, chosen with the given relative weights. */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array, which never escapes
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> list = List.of(choices);
        int total = list.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : list) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new AssertionError("weights changed");
        };
    }

    static <T> Weighted<T> weight(int weight, Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** A generator with its relative weight in {@link #frequency}. */
    record Weighted<T>(int weight, Gen<T> gen) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight " + weight);
            }
        }
    }

    /** Strings of {@code minLength} to {@code maxLength} code points drawn from {@code codePoints}. */
    static Gen<String> strings(Gen<Integer> codePoints, int minLength, int maxLength) {
        return codePoints.list(minLength, maxLength).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    /** Strings of {@code minLength} to {@code maxLength} code points, each one of {@code chars}. */
    static Gen<String> strings(String chars, int minLength, int maxLength) {
        return strings(of(chars.codePoints().boxed().toArray(Integer[]::new)), minLength, maxLength);
    }

    /**
     * Every Unicode code point except the surrogates (which cannot stand alone in UTF-8): mostly
     * the Basic Multilingual Plane, one in five from the supplementary planes (surrogate pairs in
     * a Java string), with the UTF-8 length boundaries (U+0000, U+007F, U+0080, U+07FF, U+0800,
     * U+FFFF, U+10000, U+10FFFF) mixed in.
     */
    static Gen<Integer> codePoints() {
        Gen<Integer> bmp = ints(0, 0xFFFF).filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE);
        Gen<Integer> supplementary = ints(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT);
        Gen<Integer> utf8Boundaries = of(0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF);
        return frequency(weight(7, bmp), weight(2, supplementary), weight(1, utf8Boundaries));
    }

    /** Byte arrays of up to {@code maxSize} bytes, each drawn from {@code bytes}. */
    static Gen<byte[]> byteArrays(Gen<Byte> bytes, int maxSize) {
        return bytes.list(maxSize).map(list -> {
            byte[] b = new byte[list.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = list.get(i);
            }
            return b;
        });
    }

    private static <T> Gen<T> withEdges(Gen<T> any, List<T> edges) {
        List<T> copy = List.copyOf(edges);
        return random -> random.nextInt(EDGE_ODDS) == 0 ? copy.get(random.nextInt(copy.size())) : any.next(random);
    }
}
