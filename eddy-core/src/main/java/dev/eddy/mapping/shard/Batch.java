package dev.eddy.mapping.shard;

import java.util.List;

/**
 * One invocation to make: the records, in shard order, on one lane of one shard.
 *
 * @param id identifies the invocation when its outcome is reported back; unique per processor
 * @param lane the lane (0 to ParallelizationFactor - 1); a lane has at most one batch in flight
 * @param records the records to send, in order; empty only for a tumbling window's final invoke
 * @param invocation 1 for the first invocation of these records, then 2, 3, ... on retries
 * @param window the tumbling window, or null when the mapping has none
 */
public record Batch(long id, int lane, List<ShardRecord> records, int invocation, Window window) {

    public Batch {
        records = List.copyOf(records);
    }
}
