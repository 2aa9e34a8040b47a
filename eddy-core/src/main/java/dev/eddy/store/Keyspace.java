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
    QUEUE(0x0A),
    /** ("queue", name) SQS queue descriptors; ("next-id") the last queue id handed out. */
    QUEUE_META(0x0B),
    /** (queueId, sentMillis, messageId) SQS messages. */
    QUEUE_MESSAGE(0x0C),
    /** (queueId, visibleAtMillis, sentMillis, messageId) when each SQS message is next receivable. */
    QUEUE_VISIBILITY(0x0D);

    private final byte prefix;

    Keyspace(int prefix) {
        this.prefix = (byte) prefix;
    }

    public byte prefix() {
        return prefix;
    }

    /** The store key of {@code tuple} in this keyspace: the prefix byte, then the packed tuple. */
    public byte[] key(Tuple tuple) {
        byte[] packed = tuple.pack();
        byte[] key = new byte[packed.length + 1];
        key[0] = prefix;
        System.arraycopy(packed, 0, key, 1, packed.length);
        return key;
    }

    /** Every key of this keyspace whose tuple extends {@code tuple}. */
    public KeyRange range(Tuple tuple) {
        KeyRange inner = tuple.range();
        byte[] begin = new byte[inner.begin().length + 1];
        begin[0] = prefix;
        System.arraycopy(inner.begin(), 0, begin, 1, inner.begin().length);
        byte[] end;
        if (inner.end() == null) {
            end = prefix == (byte) 0xFF ? null : new byte[] {(byte) (prefix + 1)};
        } else {
            end = new byte[inner.end().length + 1];
            end[0] = prefix;
            System.arraycopy(inner.end(), 0, end, 1, inner.end().length);
        }
        return new KeyRange(begin, end);
    }
}
