package dev.eddy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The retry decisions of {@link Store#run}, with a fake clock and a seeded random source. */
class ConflictBackoffTest {
    private static final RetryPolicy POLICY =
            new RetryPolicy(10, Duration.ofMillis(100), 2, Duration.ofNanos(100_000), Duration.ofMillis(1));

    @Test
    void immediateRetriesFirstThenJitteredPausesBelowADoublingBound() {
        long seed = 42;
        ConflictBackoff backoff = POLICY.start(0, new Random(seed));
        assertThat(backoff.onFailure()).isZero();
        assertThat(backoff.onFailure()).isZero();
        assertThat(backoff.onFailure()).as("seed %d", seed).isBetween(0L, 100_000L);
        assertThat(backoff.onFailure()).isBetween(0L, 200_000L);
        assertThat(backoff.onFailure()).isBetween(0L, 400_000L);
        assertThat(backoff.onFailure()).isBetween(0L, 800_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(backoff.onFailure()).isBetween(0L, 1_000_000L);
        }
        assertThat(backoff.failures()).isEqualTo(9);
    }

    @Test
    void pausesAreRandomNotFixed() {
        long[] pauses = new long[20];
        for (int seed = 0; seed < pauses.length; seed++) {
            ConflictBackoff backoff = POLICY.start(0, new Random(seed));
            for (int i = 0; i < 6; i++) {
                pauses[seed] = backoff.onFailure();
            }
        }
        assertThat(Arrays.stream(pauses).distinct().count()).isGreaterThan(10);
        assertThat(Arrays.stream(pauses).max().orElseThrow()).isLessThanOrEqualTo(800_000L);
    }

    @Test
    void attemptsAreBoundedInNumber() {
        ConflictBackoff backoff = POLICY.start(0, new Random(1));
        for (int i = 1; i < 10; i++) {
            backoff.onFailure();
            assertThat(backoff.canAttempt(0)).as("after %d failures", i).isTrue();
        }
        backoff.onFailure();
        assertThat(backoff.canAttempt(0)).isFalse();
    }

    @Test
    void attemptsAreBoundedInTimeFromTheFirstConflict() {
        long start = 5_000_000_000L;
        ConflictBackoff backoff = POLICY.start(start, new Random(1));
        backoff.onFailure();
        assertThat(backoff.canAttempt(start + 100_000_000L)).isTrue();
        assertThat(backoff.canAttempt(start + 100_000_001L)).isFalse();
    }

    @Test
    void aPolicyNeedsAtLeastOneAttemptAndOrderedPauses() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, 0, Duration.ofMillis(2), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
