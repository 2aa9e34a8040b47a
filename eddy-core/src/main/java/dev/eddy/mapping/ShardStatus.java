package dev.eddy.mapping;

import dev.eddy.mapping.shard.ShardMetrics;
import dev.eddy.mapping.shard.ShardProcessor;

/**
 * Where one event source mapping stands on one shard, as the processing engine reports it for
 * metrics, {@code eddy mappings} and the drain wait. Counters are cumulative since the node
 * started (a processor replaced after an update or a restart adds to them).
 *
 * @param uuid the mapping
 * @param functionArn the function it invokes (qualified when the mapping names a qualifier)
 * @param eventSourceArn the stream
 * @param shardId the shard
 * @param state the shard processor's state
 * @param metrics cumulative counters and the last iterator age
 * @param checkpoint the sequence number (wire form) of the last checkpoint, or null before the first
 * @param lag records of the shard not yet processed: read but not checkpointed, plus visible but
 *     not yet read
 */
public record ShardStatus(
        String uuid,
        String functionArn,
        String eventSourceArn,
        String shardId,
        ShardProcessor.State state,
        ShardMetrics metrics,
        String checkpoint,
        long lag) {}
