package dev.eddy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeededTest {

    @BeforeEach
    void notReplayingASeed() {
        // a replay runs one try with the given seed: the counts and failures below assume fresh seeds
        assumeTrue(System.getProperty(Seeded.SEED_PROPERTY) == null, "replaying " + Seeded.SEED_PROPERTY);
    }

    @Test
    void aHoldingPropertyRunsEveryTry() {
        AtomicInteger tries = new AtomicInteger();

        Seeded.forAll(50, Gen.ints(0, 9), i -> {
            tries.incrementAndGet();
            assertThat(i).isBetween(0, 9);
        });

        assertThat(tries).hasValue(50);
    }

    @Test
    void aFailureNamesTheSeedThatReplaysItsSample() {
        Gen<Integer> gen = Gen.ints(0, 1000);

        AssertionError failure = null;
        try {
            // called directly from the test method (not from a lambda) so the replay hint names it
            Seeded.forAll(1000, gen, i -> assertThat(i).isLessThan(500));
        } catch (AssertionError e) {
            failure = e;
        }

        assertThat(failure)
                .isNotNull()
                .hasMessageContaining("SeededTest#aFailureNamesTheSeedThatReplaysItsSample failed on try")
                .hasMessageContaining("replay: -Dtest=SeededTest#aFailureNamesTheSeedThatReplaysItsSample -Deddy.seed=")
                .hasCauseInstanceOf(AssertionError.class);
        Matcher m = Pattern.compile("seed=(-?\\d+)\\R  sample: (\\d+)").matcher(failure.getMessage());
        assertThat(m.find()).as(failure.getMessage()).isTrue();
        int replayed = gen.next(new SplittableRandom(Long.parseLong(m.group(1))));
        assertThat(replayed).isEqualTo(Integer.parseInt(m.group(2))).isGreaterThanOrEqualTo(500);
    }

    @Test
    void exceptionsOfTheCodeUnderTestFailTheProperty() {
        assertThatThrownBy(() ->
                        Seeded.forAll(3, Gen.constant("x"), Gen.constant(new byte[] {1, (byte) 0xAB}), (s, b) -> {
                            throw new IllegalStateException("boom");
                        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sample: \"x\" and 0x01ab")
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }
}
