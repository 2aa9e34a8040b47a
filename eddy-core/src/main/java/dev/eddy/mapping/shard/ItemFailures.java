package dev.eddy.mapping.shard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a ReportBatchItemFailures response against its batch (spec 4.8). Pure functions.
 */
public final class ItemFailures {
    private ItemFailures() {}

    /** What a response means for its batch. */
    public sealed interface Verdict {}

    /** Every record succeeded. */
    public record AllSucceeded() implements Verdict {}

    /** The whole batch failed and is retried per policy. */
    public record AllFailed() implements Verdict {}

    /** Records before {@code index} succeeded; from it on they are retried. */
    public record FailedFrom(int index) implements Verdict {}

    /**
     * Success for no list, an empty list; complete failure when any identifier is null, empty or not
     * a record of the batch; else a failure from the lowest reported record.
     */
    public static Verdict classify(List<ShardRecord> batch, List<String> batchItemFailures) {
        if (batchItemFailures == null || batchItemFailures.isEmpty()) {
            return new AllSucceeded();
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            index.put(batch.get(i).id(), i);
        }
        int lowest = Integer.MAX_VALUE;
        for (String id : batchItemFailures) {
            Integer at = id == null || id.isEmpty() ? null : index.get(id);
            if (at == null) {
                return new AllFailed();
            }
            lowest = Math.min(lowest, at);
        }
        return lowest == 0 ? new AllFailed() : new FailedFrom(lowest);
    }
}
