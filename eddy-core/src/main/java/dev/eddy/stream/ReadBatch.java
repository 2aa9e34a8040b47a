package dev.eddy.stream;

import java.util.List;

/**
 * Records read from a shard ({@link StreamReader#read}).
 *
 * @param records in sequence number order, each visible (committed, and every lower number of
 *     the lineage resolved)
 * @param next where to read next; past the last record returned, or further when the numbers up
 *     to the visible end were gaps
 * @param shardEnd the shard is closed and every record of it was read: go on with its children
 */
public record ReadBatch(List<ChangeRecord> records, ShardPosition next, boolean shardEnd) {}
