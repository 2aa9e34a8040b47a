package dev.eddy.stream;

import dev.eddy.table.StreamViewType;
import java.util.List;

/**
 * A stream as DescribeStream shows it: one page of shards, in lineage order (every parent before
 * its children).
 *
 * @param status ENABLED or DISABLED (changes apply at once, so ENABLING and DISABLING are never seen)
 * @param rangeKey null when the table has no sort key
 * @param lastEvaluatedShardId null on the last page
 */
public record StreamDescription(
        String streamArn,
        String streamLabel,
        String status,
        StreamViewType viewType,
        long createdMillis,
        String tableName,
        String hashKey,
        String rangeKey,
        List<ShardInfo> shards,
        String lastEvaluatedShardId) {}
