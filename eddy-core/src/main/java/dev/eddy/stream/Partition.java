package dev.eddy.stream;

import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** Its records' keys without the sequence number (built once, not per record). */
    private final byte[] recordPrefix;

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
        this.recordPrefix = StreamKeys.recordPrefix(streamId, index);
        this.shards.addAll(shards);
        this.trimFloor = trimFloor;
        this.signal = signal;
        boolean sealed = !shards.isEmpty() && !shards.getLast().open();
        this.sequencer = sequencers.open(streamId, index, lastAssigned, sealed);
    }

    /** The next sequence number, in flight until {@link #resolve resolved}. */
    long assign(Transaction tx) {
        return sequencer.assign(tx);
    }

    /** The key of this lineage's record {@code seq}. */
    byte[] recordKey(long seq) {
        return StreamKeys.record(recordPrefix, seq);
    }

    /** Marks {@code seq} committed or given up; wakes the readers when the watermark moved. */
    void resolve(long seq, boolean committed) {
        if (sequencer.resolve(seq, committed)) {
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
     * longer of {@code generation} (-1: any). The shards are read from and written to the store in
     * the cut's transaction (another node may have rolled the lineage over first); memory changes
     * once that committed, while the sequencer hands out no number.
     *
     * @return true when this call rolled the lineage over
     */
    boolean roll(Store store, long now, boolean withChild, int generation) {
        Roll roll = new Roll(now, withChild, generation);
        if (sequencer.cut(store, roll)) {
            // consumers of the closed shard must learn that it ended
            signal.signal(streamId, index);
            return true;
        }
        if (sequencer.shared()) {
            // nothing to roll: another node may have done it, whose shards this one must know
            try (ReadView view = store.snapshot()) {
                refresh(view);
            }
        }
        return false;
    }

    /** A rollover's store writes and memory change; the last {@link #plan} is the one committed. */
    private final class Roll implements ShardSequencer.Plan {
        private final long now;
        private final boolean withChild;
        private final int generation;
        private ShardState closed;
        private ShardState child;

        Roll(long now, boolean withChild, int generation) {
            this.now = now;
            this.withChild = withChild;
            this.generation = generation;
        }

        @Override
        public ShardSequencer.Cut plan(Transaction tx, long last) {
            List<ShardState> stored = StreamCatalog.shards(tx, streamId, index);
            ShardState cur = stored.isEmpty() ? null : stored.getLast();
            if (cur == null || !cur.open() || generation >= 0 && cur.generation() != generation) {
                return null; // already rolled by someone else
            }
            long end = Math.max(last, cur.start());
            closed = cur.close(end);
            child = withChild ? cur.child(Math.max(now, cur.createdMillis() + 1), end + 1) : null;
            StreamCatalog.put(tx, streamId, closed);
            if (child != null) {
                StreamCatalog.put(tx, streamId, child);
            }
            return new ShardSequencer.Cut(end, child == null);
        }

        @Override
        public void apply(ShardSequencer.Cut cut) {
            synchronized (Partition.this) {
                shards.removeIf(s ->
                        s.generation() == closed.generation() || child != null && s.generation() == child.generation());
                shards.add(closed);
                if (child != null) {
                    shards.add(child);
                }
                shards.sort(Comparator.comparingInt(ShardState::generation));
            }
        }
    }

    /**
     * Takes the shards and trim floor of the lineage from {@code view} (another node rolled it
     * over or trimmed it); wakes its readers when a shard closed or appeared. For shared
     * sequencers only: a single node's memory is the truth.
     */
    void refresh(ReadView view) {
        List<ShardState> stored = StreamCatalog.shards(view, streamId, index);
        boolean changed;
        synchronized (this) {
            changed = !stored.isEmpty() && !stored.equals(shards);
            if (changed) {
                shards.clear();
                shards.addAll(stored);
            }
        }
        trimFloor(StreamCatalog.trimFloor(view, streamId, index));
        if (changed) {
            signal.signal(streamId, index);
        }
    }

    boolean shared() {
        return sequencer.shared();
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
}
