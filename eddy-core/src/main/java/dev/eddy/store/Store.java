package dev.eddy.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * An ordered, transactional key-value store: the one source of truth of Eddy.
 *
 * <p>Keys and values are byte arrays; keys are ordered by unsigned lexicographic byte order.
 * Everything above this interface (tables, indexes, streams, functions, mappings) is written once
 * against it; backends (memory, RocksDB, PostgreSQL) implement only this SPI and never let their
 * own types cross it.
 *
 * <p>Transactions are optimistic: a {@link Transaction} reads the state committed when it began
 * (a snapshot) plus its own writes; {@link Transaction#commit()} fails with
 * {@link ConflictException} when a key that the transaction read with {@link ReadView#get} or wrote
 * (including keys removed by {@link Transaction#clearRange}) was committed by another transaction
 * after this one began. Read-check-write on single keys is therefore atomic. Range scans inside a
 * transaction are not conflict-checked (phantoms are possible): a transaction that must not miss
 * a concurrent insert into a range reads a key that every such insert also writes. A transaction
 * begun with {@link ReadMode#LATEST} takes no snapshot up front and checks each key from its
 * read or write on instead (see there).
 *
 * <p>A commit that returned is durable as the backend's durability setting promises (see the
 * backend's documentation); a commit that threw wrote nothing.
 *
 * <p>Implementations are thread-safe; each {@link Transaction} is used by one thread at a time.
 */
public interface Store extends AutoCloseable {

    /**
     * Starts a read-write transaction that reads a snapshot ({@link ReadMode#SNAPSHOT}). The caller
     * must close it; close without commit rolls back.
     */
    Transaction begin();

    /**
     * Starts a read-write transaction whose reads follow {@code mode}. The caller must close it;
     * close without commit rolls back. The default runs every mode as {@link ReadMode#SNAPSHOT},
     * which keeps every promise of {@link ReadMode#LATEST} too.
     */
    default Transaction begin(ReadMode mode) {
        return begin();
    }

    /** A consistent, read-only, point-in-time view of the committed state. The caller must close it. */
    ReadView snapshot();

    /**
     * A copy of the value committed under {@code key}, or null when there is none: one read,
     * without a snapshot to open and close. It is linearizable: it sees every commit that returned
     * before the call began, and a call that begins after it returned sees that state or a later
     * one. Two calls may see different instants; reads that must agree with each other take a
     * {@link #snapshot()}. Thread-safe.
     *
     * @throws StoreException when the store is closed
     */
    default byte[] get(byte[] key) {
        try (ReadView view = snapshot()) {
            return view.get(key);
        }
    }

    /**
     * Runs {@code body} in a new transaction and commits it, running it again (in a fresh
     * transaction) when the commit conflicts, as {@link #retryPolicy()} says: bounded in attempts
     * and in time, pausing the thread briefly between later attempts. The body must therefore be
     * free of side effects outside the transaction (work to do after the commit belongs in a
     * {@link Transaction#afterCompletion} hook). An interrupted thread gets no further attempt;
     * its interrupt flag stays set.
     *
     * @throws ConflictException when every attempt conflicted
     */
    default <T> T run(TransactionBody<T> body) {
        return run(ReadMode.SNAPSHOT, body);
    }

    /**
     * {@link #run(TransactionBody)} with transactions that read as {@code mode} says; each attempt
     * begins a fresh one.
     *
     * @throws ConflictException when every attempt conflicted
     */
    default <T> T run(ReadMode mode, TransactionBody<T> body) {
        ConflictBackoff backoff = null;
        while (true) {
            try (Transaction tx = begin(mode)) {
                T result = body.apply(tx);
                tx.commit();
                return result;
            } catch (ConflictException e) {
                long now = System.nanoTime();
                if (backoff == null) {
                    backoff = retryPolicy().start(now, ThreadLocalRandom.current());
                }
                long pause = backoff.onFailure();
                if (!backoff.canAttempt(now + pause) || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (pause > 0) {
                    LockSupport.parkNanos(pause);
                }
            }
        }
    }

    /**
     * How {@link #run} retries conflicts on this backend. Called once per run that conflicted;
     * the default suits commits that cost tens of microseconds.
     */
    default RetryPolicy retryPolicy() {
        return RetryPolicy.DEFAULT;
    }

    /**
     * Flushes buffered state and releases resources. Idempotent and safe to call while other
     * threads are finishing calls: afterwards {@link #begin()}, {@link #snapshot()} and every call
     * on a still-open transaction or snapshot throw {@link StoreException}.
     */
    @Override
    void close();

    /** The work of one transaction; may run more than once. */
    @FunctionalInterface
    interface TransactionBody<T> {
        T apply(Transaction tx);
    }
}
