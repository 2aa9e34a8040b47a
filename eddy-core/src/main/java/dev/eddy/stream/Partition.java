package dev.eddy.stream;

import dev.eddy.store.ConflictException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * One shard lineage of a stream in memory: its shards (oldest first), the sequence counter, the
 * visibility watermark and the consumers waiting for records.
 *
 * <p>Sequence numbers are handed out in memory when a writing transaction commits
 * ({@link #assign()}), before the store commit, and reported back once the commit returned or
 * failed ({@link #resolve}). {@link #visible()} is the highest number below which every number
 * handed out is resolved, so a reader that stops there never sees N+1 before N. No lock is held
 * across a store commit by writers, so the store's group commit stays effective.
 *
 * <p>Thread-safe: the monitor guards the counter, the in-flight set, the shard list and the
 * waiters; a rollover holds it while it persists the new shard (rare).
 */
final class Partition {
    final long streamId;
    final int index;
    private final List<ShardState> shards = new ArrayList<>();
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private long lastAssigned;
    private volatile long visible;
    private volatile long trimFloor;
    private boolean sealed;

    private record Waiter(long after, CompletableFuture<Void> future) {
    }

    Partition(long streamId, int index, List<ShardState> shards, long lastAssigned, long trimFloor) {
        this.streamId = streamId;
        this.index = index;
        this.shards.addAll(shards);
        this.lastAssigned = lastAssigned;
        this.visible = lastAssigned;
        this.trimFloor = trimFloor;
        this.sealed = !shards.isEmpty() && !shards.getLast().open();
    }

    /** The next sequence number, registered as in flight. */
    synchronized long assign() {
        if (sealed) {
            // the stream was disabled after the writing transaction read the table: that transaction
            // conflicts on the table description anyway, so let it retry now
            throw new ConflictException("stream of this write was disabled");
        }
        long s = ++lastAssigned;
        inFlight.add(s);
        return s;
    }

    /** Marks {@code seq} committed or aborted; advances the watermark and wakes waiters. */
    void resolve(long seq) {
        List<CompletableFuture<Void>> wake;
        synchronized (this) {
            inFlight.remove(seq);
            wake = advance();
        }
        wake.forEach(f -> f.complete(null));
    }

    private List<CompletableFuture<Void>> advance() {
        long v = inFlight.isEmpty() ? lastAssigned : inFlight.first() - 1;
        if (v <= visible) {
            return new ArrayList<>();
        }
        visible = v;
        List<CompletableFuture<Void>> wake = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.after < v || w.future.isDone()) {
                wake.add(w.future);
                it.remove();
            }
        }
        return wake;
    }

    long visible() {
        return visible;
    }

    long trimFloor() {
        return trimFloor;
    }

    void trimFloor(long floor) {
        this.trimFloor = Math.max(trimFloor, floor);
    }

    synchronized long lastAssigned() {
        return lastAssigned;
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
     * empty, so that its ending number is not below its starting one) and opens {@code child}
     * (null: none, the stream is being disabled), unless the open shard is no longer of
     * {@code generation} (-1: any). {@code persist} runs under the monitor before
     * anything changes in memory, so no write can take a number between the two.
     */
    void roll(long now, boolean withChild, int generation, Persister persist) {
        List<CompletableFuture<Void>> wake;
        synchronized (this) {
            ShardState cur = shards.getLast();
            if (!cur.open() || generation >= 0 && cur.generation() != generation) {
                return; // already rolled by someone else
            }
            long end = Math.max(lastAssigned, cur.start());
            ShardState closed = cur.close(end);
            ShardState child = withChild ? cur.child(Math.max(now, cur.createdMillis() + 1), end + 1) : null;
            persist.save(closed, child);
            lastAssigned = end;
            shards.set(shards.size() - 1, closed);
            if (child != null) {
                shards.add(child);
            } else {
                sealed = true;
            }
            wake = advance();
            // consumers of the closed shard must learn that it ended
            for (Waiter w : waiters) {
                wake.add(w.future);
            }
            waiters.clear();
        }
        wake.forEach(f -> f.complete(null));
    }

    /** Forgets shards that were trimmed away entirely. */
    synchronized void dropShards(List<ShardState> gone) {
        shards.removeAll(gone);
    }

    /**
     * Completes when the watermark passes {@code after}, when the open shard closes, or at once
     * when either already happened.
     */
    CompletableFuture<Void> await(long after, int generation) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            ShardState s = shard(generation);
            if (visible > after || s == null || !s.open()) {
                f.complete(null);
            } else {
                waiters.add(new Waiter(after, f));
            }
        }
        return f;
    }

    /** Saves a rollover durably; called with the partition's monitor held. */
    @FunctionalInterface
    interface Persister {
        void save(ShardState closed, ShardState child);
    }
}
