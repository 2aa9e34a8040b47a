package dev.eddy.mapping.checkpoint;

import dev.eddy.store.Transaction;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoints of event source mappings, one per (mapping, shard). Writes are conditional, so
 * that two processors of one shard (an old one still finishing, a new one after a restart or an
 * update) cannot move a checkpoint past each other: a write succeeds only when the stored
 * checkpoint is still the one the writer read.
 *
 * <p>Implementations are thread-safe; every method is atomic, and a write that returned
 * {@code true} is durable as the underlying store promises.
 */
public interface CheckpointStore {

    /** The checkpoint of {@code shardId} of mapping {@code uuid}; empty when none was written. */
    Optional<Checkpoint> read(String uuid, String shardId);

    /** Every checkpoint of mapping {@code uuid}, by shard id. */
    Map<String, Checkpoint> readAll(String uuid);

    /**
     * Writes {@code next} if the stored checkpoint equals {@code expected} (null: none stored).
     * Idempotent when {@code next} is already stored and equals {@code expected}.
     *
     * @return false, writing nothing, when the stored checkpoint differs from {@code expected}
     */
    boolean compareAndSet(String uuid, String shardId, Checkpoint expected, Checkpoint next);

    /**
     * As {@link #compareAndSet(String, String, Checkpoint, Checkpoint)}, inside the caller's
     * transaction: the write commits (or not) with whatever else {@code tx} writes, such as the
     * on-failure destination's message for the records the checkpoint passes.
     */
    boolean compareAndSet(Transaction tx, String uuid, String shardId, Checkpoint expected, Checkpoint next);

    /** Removes every checkpoint of mapping {@code uuid} (when it is deleted). Idempotent. */
    void removeAll(String uuid);
}
