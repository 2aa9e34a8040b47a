package dev.eddy.store;

import java.util.random.RandomGenerator;

/**
 * The retry state of one transaction that conflicted, following a {@link RetryPolicy}. Time is
 * given by the caller in {@link System#nanoTime()} units, so that the decisions are testable with
 * a fake clock. Not thread-safe: one per retrying caller.
 */
public final class ConflictBackoff {
    private final RetryPolicy policy;
    private final long startNanos;
    private final RandomGenerator random;
    private int failures;

    ConflictBackoff(RetryPolicy policy, long startNanos, RandomGenerator random) {
        this.policy = policy;
        this.startNanos = startNanos;
        this.random = random;
    }

    /**
     * Records that an attempt conflicted and returns how long to pause before the next one, in
     * nanoseconds: 0 for the policy's immediate retries, then a random pause below a bound that
     * doubles with every further conflict up to the policy's {@code maxPause}.
     */
    public long onFailure() {
        failures++;
        int backedOff = failures - 1 - policy.immediateRetries();
        if (backedOff < 0) {
            return 0;
        }
        long first = policy.firstPause().toNanos();
        long max = policy.maxPause().toNanos();
        long bound = backedOff < 63 && first <= max >> backedOff ? first << backedOff : max;
        return bound <= 0 ? 0 : random.nextLong(bound + 1);
    }

    /**
     * True when another attempt may start at {@code atNanos}: fewer than the policy's
     * {@code maxAttempts} were made and retrying has not lasted past its {@code maxElapsed}.
     */
    public boolean canAttempt(long atNanos) {
        return failures < policy.maxAttempts()
                && atNanos - startNanos <= policy.maxElapsed().toNanos();
    }

    /** Attempts that conflicted so far. */
    public int failures() {
        return failures;
    }
}
