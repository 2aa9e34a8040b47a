package dev.eddy.mapping.shard;

import java.util.List;

/**
 * Records given up on (spec 4.6, 4.9): what the on-failure destination record describes.
 *
 * @param records the discarded records, in order (the destination's sequence range and batchSize)
 * @param condition why they were given up
 * @param approximateInvokeCount invocations made (1 when none was: the record-age case)
 * @param invoked false when no invocation of these records was made: the destination record then
 *     has no {@code responseContext}
 * @param functionError the last attempt's function error type ({@code Unhandled}), or null when it
 *     failed through its response (ReportBatchItemFailures) or was never invoked
 */
public record FailedBatch(
        List<ShardRecord> records,
        Condition condition,
        int approximateInvokeCount,
        boolean invoked,
        String functionError) {

    public FailedBatch {
        records = List.copyOf(records);
    }

    /** {@code requestContext.condition} of the destination record. */
    public enum Condition {
        RetryAttemptsExhausted,
        RecordAgeExceeded
    }
}
