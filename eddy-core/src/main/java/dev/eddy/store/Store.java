package dev.eddy.store;

/**
 * An ordered, transactional key-value store: the one source of truth of Eddy.
 *
 * <p>Keys and values are byte arrays; keys are ordered by unsigned lexicographic byte order.
 * Everything above this interface (tables, indexes, streams, functions, mappings) is written once
 * against it; backends (memory, RocksDB, PostgreSQL) implement only this SPI and never let their
 * own types cross it.
 *
 * <p>Transactions are optimistic: a {@link Transaction} reads the latest committed state plus its
 * own writes; {@link Transaction#commit()} fails with {@link ConflictException} when a key that the
 * transaction read with {@link ReadView#get} or wrote was committed by another transaction after
 * this one began. Read-check-write on single keys is therefore atomic. Range scans inside a
 * transaction are not conflict-checked (phantoms are possible); use a snapshot for consistent
 * multi-key reads.
 *
 * <p>Implementations are thread-safe; each {@link Transaction} is used by one thread at a time.
 */
public interface Store extends AutoCloseable {

    /** Starts a read-write transaction. The caller must close it; close without commit rolls back. */
    Transaction begin();

    /** A consistent, read-only, point-in-time view of the committed state. The caller must close it. */
    ReadView snapshot();

    /**
     * Runs {@code body} in a new transaction and commits it, running it again (in a fresh
     * transaction) when the commit conflicts, up to a bounded number of attempts. The body must
     * therefore be free of side effects outside the transaction.
     *
     * @throws ConflictException when every attempt conflicted
     */
    default <T> T run(TransactionBody<T> body) {
        ConflictException last = null;
        for (int attempt = 0; attempt < 64; attempt++) {
            try (Transaction tx = begin()) {
                T result = body.apply(tx);
                tx.commit();
                return result;
            } catch (ConflictException e) {
                last = e;
                Thread.onSpinWait();
            }
        }
        throw last;
    }

    /** Flushes buffered state and releases resources. Idempotent. */
    @Override
    void close();

    /** The work of one transaction; may run more than once. */
    @FunctionalInterface
    interface TransactionBody<T> {
        T apply(Transaction tx);
    }
}
