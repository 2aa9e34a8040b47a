package dev.eddy.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it: what code under test reads through an
 * injected {@link InstantSource} is exactly what the test set, so time-driven behaviour (TTL,
 * retention, idle expiry, timeouts) is tested without waiting.
 *
 * <p>Thread-safe: the code under test may read it from its own threads while the test moves it;
 * every reader sees each move at once, and concurrent {@link #advance} calls all add up. It keeps
 * the full precision of the instants and durations it is given.
 */
public final class ManualClock implements InstantSource {
    private final AtomicReference<Instant> now;

    /** A clock that reads {@code start} until moved. */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /**
     * Moves the clock forward by {@code by} and returns the new instant.
     *
     * @throws IllegalArgumentException when {@code by} is negative: use {@link #set} to go back
     */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock advances, it was asked to move by " + by);
        }
        return now.updateAndGet(t -> t.plus(by));
    }

    /** Puts the clock at {@code to}, earlier or later than now. */
    public void set(Instant to) {
        now.set(Objects.requireNonNull(to, "to"));
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
