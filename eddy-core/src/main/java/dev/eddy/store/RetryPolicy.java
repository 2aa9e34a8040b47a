package dev.eddy.store;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How {@link Store#run} retries a transaction whose commit conflicted: a few attempts at once (a
 * conflict usually means the other writer has just committed), then pauses that double from
 * {@code firstPause} up to {@code maxPause}, each drawn at random below that bound (full jitter,
 * so that writers that collided once do not collide again), until {@code maxAttempts} attempts
 * were made or retrying would go on past {@code maxElapsed}. Each backend chooses the values that
 * suit the cost of its commits ({@link Store#retryPolicy()}).
 *
 * @param maxAttempts attempts in all, the first one included; at least 1
 * @param maxElapsed how long retrying may last, counted from the first conflict
 * @param immediateRetries retries made without pausing, after the first conflict
 * @param firstPause bound of the first pause
 * @param maxPause bound of every pause
 */
public record RetryPolicy(
        int maxAttempts, Duration maxElapsed, int immediateRetries, Duration firstPause, Duration maxPause) {

    /** For stores whose commits cost tens of microseconds: up to 64 attempts within one second. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(64, Duration.ofSeconds(1), 1, Duration.ofNanos(50_000), Duration.ofMillis(5));

    public RetryPolicy {
        if (maxAttempts < 1 || immediateRetries < 0) {
            throw new IllegalArgumentException("attempts must be at least 1 and immediate retries not negative");
        }
        if (maxElapsed.isNegative() || firstPause.isNegative() || maxPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("durations must not be negative, maxPause not below firstPause");
        }
    }

    /** The retry state of one {@link Store#run}, whose first conflict happened at {@code nowNanos}. */
    public ConflictBackoff start(long nowNanos, RandomGenerator random) {
        return new ConflictBackoff(this, nowNanos, random);
    }
}
