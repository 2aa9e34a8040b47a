package dev.eddy.stream;

import dev.eddy.store.Store;
import dev.eddy.store.Transaction;

/**
 * Numbers the records of one shard lineage (one partition of a stream: its open shard and the
 * shards that came before it) and tells how far the numbers are visible to readers.
 *
 * <p>Protocol, driven by the change log: a writing transaction calls {@link #assign} from a
 * {@link Transaction#beforeCommit} hook, on the committing thread just before the store commit,
 * and then {@link #resolve} exactly once with that number from a
 * {@link Transaction#afterCompletion} hook, whether the commit succeeded or not. Readers stop at
 * {@link #visible()}, so they never see number N+1 before N has committed or been given up (a
 * given-up number leaves a gap, which readers skip). {@link #cut} ends the open shard's numbers
 * (rollover, disabling a stream); it is rare.
 *
 * <p>Two implementations: {@link WatermarkSequencer} numbers in memory, for a single node (the
 * numbers of one lineage are handed out by one process only); {@link SharedSequencer} keeps a
 * counter per lineage in the store, read and written by every writing transaction, for nodes that
 * share one store. The change log chooses one through the {@link Factory} it is given.
 *
 * <p>Implementations are thread-safe and must not hold a lock across a store commit in
 * {@code assign} and {@code resolve}: many writers of one lineage commit at once, and the store's
 * group commit depends on it. An instance belongs to one lineage; the change log creates it
 * through a {@link Factory} when it loads the stream.
 */
public interface ShardSequencer {

    /**
     * The next number, higher than every number handed out before (by this process and, for a
     * shared sequencer, by every process on the store), registered as in flight until
     * {@link #resolve resolved}. Not idempotent: every call takes a new number. May read and write
     * keys of its own through {@code tx}, the writing transaction (whose commit is about to
     * happen).
     *
     * @throws dev.eddy.store.ConflictException when the lineage was sealed by a {@link #cut}
     *     (the stream was disabled after the writing transaction read its table): the write's
     *     transaction conflicts on the table description anyway and is retried
     */
    long assign(Transaction tx);

    /**
     * Marks {@code seq} committed ({@code committed} true) or given up; idempotent for a number
     * already resolved.
     *
     * @return true when {@link #visible()} moved forward, so readers waiting on the lineage are
     *     worth waking
     */
    boolean resolve(long seq, boolean committed);

    /**
     * The highest number at or below which every number handed out is resolved (and which is
     * not below the lineage's last recovered number): every record at or below it that will ever
     * commit has committed. Never decreases. Lock-free for the in-memory sequencer; the shared one
     * reads the store.
     */
    long visible();

    /**
     * True when other processes number this lineage too: the change log then re-reads shard
     * states from the store, because another process may have rolled the lineage over.
     */
    default boolean shared() {
        return false;
    }

    /**
     * Ends the numbers of the open shard, in one transaction of {@code store}: calls
     * {@link Plan#plan} with that transaction and the last number handed out, while this
     * sequencer hands out no number that could fall between the end chosen and the change taking
     * effect (a shared sequencer achieves that by writing its counter in the same transaction, so
     * that writers which read it before conflict), and then, after the commit and still paused,
     * {@link Plan#apply}.
     *
     * @return true when a cut was made; {@link #visible()} may then have moved forward too
     */
    boolean cut(Store store, Plan plan);

    /** What a {@link #cut} does: its store writes, then its change in memory. */
    interface Plan {
        /**
         * Decides the cut and writes it through {@code tx}. May run several times (the
         * transaction is retried on conflicts), so it changes nothing but the store.
         *
         * @param last the last number handed out (for a shared sequencer: by any process)
         * @return the cut, or null to change nothing
         */
        Cut plan(Transaction tx, long last);

        /** After the cut committed, numbering still paused: takes it into memory. */
        void apply(Cut cut);
    }

    /**
     * What a {@link #cut} did.
     *
     * @param end the open shard's last number, at least the last number handed out; the next
     *     number handed out is above it
     * @param sealed true when no shard follows (the stream was disabled): {@link #assign} fails
     *     from now on
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
