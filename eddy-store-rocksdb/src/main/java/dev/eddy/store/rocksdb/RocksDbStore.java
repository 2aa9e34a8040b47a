package dev.eddy.store.rocksdb;

import dev.eddy.store.ConflictException;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadMode;
import dev.eddy.store.ReadView;
import dev.eddy.store.RetryPolicy;
import dev.eddy.store.Store;
import dev.eddy.store.StoreException;
import dev.eddy.store.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Filter;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.OptimisticTransactionDB;
import org.rocksdb.OptimisticTransactionOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded, on-disk {@link Store}: a RocksDB {@code OptimisticTransactionDB} in one directory.
 * Stream records and shards have a column family of their own, everything else shares the default
 * one ({@link Families}); a transaction spans both, and their memtables are flushed together
 * (atomic flush), so a crash never keeps a write in one family without the other.
 *
 * <p>Transactions take a RocksDB snapshot when they begin and read through it; every key they
 * read with {@code get} (RocksDB's {@code GetForUpdate}) or write is validated at commit against
 * writes committed since, so a lost race surfaces as {@link ConflictException} and nothing is
 * written. A {@link ReadMode#LATEST} transaction takes no snapshot when it begins: its
 * {@code get}s read the latest committed values and RocksDB tracks each key from the sequence
 * number current at that read or write (taken before the read, so a commit between the two fails
 * the transaction rather than going unnoticed); its first scan or range clear takes the snapshot
 * that its later scans use. Range scans merge the snapshot with the transaction's own writes
 * (RocksDB's transaction iterator) and are not validated. {@code clearRange} iterates the range and deletes each key it
 * sees inside the transaction, because RocksDB transactions have no range delete.
 *
 * <p>How far a returned commit is durable is the {@link Durability} given to {@link #open}.
 *
 * <p>Thread-safe. Every call into RocksDB holds a shared lifecycle lock and {@link #close()} the
 * exclusive one, so closing waits for calls in progress and later calls fail with
 * {@link StoreException} instead of touching freed native memory. Calls are short JNI calls (a
 * scan reads at most its limit), but they pin a virtual thread's carrier while they run.
 */
public final class RocksDbStore implements Store {

    /** Keys per iterator pass of clearRange: the iterator is not kept open across deletes. */
    static final int CLEAR_BATCH = 1024;

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Durability durability;
    private final Cache blockCache;
    private final Filter bloomFilter;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    /** For the separate families ({@link Families}): logs written in order and read by range. */
    private final ColumnFamilyOptions logOptions;

    private final WriteOptions writeOptions;
    private final OptimisticTransactionOptions transactionOptions;
    /** For {@link ReadMode#LATEST}: no snapshot when the transaction begins. */
    private final OptimisticTransactionOptions latestOptions;
    /** Read options without a snapshot, shared by the gets of every LATEST transaction (never changed). */
    private final ReadOptions latestReads;

    private final OptimisticTransactionDB db;
    /** Every family handle of {@link #db}, closed before it. */
    private final List<ColumnFamilyHandle> handles;

    final Families families;

    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Written under the exclusive lock, read under the shared one. */
    private boolean closed;
    /** Open transactions and snapshots, released by {@link #close()} if their owners did not. */
    private final Set<NativeResource> open = ConcurrentHashMap.newKeySet();

    private RocksDbStore(Path directory, Durability durability) throws RocksDBException {
        this.directory = directory;
        this.durability = durability;
        this.blockCache = new LRUCache(RocksOptions.BLOCK_CACHE_BYTES);
        this.bloomFilter = new BloomFilter(10);
        this.options = RocksOptions.server(durability);
        this.familyOptions = RocksOptions.family(blockCache, bloomFilter);
        this.logOptions = RocksOptions.separateFamily(familyOptions);
        this.writeOptions =
                new WriteOptions().setSync(durability == Durability.SYNC).setDisableWAL(durability == Durability.NONE);
        this.transactionOptions = new OptimisticTransactionOptions().setSetSnapshot(true);
        this.latestOptions = new OptimisticTransactionOptions().setSetSnapshot(false);
        this.latestReads = new ReadOptions();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(Families.defaultName(), familyOptions));
        for (var keyspace : Families.separateKeyspaces()) {
            descriptors.add(new ColumnFamilyDescriptor(Families.name(keyspace), logOptions));
        }
        List<ColumnFamilyHandle> opened = new ArrayList<>();
        OptimisticTransactionDB database;
        try {
            database = OptimisticTransactionDB.open(options, directory.toString(), descriptors, opened);
        } catch (RocksDBException e) {
            closeOptions();
            throw e;
        }
        this.db = database;
        this.handles = opened;
        this.families = new Families(opened.getFirst(), opened.subList(1, opened.size()));
        try {
            moveIntoFamilies();
        } catch (RocksDBException | RuntimeException e) {
            closeDatabase();
            throw e;
        }
    }

    /**
     * Moves keys of a separate family's keyspace that are still in the default family (written
     * before that keyspace had its own family) into their family, in batches that each move their
     * keys atomically, so an interrupted move resumes at the next open and loses nothing.
     */
    private void moveIntoFamilies() throws RocksDBException {
        KeyRange all = new KeyRange(new byte[0], null);
        Families.ReadOptionsFactory latest = new Families.ReadOptionsFactory() {
            @Override
            public ReadOptions readOptions() {
                return new ReadOptions();
            }

            @Override
            public RocksIterator iterator(ReadOptions options, ColumnFamilyHandle family) {
                return db.newIterator(family, options);
            }
        };
        try (WriteOptions synced = new WriteOptions().setSync(true)) {
            for (Families.Part part : families.parts(all)) {
                if (part.family() == families.defaultFamily()) {
                    continue;
                }
                while (true) {
                    List<KeyValue> batch = Families.scanPart(
                            latest, families.defaultFamily(), part.range(), CLEAR_BATCH, false, new ArrayList<>());
                    if (batch.isEmpty()) {
                        break;
                    }
                    try (WriteBatch move = new WriteBatch()) {
                        for (KeyValue kv : batch) {
                            move.put(part.family(), kv.key(), kv.value());
                            move.delete(families.defaultFamily(), kv.key());
                        }
                        db.write(synced, move);
                    }
                }
            }
        }
    }

    /**
     * Opens (creating if needed) the store in {@code directory}. One process at a time may open a
     * directory.
     *
     * @throws StoreException when the directory cannot be created, is locked by another process
     *     or holds a corrupt database
     */
    public static RocksDbStore open(Path directory, Durability durability) {
        try {
            Files.createDirectories(directory);
            return new RocksDbStore(directory, durability);
        } catch (IOException e) {
            throw new StoreException("cannot create " + directory, e);
        } catch (RocksDBException e) {
            throw new StoreException("cannot open RocksDB in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Opens with {@link Durability#PROCESS}. */
    public static RocksDbStore open(Path directory) {
        return open(directory, Durability.PROCESS);
    }

    public Path directory() {
        return directory;
    }

    public Durability durability() {
        return durability;
    }

    @Override
    public Transaction begin() {
        return begin(ReadMode.SNAPSHOT);
    }

    @Override
    public Transaction begin(ReadMode mode) {
        return call(() -> {
            RocksTransaction tx = switch (mode) {
                case SNAPSHOT -> RocksTransaction.snapshot(this, db.beginTransaction(writeOptions, transactionOptions));
                case LATEST ->
                    RocksTransaction.latest(this, db.beginTransaction(writeOptions, latestOptions), latestReads);
            };
            open.add(tx);
            return tx;
        });
    }

    /** A point read of the latest committed value: no snapshot and no read options to allocate. */
    @Override
    public byte[] get(byte[] key) {
        return call(() -> db.get(families.of(key), key));
    }

    /**
     * The default: a commit validates in memory and writes the WAL in a group, tens of
     * microseconds, so conflicts clear up within a few short pauses.
     */
    @Override
    public RetryPolicy retryPolicy() {
        return RetryPolicy.DEFAULT;
    }

    @Override
    public ReadView snapshot() {
        return call(() -> {
            RocksSnapshot s = new RocksSnapshot(this, db);
            open.add(s);
            return s;
        });
    }

    /**
     * Releases open transactions and snapshots, flushes the memtables to table files (which also
     * makes {@link Durability#NONE} writes durable) and closes the database. Waits for calls in
     * progress on other threads. Idempotent.
     *
     * @throws StoreException when the flush or close failed; the store is closed anyway
     */
    @Override
    public void close() {
        Lock exclusive = lifecycle.writeLock();
        exclusive.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (NativeResource r : open) {
                r.release();
            }
            open.clear();
            RocksDBException failure = null;
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush, handles);
            } catch (RocksDBException e) {
                failure = e;
            }
            RocksDBException closing = closeDatabase();
            failure = failure == null ? closing : failure;
            if (failure != null) {
                throw new StoreException("closing RocksDB in " + directory + ": " + failure.getMessage(), failure);
            }
        } finally {
            exclusive.unlock();
        }
    }

    /** Closes the family handles, the database and the options; returns what closing threw. */
    private RocksDBException closeDatabase() {
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        RocksDBException failure = null;
        try {
            db.closeE();
        } catch (RocksDBException e) {
            failure = e;
        }
        closeOptions();
        return failure;
    }

    private void closeOptions() {
        latestReads.close();
        latestOptions.close();
        transactionOptions.close();
        writeOptions.close();
        logOptions.close();
        familyOptions.close();
        options.close();
        bloomFilter.close();
        blockCache.close();
    }

    @Override
    public String toString() {
        return "RocksDbStore[" + directory + ", " + durability + "]";
    }

    // ---- shared by transactions and snapshots ----

    /** A RocksDB call that may throw its checked exception. */
    @FunctionalInterface
    interface NativeCall<T> {
        T run() throws RocksDBException;
    }

    /** Something holding native memory that {@link #close()} must free if its owner did not. */
    interface NativeResource {
        /** Frees the native objects. Called with the lifecycle lock held (shared or exclusive). */
        void release();
    }

    /**
     * Runs {@code body} under the shared lifecycle lock, failing if the store is closed, and
     * translates RocksDB's exceptions: Busy and TryAgain (a lost optimistic race, or memtable
     * history too short to check one) become {@link ConflictException}, the rest
     * {@link StoreException}.
     */
    <T> T call(NativeCall<T> body) {
        Lock shared = lifecycle.readLock();
        shared.lock();
        try {
            if (closed) {
                throw new StoreException("store is closed: " + directory, null);
            }
            return body.run();
        } catch (RocksDBException e) {
            throw translate(e);
        } finally {
            shared.unlock();
        }
    }

    /** Releases {@code r} unless {@link #close()} already did. */
    void releaseIfOpen(NativeResource r) {
        Lock shared = lifecycle.readLock();
        shared.lock();
        try {
            if (!closed && open.remove(r)) {
                r.release();
            }
        } finally {
            shared.unlock();
        }
    }

    static RuntimeException translate(RocksDBException e) {
        Status status = e.getStatus();
        Status.Code code = status == null ? null : status.getCode();
        if (code == Status.Code.Busy || code == Status.Code.TryAgain) {
            return new ConflictException("key changed by a concurrent commit (" + code + ")");
        }
        return new StoreException("RocksDB: " + e.getMessage(), e);
    }
}
