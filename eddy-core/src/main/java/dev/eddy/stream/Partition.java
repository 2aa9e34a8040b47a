package dev.eddy.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One shard lineage of a stream in memory: its shards (oldest first) and trim floor, with the
 * {@link ShardSequencer} that numbers its records and the {@link CommitSignal} that wakes its
 * readers.
 *
 * <p>Sequence numbers are handed out when a writing transaction commits ({@link #assign()}, from
 * a before-commit hook) and resolved once the commit returned or failed ({@link #resolve}, from a
 * completion hook); readers stop at {@link #visible()}. Writers hold no lock across the store
 * commit, so the store's group commit stays effective.
 *
 * <p>Thread-safe: the monitor guards the shard list; a rollover changes it while the sequencer's
 * numbering is paused, so no write takes a number between the old shard's end and the new shard.
 */
final class Partition {
    final long streamId;
    final int index;
    private final ShardSequencer sequencer;
    private final CommitSignal signal;
    private final List<ShardState> shards = new ArrayList<>();
    private volatile long trimFloor;

    Partition(
            long streamId,
            int index,
            List<ShardState> shards,
            long lastAssigned,
            long trimFloor,
            ShardSequencer.Factory sequencers,
            CommitSignal signal) {
        this.streamId = streamId;
        this.index = index;
        this.shards.addAll(shards);
        this.trimFloor = trimFloor;
        this.signal = signal;
        boolean sealed = !shards.isEmpty() && !shards.getLast().open();
        this.sequencer = sequencers.open(streamId, index, lastAssigned, sealed);
    }

    /** The next sequence number, in flight until {@link #resolve resolved}. */
    long assign() {
        return sequencer.assign();
    }

    /** Marks {@code seq} committed or given up; wakes the readers when the watermark moved. */
    void resolve(long seq) {
        if (sequencer.resolve(seq)) {
            signal.signal(streamId, index);
        }
    }

    long visible() {
        return sequencer.visible();
    }

    long trimFloor() {
        return trimFloor;
    }

    void trimFloor(long floor) {
        this.trimFloor = Math.max(trimFloor, floor);
    }

    synchronized List<ShardState> shards() {
        return List.copyOf(shards);
    }

    synchronized ShardState current() {
        return shards.getLast();
    }

    synchronized ShardState shard(int generation) {
        for (ShardState s : shards) {
            if (s.generation() == generation) {
                return s;
            }
        }
        return null;
    }

    /**
     * Closes the open shard at the last number handed out (burning one number when the shard is
     * empty, so that its ending number is not below its starting one) and opens its child (none
     * when {@code withChild} is false: the stream is being disabled), unless the open shard is no
     * longer of {@code generation} (-1: any). {@code persist} runs while the sequencer hands out
     * no number and before anything changes in memory.
     */
    void roll(long now, boolean withChild, int generation, Persister persist) {
        boolean cut = sequencer.cut(last -> {
            synchronized (this) {
                ShardState cur = shards.getLast();
                if (!cur.open() || generation >= 0 && cur.generation() != generation) {
                    return null; // already rolled by someone else
                }
                long end = Math.max(last, cur.start());
                ShardState closed = cur.close(end);
                ShardState child = withChild ? cur.child(Math.max(now, cur.createdMillis() + 1), end + 1) : null;
                persist.save(closed, child);
                shards.set(shards.size() - 1, closed);
                if (child != null) {
                    shards.add(child);
                }
                return new ShardSequencer.Cut(end, child == null);
            }
        });
        if (cut) {
            // consumers of the closed shard must learn that it ended
            signal.signal(streamId, index);
        }
    }

    /** Forgets shards that were trimmed away entirely. */
    synchronized void dropShards(List<ShardState> gone) {
        shards.removeAll(gone);
    }

    /**
     * Completes when a record after {@code after} is visible in the shard of {@code generation},
     * when that shard is closed or gone, or at once when one of those already holds. Completed on
     * the thread that signals; fails when the signal fails.
     */
    CompletableFuture<Void> await(long after, int generation) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        watch(after, generation, result);
        return result;
    }

    private void watch(long after, int generation, CompletableFuture<Void> result) {
        // take the next signal before looking, so that a commit in between is not missed
        CompletableFuture<Void> next = signal.next(streamId, index);
        if (hasNews(after, generation)) {
            result.complete(null);
            return;
        }
        next.whenComplete((v, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (!result.isDone()) {
                watch(after, generation, result);
            }
        });
    }

    private boolean hasNews(long after, int generation) {
        if (sequencer.visible() > after) {
            return true;
        }
        ShardState s = shard(generation);
        return s == null || !s.open();
    }

    /** Saves a rollover durably; called while the sequencer's numbering is paused. */
    @FunctionalInterface
    interface Persister {
        void save(ShardState closed, ShardState child);
    }
}
