package dev.eddy.testkit;

import java.util.Collection;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Property tests on plain JUnit 5: checks a property against many values drawn from a {@link Gen},
 * each try from its own seed, and reports the seed of the first failing try so that exactly that
 * case can be run again.
 *
 * <p>Each run draws fresh seeds, so repeated runs explore more of the value space. A failure throws
 * an {@link AssertionError} whose message carries {@code seed=...}, the sample and the command-line
 * switch that replays it; the original failure is its cause. With the system property
 * {@value #SEED_PROPERTY} set (for example {@code mvn test -Dtest=TupleTest#unpackReversesPack
 * -Deddy.seed=-4242}), every property runs a single try with that seed instead.
 *
 * <p>A property fails when it throws an {@link AssertionError} or a {@link RuntimeException}, the
 * latter covering exceptions from the code under test and from the generators.
 */
public final class Seeded {

    /** The system property that replays one seed instead of running fresh tries. */
    public static final String SEED_PROPERTY = "eddy.seed";

    private Seeded() {}

    /** Checks {@code property} against {@code tries} values of {@code gen}. */
    public static <T> void forAll(int tries, Gen<T> gen, Consumer<? super T> property) {
        run(tries, gen.map(Sample1::new), sample -> property.accept(sample.value()));
    }

    /** Checks {@code property} against {@code tries} pairs of values, one of each generator. */
    public static <A, B> void forAll(
            int tries, Gen<A> first, Gen<B> second, BiConsumer<? super A, ? super B> property) {
        Gen<Sample2<A, B>> pairs = random -> new Sample2<>(first.next(random), second.next(random));
        run(tries, pairs, sample -> property.accept(sample.first(), sample.second()));
    }

    private static <S extends Sample> void run(int tries, Gen<S> gen, Consumer<S> property) {
        if (tries <= 0) {
            throw new IllegalArgumentException("tries " + tries);
        }
        String caller = caller();
        Long replay = Long.getLong(SEED_PROPERTY);
        SplittableRandom seeds = new SplittableRandom();
        int count = replay != null ? 1 : tries;
        for (int i = 1; i <= count; i++) {
            long seed = replay != null ? replay : seeds.nextLong();
            S sample = null;
            try {
                sample = gen.next(new SplittableRandom(seed));
                property.accept(sample);
            } catch (AssertionError | RuntimeException failure) {
                String drawn = sample == null ? "(the generator failed)" : sample.describe();
                throw new AssertionError(
                        String.format(
                                "%s failed on try %d of %d, seed=%d%n  sample: %s%n  replay: -Dtest=%s -D%s=%d%n  cause: %s",
                                caller, i, count, seed, drawn, caller, SEED_PROPERTY, seed, failure),
                        failure);
            }
        }
    }

    /** {@code Class#method} of the test that called {@code forAll}, for the replay hint. */
    private static String caller() {
        return StackWalker.getInstance()
                .walk(frames -> frames.filter(f -> !f.getClassName().equals(Seeded.class.getName()))
                        .findFirst())
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "#" + f.getMethodName())
                .orElse("property");
    }

    /** Readable text for a drawn value: byte arrays in hex, strings quoted with escapes. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case byte[] b -> "0x" + HexFormat.of().formatHex(b);
            case String s -> quote(s);
            case Object[] array -> describeAll(Stream.of(array));
            case Collection<?> c -> describeAll(c.stream());
            default -> String.valueOf(value);
        };
    }

    private static String describeAll(Stream<?> values) {
        return values.map(Seeded::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.chars().forEach(c -> {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\u%04x", c));
            }
        });
        return sb.append('"').toString();
    }

    private sealed interface Sample {
        String describe();
    }

    private record Sample1<T>(T value) implements Sample {
        @Override
        public String describe() {
            return Seeded.describe(value);
        }
    }

    private record Sample2<A, B>(A first, B second) implements Sample {
        @Override
        public String describe() {
            return Seeded.describe(first) + " and " + Seeded.describe(second);
        }
    }
}
