package dev.eddy.stream;

import java.util.concurrent.CompletableFuture;

/**
 * Wakes consumers of a shard lineage when its records may have changed: a commit made more of
 * them visible, or its open shard closed. It speaks in stream and partition numbers only, so an
 * implementation may carry the signal between processes (PostgreSQL's LISTEN/NOTIFY) as well as
 * within one.
 *
 * <p>A signal carries no data and may be spurious or coalesced: a woken consumer re-reads the
 * state it waits on. The protocol that loses no wake-up is therefore: take
 * {@link #next} first, then check the state, and wait on the future only if the state does not
 * satisfy the consumer yet.
 *
 * <p>Thread-safe. {@link #signal} is called on committing threads and must not block.
 */
public interface CommitSignal {

    /**
     * Tells every consumer waiting on the lineage that its state changed: completes every future
     * {@link #next} returned for it so far. Called after the change is visible in memory (after
     * the store commit and the watermark update, or after a shard closed); idempotent.
     *
     * @param streamId the stream's number ({@link StreamId#value()})
     * @param partition the lineage within the stream ({@link ShardRef#partition()})
     */
    void signal(long streamId, int partition);

    /**
     * A future that completes at the next {@link #signal} of the lineage after this call. It may
     * complete on the signalling thread: do not block in a dependent stage. Cancelling or
     * completing the returned future affects only that future.
     */
    CompletableFuture<Void> next(long streamId, int partition);
}
