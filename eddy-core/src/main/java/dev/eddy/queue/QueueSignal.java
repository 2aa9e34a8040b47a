package dev.eddy.queue;

import java.util.concurrent.CompletableFuture;

/**
 * Wakes long-polling receivers of a queue when messages may have become receivable (a send, a
 * visibility change to 0, a redrive). It speaks in queue ids only, so an implementation may carry
 * the signal between processes (PostgreSQL's LISTEN/NOTIFY) as well as within one.
 *
 * <p>A signal carries no data and may be spurious or coalesced. The protocol that loses no wake-up:
 * take {@link #next} first, then look for messages, and wait on the future only if none was found.
 *
 * <p>Thread-safe. {@link #signal} is called on committing threads and must not block.
 */
public interface QueueSignal {

    /** Completes every future {@link #next} returned for the queue so far. */
    void signal(long queueId);

    /**
     * A future that completes at the next {@link #signal} of the queue after this call (or
     * earlier, spuriously). It may complete on the signalling thread. Each call returns a future
     * of the caller's own: completing or cancelling it affects no other, and a future that is done
     * is no longer held by the signal.
     */
    CompletableFuture<Void> next(long queueId);
}
