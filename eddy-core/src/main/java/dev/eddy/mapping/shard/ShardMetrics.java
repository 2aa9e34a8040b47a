package dev.eddy.mapping.shard;

import java.time.Duration;

/**
 * The processor's counters (spec 6) as plain values, cumulative since it was created.
 *
 * @param polledEventCount records read, filtered ones included
 * @param filteredOutEventCount records the filter criteria dropped
 * @param failedInvokeEventCount records in invocations that failed or could not run
 * @param droppedEventCount records given up on (retries exhausted, too old, out of retention)
 * @param onFailureDestinationDeliveredEventCount records handed to the on-failure destination
 * @param iteratorAge age of the last record of the last invocation when it started (null before the
 *     first)
 * @param outstanding records read but not yet checkpointed (a lower bound of the lag)
 */
public record ShardMetrics(
        long polledEventCount,
        long filteredOutEventCount,
        long failedInvokeEventCount,
        long droppedEventCount,
        long onFailureDestinationDeliveredEventCount,
        Duration iteratorAge,
        int outstanding) {}
