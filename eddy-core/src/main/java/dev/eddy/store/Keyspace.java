package dev.eddy.store;

/**
 * The first byte of every key: which kind of record it is. FROZEN: data on disk depends on these
 * values; add new ones at the end, never renumber or reuse one.
 */
public enum Keyspace {
    /** ("meta", ...) table descriptions and counters. */
    META(0x01),
    /** (tableId, pk, sk) items. */
    ITEM(0x02),
    /** (tableId, indexId, ipk, isk, pk, sk) secondary index entries. */
    INDEX(0x03),
    /** (tableId, expiresAt, pk, sk) TTL index. */
    TTL(0x04),
    /** (streamId, ...) stream shards and records. */
    STREAM(0x05),
    /** (name) function configuration and code. */
    FUNCTION(0x06),
    /** (uuid) event source mappings. */
    MAPPING(0x07),
    /** (uuid, shardId) mapping checkpoints. */
    CHECKPOINT(0x08),
    /** (uuid, shardId) shard leases between nodes. */
    LEASE(0x09),
    /** (name, seq) on-failure queue messages. */
    QUEUE(0x0A);

    private final byte prefix;

    Keyspace(int prefix) {
        this.prefix = (byte) prefix;
    }

    public byte prefix() {
        return prefix;
    }
}
