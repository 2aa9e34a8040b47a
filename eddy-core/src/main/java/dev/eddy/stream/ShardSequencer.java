package dev.eddy.stream;

import java.util.function.LongFunction;

/**
 * Numbers the records of one shard lineage (one partition of a stream: its open shard and the
 * shards that came before it) and tells how far the numbers are visible to readers.
 *
 * <p>Protocol, driven by the change log: a writing transaction calls {@link #assign()} from a
 * {@link dev.eddy.store.Transaction#beforeCommit} hook, on the committing thread just before the
 * store commit, and then {@link #resolve} exactly once with that number from an
 * {@link dev.eddy.store.Transaction#afterCompletion} hook, whether the commit succeeded or not.
 * Readers stop at {@link #visible()}, so they never see number N+1 before N has committed or been
 * given up (a given-up number leaves a gap, which readers skip). {@link #cut} ends the open
 * shard's numbers (rollover, disabling a stream); it is rare.
 *
 * <p>Implementations are thread-safe and must not hold a lock, or do I/O, across a store commit
 * in {@code assign} and {@code resolve}: many writers of one lineage commit at once, and the
 * store's group commit depends on it. An instance belongs to one lineage; the change log creates
 * it through a {@link Factory} when it loads the stream.
 */
public interface ShardSequencer {

    /**
     * The next number, higher than every number handed out before, registered as in flight until
     * {@link #resolve resolved}. Not idempotent: every call takes a new number.
     *
     * @throws dev.eddy.store.ConflictException when the lineage was sealed by a {@link #cut}
     *     (the stream was disabled after the writing transaction read its table): the write's
     *     transaction conflicts on the table description anyway and is retried
     */
    long assign();

    /**
     * Marks {@code seq} committed or given up; idempotent for a number already resolved.
     *
     * @return true when {@link #visible()} moved forward, so readers waiting on the lineage are
     *     worth waking
     */
    boolean resolve(long seq);

    /**
     * The highest number at or below which every number handed out is resolved (and which is
     * not below the lineage's last recovered number). Never decreases. Lock-free.
     */
    long visible();

    /**
     * Ends the numbers of the open shard. Calls {@code decide} with the last number handed out
     * while no number is handed out, so that no write can take a number between the end chosen
     * and the change taking effect; {@code decide} persists the change (with no store lock held
     * by the caller, but with this sequencer's numbering paused) and returns the {@link Cut}, or
     * null to change nothing.
     *
     * @return true when a cut was made; {@link #visible()} may then have moved forward too
     */
    boolean cut(LongFunction<Cut> decide);

    /**
     * What a {@link #cut} did.
     *
     * @param end the open shard's last number, at least the last number handed out; the next
     *     number handed out is above it
     * @param sealed true when no shard follows (the stream was disabled): {@link #assign()}
     *     fails from now on
     */
    record Cut(long end, boolean sealed) {}

    /** Creates the sequencer of one lineage when the change log loads (or creates) a stream. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param streamId the stream's number ({@link StreamId#value()})
         * @param partition the lineage within the stream ({@link ShardRef#partition()})
         * @param recoveredLast a number at or above every number that may have been handed out
         *     before this process started (numbers restart above it)
         * @param sealed true when the lineage's last shard is closed (a disabled stream)
         */
        ShardSequencer open(long streamId, int partition, long recoveredLast, boolean sealed);
    }
}
