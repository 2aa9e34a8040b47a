package dev.eddy.function;

import java.time.Duration;

/**
 * Told what happens to each attempt to run a function, for metrics (Lambda's {@code Invocations},
 * {@code Errors}, {@code Throttles}, {@code Duration}, {@code ConcurrentExecutions}). The {@link
 * Invoker} calls it for synchronous and asynchronous invocations alike (each attempt of an
 * asynchronous one, retries included), so event source mappings are counted too.
 *
 * <p>Not told: DryRun requests, queued {@code Event} requests until they run, requests refused
 * because the function is not ready, and requests that throw (unknown function, oversize
 * payload); Lambda counts none of them as invocations or throttles.
 *
 * <p>Implementations must be thread-safe and quick: they are called on the invoking thread, by many
 * invocations at once, and must not throw.
 */
public interface InvocationListener {

    /** A listener that ignores everything. */
    InvocationListener NONE = new InvocationListener() {
        @Override
        public void started(String function) {}

        @Override
        public void finished(String function, Kind kind, Duration duration) {}

        @Override
        public void throttled(String function, ThrottleReason reason) {}
    };

    /** How an attempt that ran ended. */
    enum Kind {
        /** The handler returned. */
        SUCCESS,
        /** The handler threw, timed out, exited, failed its init phase or returned too much. */
        FUNCTION_ERROR
    }

    /**
     * An attempt of {@code function} took a concurrency slot and is about to run; {@link #finished}
     * follows on the same thread.
     */
    void started(String function);

    /**
     * An attempt of {@code function} ended (its slot is released right after).
     *
     * @param duration what the invocation's REPORT line gives as {@code Duration}: the time the
     *     handler ran (zero when the init phase failed)
     */
    void finished(String function, Kind kind, Duration duration);

    /** An attempt of {@code function} was refused for lack of concurrency; nothing ran. */
    void throttled(String function, ThrottleReason reason);

    /** {@code function} was deleted; a function created later under its name starts afresh. */
    default void deleted(String function) {}
}
