package dev.eddy.stream;

import dev.eddy.store.ConflictException;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.util.TreeSet;

/**
 * The in-process {@link ShardSequencer}: a counter in memory and the set of numbers in flight,
 * whose lowest member bounds the visibility watermark. Numbers are handed out when a writing
 * transaction commits, without a store read, so concurrent writers of one shard never conflict
 * with each other; the monitor is held only for the counter and set updates, never across a store
 * commit. A crash loses only numbers that never became visible; numbers restart above the last
 * one recovered from the store. Correct only while one process writes the lineage: nodes that
 * share a store use {@link SharedSequencer}.
 */
public final class WatermarkSequencer implements ShardSequencer {
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long lastAssigned;
    private boolean sealed;
    private volatile long visible;

    public WatermarkSequencer(long recoveredLast, boolean sealed) {
        this.lastAssigned = recoveredLast;
        this.visible = recoveredLast;
        this.sealed = sealed;
    }

    /** The factory of this implementation, for {@link ChangeLog}'s constructor. */
    public static ShardSequencer.Factory factory() {
        return (streamId, partition, recoveredLast, ended) -> new WatermarkSequencer(recoveredLast, ended);
    }

    /** Takes the next number in memory; {@code tx} is not touched. */
    @Override
    public synchronized long assign(Transaction tx) {
        if (sealed) {
            throw new ConflictException("stream of this write was disabled");
        }
        long s = ++lastAssigned;
        inFlight.add(s);
        return s;
    }

    @Override
    public synchronized boolean resolve(long seq, boolean committed) {
        inFlight.remove(seq);
        return advance();
    }

    @Override
    public long visible() {
        return visible;
    }

    /**
     * Holds the monitor while the plan persists the cut: writers waiting to take a number
     * wait for one store commit, which is rare (a rollover per shard lifetime).
     */
    @Override
    public synchronized boolean cut(Store store, Plan plan) {
        long last = lastAssigned;
        Cut cut = store.run(tx -> plan.plan(tx, last));
        if (cut == null) {
            return false;
        }
        if (cut.end() < lastAssigned) {
            throw new IllegalArgumentException("a shard cannot end at " + cut.end() + " below " + lastAssigned);
        }
        plan.apply(cut);
        lastAssigned = cut.end();
        sealed |= cut.sealed();
        advance();
        return true;
    }

    /** Called with the monitor held. */
    private boolean advance() {
        long v = inFlight.isEmpty() ? lastAssigned : inFlight.first() - 1;
        if (v <= visible) {
            return false;
        }
        visible = v;
        return true;
    }
}
