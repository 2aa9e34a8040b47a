package dev.eddy.queue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link QueueSignal} whose futures also complete every poll interval: the fallback of nodes
 * sharing a store when a signal from another node may never come (a lost notice, or no notice
 * carrier at all: nodes on one in-process store, a database without LISTEN/NOTIFY). A receiver
 * waiting on such a future then looks at the store again each interval, and finds a message sent
 * through another node within that interval; a signal still wakes it at once.
 *
 * <p>It costs nothing while nobody waits: each future returned by {@link #next} carries its own
 * timer, which a signal or a cancel of that future removes; nothing runs periodically otherwise.
 * The receiver looks again only when the timer fires, so a waiting receive reads the store once
 * per interval, never in a busy loop.
 *
 * <p>Thread-safe, as the signal it wraps.
 */
public final class PollingQueueSignal implements QueueSignal {
    private final QueueSignal signal;
    private final long intervalNanos;

    /**
     * @param signal the signal that carries wake-ups (this node's own, and other nodes' if it can)
     * @param interval how long a waiting receiver goes at most without looking at the store again
     */
    public PollingQueueSignal(QueueSignal signal, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive: " + interval);
        }
        this.signal = signal;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void signal(long queueId) {
        signal.signal(queueId);
    }

    /**
     * A future that completes at the next signal of the queue, or after the poll interval,
     * whichever comes first (a spurious wake-up, which {@link QueueSignal} allows). Completing
     * or cancelling it affects only this future.
     */
    @Override
    public CompletableFuture<Void> next(long queueId) {
        // the future is the caller's own (QueueSignal's contract), so the timer completes no other
        // waiter's; once done, by the timer, a signal or a cancel, the wrapped signal drops it and
        // the timer is cancelled. (A copy would leave the original waiting in the wrapped signal.)
        return signal.next(queueId).completeOnTimeout(null, intervalNanos, TimeUnit.NANOSECONDS);
    }
}
