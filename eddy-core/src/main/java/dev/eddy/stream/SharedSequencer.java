package dev.eddy.stream;

import dev.eddy.store.ConflictException;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.StoreException;
import dev.eddy.store.Transaction;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link ShardSequencer} of nodes that share one store: the lineage's last number is a key of
 * the store ({@link StreamKeys#counter}), read and written by every writing transaction of the
 * lineage inside its commit, and by every {@link #cut}.
 *
 * <p>Why the numbers are in commit order across nodes: a writer reads the counter {@code c} and
 * writes {@code c + 1} together with its record {@code c + 1}, in its own transaction. By the
 * store's conflict rule (a commit fails when a key it read was committed by another transaction
 * after it began), of two transactions that read the same {@code c} only one commits; the other is
 * retried and reads the new value. So the transaction that writes number N+1 began after the one
 * that wrote N committed: numbers commit in number order, and once the committed counter is V,
 * every record numbered V or less has committed or never will (a number a cut skipped). That makes
 * the committed counter the visibility bound ({@link #visible()} reads it from the store), and a
 * reader that passed V never meets a lower number later. A number taken outside the writing
 * transaction (a PostgreSQL sequence, say) would not have that property: 7 could commit after 8
 * was read.
 *
 * <p>Cost: writers of one lineage serialise on its counter (on PostgreSQL, concurrent writers of
 * the lineage conflict at commit and are retried with a new snapshot), while other lineages and
 * tables commit in parallel. The single-node default stays the conflict-free
 * {@link WatermarkSequencer}.
 *
 * <p>Counter value: the last number (8 bytes, big-endian) and a sealed flag (1 byte, 1 once the
 * stream was disabled). A missing counter (a new stream, or one written before it ran on several
 * nodes) is derived from the lineage's shards and records in the store, the same on every node;
 * the number a node recovered when it loaded the stream is not used (nodes load at different
 * times, and a bound taken from one node's clock could pass numbers another node commits later).
 *
 * <p>Thread-safe; {@code assign} and {@code resolve} take no lock.
 */
public final class SharedSequencer implements ShardSequencer {
    private final Store store;
    private final long streamId;
    private final int partition;
    private final byte[] key;
    /** The highest number this process knows to be committed (its own commits and store reads). */
    private final AtomicLong known = new AtomicLong();

    SharedSequencer(Store store, long streamId, int partition) {
        this.store = store;
        this.streamId = streamId;
        this.partition = partition;
        this.key = StreamKeys.counter(streamId, partition);
    }

    /** The factory of this implementation over {@code store}, the store the change log writes to. */
    public static ShardSequencer.Factory factory(Store store) {
        // the recovered number and seal are this node's view; every node takes them from the store instead
        return (streamId, partition, recoveredLast, closed) -> new SharedSequencer(store, streamId, partition);
    }

    /** A counter as stored. */
    private record Counter(long last, boolean sealed) {}

    private Counter read(ReadView view) {
        byte[] b = view.get(key);
        if (b == null) {
            return initial(view);
        }
        if (b.length != 9) {
            throw new StoreException("unreadable stream counter of " + b.length + " bytes", null);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new Counter(buf.getLong(), buf.get() != 0);
    }

    /**
     * The counter of a lineage that has none yet, from what the store holds, so that every node
     * starts from the same number: the highest shard bound and record number (the first shard of
     * a new stream starts above its creation time's number), sealed when the last shard is closed.
     * Nodes that read the counter as missing conflict with each other at commit.
     */
    private Counter initial(ReadView view) {
        List<ShardState> shards = StreamCatalog.shards(view, streamId, partition);
        long last = 0;
        for (ShardState s : shards) {
            last = Math.max(last, Math.max(s.start() - 1, s.end()));
        }
        List<KeyValue> top = view.scan(StreamKeys.allRecords(streamId, partition), 1, true);
        if (!top.isEmpty()) {
            last = Math.max(last, StreamKeys.seqOf(top.getFirst().key()));
        }
        return new Counter(last, !shards.isEmpty() && !shards.getLast().open());
    }

    /**
     * The last number of a stored counter (-1 when there is none), so that a node numbering in
     * memory after the nodes that shared the store stopped restarts above it.
     */
    static long lastIn(byte[] counter) {
        return counter == null || counter.length != 9
                ? -1
                : ByteBuffer.wrap(counter).getLong();
    }

    private void write(Transaction tx, long last, boolean sealed) {
        tx.put(
                key,
                ByteBuffer.allocate(9)
                        .putLong(last)
                        .put((byte) (sealed ? 1 : 0))
                        .array());
    }

    /**
     * Reads the counter through {@code tx} (so that the commit conflicts when another writer of
     * the lineage committed since {@code tx} began) and writes the next number.
     */
    @Override
    public long assign(Transaction tx) {
        Counter c = read(tx);
        if (c.sealed()) {
            throw new ConflictException("stream of this write was disabled");
        }
        long next = c.last() + 1;
        write(tx, next, false);
        return next;
    }

    /** A committed number makes every lower one committed too (they commit in number order). */
    @Override
    public boolean resolve(long seq, boolean committed) {
        return committed && raise(seq);
    }

    /** The committed counter, read from the store (a point read). */
    @Override
    public long visible() {
        long stored;
        try (ReadView view = store.snapshot()) {
            stored = read(view).last();
        }
        raise(stored);
        return known.get();
    }

    private boolean raise(long seq) {
        long before = known.getAndAccumulate(seq, Math::max);
        return seq > before;
    }

    @Override
    public boolean shared() {
        return true;
    }

    /**
     * Reads and writes the counter in the cut's transaction, so that a writer that read it before
     * conflicts and takes a number above the end. Cuts of this process are serialised by the
     * monitor; those of other processes by the counter.
     */
    @Override
    public synchronized boolean cut(Store store, Plan plan) {
        Cut cut = store.run(tx -> {
            Counter c = read(tx);
            if (c.sealed()) {
                return null; // disabled already, by this node or another one
            }
            Cut planned = plan.plan(tx, c.last());
            if (planned != null) {
                if (planned.end() < c.last()) {
                    throw new IllegalArgumentException("a shard cannot end at " + planned.end() + " below " + c.last());
                }
                write(tx, planned.end(), planned.sealed());
            }
            return planned;
        });
        if (cut == null) {
            return false;
        }
        plan.apply(cut);
        raise(cut.end());
        return true;
    }
}
