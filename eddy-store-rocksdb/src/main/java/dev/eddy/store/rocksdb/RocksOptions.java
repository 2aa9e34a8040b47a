package dev.eddy.store.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.Filter;
import org.rocksdb.Priority;

/**
 * The RocksDB options {@link RocksDbStore} opens its database with: the database's, the default
 * family's and the separate families' ({@link Families}), each choice with the measurement behind
 * it in docs/benchmarks.md. The caller owns and closes what these return.
 */
final class RocksOptions {

    /** Block cache shared by reads; modest so that a small server stays small. */
    static final long BLOCK_CACHE_BYTES = 64L << 20;

    static final long WRITE_BUFFER_BYTES = 32L << 20;
    /**
     * The memtable of a separate family ({@link Families}): twice the default's. A
     * NEW_AND_OLD_IMAGES record holds two copies of its item, so with equal memtables the stream
     * family filled first and, flushing atomically, took the default family's memtable along at
     * about half full: twice the flushes and table files in both families, each rewritten again by
     * compactions.
     */
    static final long SEPARATE_WRITE_BUFFER_BYTES = 2 * WRITE_BUFFER_BYTES;
    /**
     * Sorted runs in a separate family before universal compaction merges them (RocksDB's default
     * is 4). Records are read by range from one shard's position on, so a few more runs cost a
     * reader little, and each record is rewritten fewer times.
     */
    static final int SEPARATE_COMPACTION_TRIGGER = 8;
    /**
     * Obsolete write-ahead log files kept for reuse: one log is written at a time, and one waits
     * while the memtables of the previous one are flushed.
     */
    static final long RECYCLED_LOG_FILES = 2;

    private RocksOptions() {}

    static DBOptions server(Durability durability) {
        // compactions yield the CPU to request threads (and flushes), which keeps request latency
        // tails short on small machines; they still run whenever a core is idle
        Env.getDefault().lowerThreadPoolCPUPriority(Priority.LOW);
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // one write may touch several families: their memtables are flushed together, so
                // that a crash never keeps a write in one family without the other, with the WAL
                // off (durability NONE) too; it also measured cheaper than flushing each family at
                // its own pace (docs/benchmarks.md)
                .setAtomicFlush(true)
                .setMaxBackgroundJobs(2)
                .setBytesPerSync(1 << 20)
                .setKeepLogFileNum(5)
                .setMaxLogFileSize(16L << 20)
                // a write-ahead log file no longer needed is written over again instead of a new
                // file: appending to a new file made the kernel allocate, zero and account a page
                // cache page for every 4 KB written (about half of what a streamed write's larger
                // log entry added; the measured gain is small, docs/benchmarks.md); stale records
                // in a reused file are told apart by the log number each record carries. Not without
                // a log (NONE): a reused file's recovery relies on consecutive sequence numbers,
                // which writes without a log skip.
                .setRecycleLogFileNum(durability == Durability.NONE ? 0 : RECYCLED_LOG_FILES);
    }

    /**
     * The options of the separate families: universal compaction. Every flush holds new records of
     * every shard, so its key range spans the older records of the shards in between, which
     * leveled compaction then rewrote again and again; universal compaction merges whole runs by
     * size and measured a third less CPU per streamed write (docs/benchmarks.md). A larger
     * memtable and a later compaction trigger halved the compactions' rewrites of records and
     * items per streamed write (docs/benchmarks.md).
     */
    static ColumnFamilyOptions separateFamily(ColumnFamilyOptions base) {
        return new ColumnFamilyOptions(base)
                .setCompactionStyle(CompactionStyle.UNIVERSAL)
                .setWriteBufferSize(SEPARATE_WRITE_BUFFER_BYTES)
                .setLevel0FileNumCompactionTrigger(SEPARATE_COMPACTION_TRIGGER);
    }

    static ColumnFamilyOptions family(Cache blockCache, Filter bloomFilter) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(bloomFilter) // point reads of absent keys skip table files
                // index and filter blocks stay in the table readers' memory: cached in the block
                // cache they were evicted by data blocks and re-read on every point read once the
                // data outgrew the cache, which cut write throughput by three quarters
                .setCacheIndexAndFilterBlocks(false)
                .setBlockSize(16 << 10);
        return new ColumnFamilyOptions()
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setTableFormatConfig(table);
    }
}
