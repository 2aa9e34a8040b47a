package dev.eddy.store;

/**
 * What the reads of a {@link Transaction} see, chosen when it begins ({@link Store#begin(ReadMode)},
 * {@link Store#run(ReadMode, Store.TransactionBody)}). In both modes a transaction sees its own
 * writes, scans are not conflict-checked, and the commit fails with {@link ConflictException} when
 * a key the transaction read with {@link ReadView#get get} was committed by another transaction
 * after that read; so read-check-write on single keys is atomic, and a transaction that commits
 * is as if it ran alone at its commit. The modes differ in what a transaction that does not commit
 * may have seen, and in cost.
 */
public enum ReadMode {
    /**
     * Every read sees the state committed when the transaction began (a snapshot), so two reads
     * agree with each other whether or not the transaction commits. A key read or written is
     * conflict-checked from the beginning: the commit fails when another transaction committed
     * it after this one began.
     */
    SNAPSHOT,

    /**
     * No snapshot is taken when the transaction begins. Each {@code get} sees a committed state
     * no older than the transaction's beginning and than any earlier {@code get} of it (on a
     * backend that implements this mode: the latest committed value). A key read with {@code get}
     * is conflict-checked from that read on, a key written from that write on (or both from an
     * earlier point, as {@link #SNAPSHOT} does). Scans and
     * {@link Transaction#clearRange} see one snapshot, taken by the transaction's first scan or
     * range clear, plus the transaction's own writes.
     *
     * <p>What is given up: two {@code get}s may see different instants, so a body that ends
     * without committing (it throws, for instance a failed condition) may have seen a combination
     * of values that never existed together. Use it where such a body's outcome rests on one key,
     * or where the body reads again what it concluded from before it gives up. It saves the
     * snapshot where taking one costs (RocksDB: native objects and the database mutex, per
     * transaction); a backend without such a cost runs it as {@link #SNAPSHOT}, which gives all of
     * the above.
     */
    LATEST
}
