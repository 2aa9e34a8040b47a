package dev.eddy.mapping.checkpoint;

/**
 * How far a mapping has processed one shard: every record up to and including {@code sequence}
 * was delivered (or sent to the on-failure destination, or filtered out, or dropped by policy).
 *
 * @param sequence the last processed record's sequence number ({@code ChangeRecord.sequence()})
 * @param shardEnded true when the shard is closed and every record of it was processed, so that
 *     its children may start
 */
public record Checkpoint(long sequence, boolean shardEnded) {}
