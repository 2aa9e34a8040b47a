package dev.eddy.stream;

import java.util.List;

/**
 * Records read from a shard.
 *
 * @param next the position to read from next (pass it as {@code afterSeq})
 * @param shardEnd the shard is closed and every record of it was read: go on with its children
 */
public record ReadBatch(List<ChangeRecord> records, long next, boolean shardEnd) {
}
