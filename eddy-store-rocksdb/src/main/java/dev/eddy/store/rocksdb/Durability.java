package dev.eddy.store.rocksdb;

/** What a commit that returned survives. Chosen when the store is opened. */
public enum Durability {

    /**
     * The write-ahead log is fsynced before every commit returns: acknowledged writes survive power
     * loss and operating-system crashes. Concurrent commits share an fsync (group commit), but each
     * committing thread waits for the disk.
     */
    SYNC,

    /**
     * The write-ahead log is written (handed to the operating system) but not fsynced before a
     * commit returns: acknowledged writes survive the process being killed, including
     * {@code kill -9}, but the last moments of writes may be lost on power loss or an
     * operating-system crash. The default.
     */
    PROCESS,

    /**
     * No write-ahead log: the fastest, but a crash of the process loses the writes that were not yet
     * flushed from memory to table files (up to a memtable's worth). A clean
     * {@link RocksDbStore#close()} flushes them.
     */
    NONE
}
