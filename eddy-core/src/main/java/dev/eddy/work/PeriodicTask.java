package dev.eddy.work;

import java.time.Instant;

/**
 * One pass of a background duty (stream upkeep, TTL deletion, index backfill, idle environments,
 * retries). A pass does what is due at {@code now} and returns; the {@link BackgroundWork} that
 * runs it decides when the next pass comes. Tests call {@link #runOnce} directly with a clock of
 * their own instead of waiting for a timer.
 */
@FunctionalInterface
public interface PeriodicTask {

    /**
     * Does the work due at {@code now}. Never runs concurrently with itself when scheduled by a
     * {@link BackgroundWork}; a runtime exception is logged and the task runs again at its next
     * turn.
     */
    void runOnce(Instant now);
}
