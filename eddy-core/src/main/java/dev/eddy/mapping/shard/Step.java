package dev.eddy.mapping.shard;

import java.time.Instant;

/**
 * What the mapping engine does next for one shard: {@link ShardProcessor#poll} returns one step at a
 * time. Steps other than {@link Wait} are to be carried out before the processor is polled again,
 * except {@link Invoke}, which may run in the background (its outcome comes back through {@link
 * ShardProcessor#onInvoked}).
 */
public sealed interface Step {

    /**
     * Read up to {@code maxRecords} records after {@code afterSequence}, or from the starting
     * position (the stored checkpoint, TRIM_HORIZON or LATEST) when it is null; report them with
     * {@link ShardProcessor#onRecords}, or {@link ShardProcessor#onShardEnd} when the shard is closed
     * and fully read.
     */
    record Read(Long afterSequence, int maxRecords) implements Step {}

    /**
     * Nothing to do until an append ({@link ShardProcessor#onAppend}), an invocation outcome, or
     * {@code until} (null: no deadline), whichever comes first.
     */
    record Wait(Instant until) implements Step {}

    /** Invoke the function with the batch. */
    record Invoke(Batch batch) implements Step {}

    /**
     * Store the checkpoint: every record up to and including {@code sequence} is done (succeeded,
     * filtered out or given up on). Write it before polling again; a crash replays after it.
     */
    record Checkpoint(long sequence, String id) implements Step {}

    /** Send the failed batch to the on-failure destination; it is checkpointed past afterwards. */
    record Deliver(FailedBatch failed) implements Step {}

    /** The shard is closed and every record of it is done and checkpointed: its children may start. */
    record ShardEnded() implements Step {}

    /** The processor was asked to stop and nothing is in flight any more: drop it. */
    record ShutDown() implements Step {}
}
