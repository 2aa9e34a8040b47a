package dev.eddy.mapping.shard;

import java.time.Instant;

/**
 * The retry state of one batch (spec 4.4, 4.6): how often it was invoked and failed, and when it may
 * be tried again. Backoff is state here, time comes in as arguments; nothing sleeps. Not thread-safe:
 * owned by its {@link ShardProcessor}.
 */
public final class RetryState {
    private final ShardSettings.Backoff backoff;
    private final int maximumRetryAttempts;
    private int invocations;
    private int failedAttempts;
    private int consecutiveSetbacks;
    private Instant notBefore = Instant.MIN;

    /** @param maximumRetryAttempts -1 for infinite, else retries after the first attempt */
    public RetryState(ShardSettings.Backoff backoff, int maximumRetryAttempts) {
        this.backoff = backoff;
        this.maximumRetryAttempts = maximumRetryAttempts;
    }

    /** Whether the batch may be invoked at {@code now} (its backoff has passed). */
    public boolean canAttempt(Instant now) {
        return !now.isBefore(notBefore);
    }

    /** When the next attempt may start ({@link Instant#MIN} when at once). */
    public Instant notBefore() {
        return notBefore;
    }

    /** An invocation of the batch starts. */
    public void onInvoke() {
        invocations++;
    }

    /** The function ran and the batch failed: one failed attempt, then backoff. */
    public void onFailure(Instant now) {
        failedAttempts++;
        backOff(now);
    }

    /** The function did not run (throttle, missing function): backoff, no attempt consumed. */
    public void onNotInvoked(Instant now) {
        invocations--;
        backOff(now);
    }

    /** Whether failed attempts reached 1 + MaximumRetryAttempts. */
    public boolean exhausted() {
        return maximumRetryAttempts >= 0 && failedAttempts > maximumRetryAttempts;
    }

    /** Invocations in which the function ran. */
    public int invocations() {
        return invocations;
    }

    /** Failed attempts counted against MaximumRetryAttempts. */
    public int failedAttempts() {
        return failedAttempts;
    }

    private void backOff(Instant now) {
        consecutiveSetbacks++;
        notBefore = now.plus(backoff.after(consecutiveSetbacks));
    }
}
