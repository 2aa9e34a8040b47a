package dev.eddy.mapping.shard;

import java.time.Duration;
import java.util.Objects;

/**
 * A mapping's processing settings as the shard processor needs them, in the units and ranges of
 * CreateEventSourceMapping (spec 4.1). The constructor checks the ranges.
 *
 * @param batchSize 1 to 10,000
 * @param maximumBatchingWindowInSeconds 0 to 300
 * @param parallelizationFactor 1 to 10 lanes per shard
 * @param maximumRetryAttempts -1 (infinite) or 0 to 10,000 retries after the first attempt
 * @param maximumRecordAgeInSeconds -1 (infinite) or 60 to 604,800
 * @param bisectBatchOnFunctionError split a batch that fails with a function error (spec 4.7)
 * @param reportBatchItemFailures FunctionResponseTypes contains ReportBatchItemFailures (spec 4.8)
 * @param tumblingWindowInSeconds 0 (none) to 900
 * @param onFailureDestination whether a destination is configured (else given-up records are only
 *     dropped)
 * @param retention how long the source keeps a record (24 hours for a stream)
 * @param payloadLimitBytes the invoke payload cap (6 MB)
 * @param backoff the retry delays
 */
public record ShardSettings(
        int batchSize,
        int maximumBatchingWindowInSeconds,
        int parallelizationFactor,
        int maximumRetryAttempts,
        int maximumRecordAgeInSeconds,
        boolean bisectBatchOnFunctionError,
        boolean reportBatchItemFailures,
        int tumblingWindowInSeconds,
        boolean onFailureDestination,
        Duration retention,
        long payloadLimitBytes,
        Backoff backoff) {

    /** The synchronous invoke payload limit: 6 MB. */
    public static final long PAYLOAD_LIMIT = 6L * 1024 * 1024;

    /** How long a stream keeps its records. */
    public static final Duration STREAM_RETENTION = Duration.ofHours(24);

    public ShardSettings {
        check("BatchSize", batchSize, 1, 10_000);
        check("MaximumBatchingWindowInSeconds", maximumBatchingWindowInSeconds, 0, 300);
        check("ParallelizationFactor", parallelizationFactor, 1, 10);
        if (maximumRetryAttempts != -1) {
            check("MaximumRetryAttempts", maximumRetryAttempts, 0, 10_000);
        }
        if (maximumRecordAgeInSeconds != -1) {
            check("MaximumRecordAgeInSeconds", maximumRecordAgeInSeconds, 60, 604_800);
        }
        check("TumblingWindowInSeconds", tumblingWindowInSeconds, 0, 900);
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(backoff, "backoff");
        if (payloadLimitBytes <= 0) {
            throw new IllegalArgumentException("payloadLimitBytes " + payloadLimitBytes);
        }
    }

    /** AWS's defaults for a DynamoDB stream mapping (spec 4.1). */
    public static ShardSettings defaults() {
        return new ShardSettings(
                100, 0, 1, -1, -1, false, false, 0, false, STREAM_RETENTION, PAYLOAD_LIMIT, Backoff.DEFAULT);
    }

    public ShardSettings withBatchSize(int value) {
        return new ShardSettings(
                value,
                maximumBatchingWindowInSeconds,
                parallelizationFactor,
                maximumRetryAttempts,
                maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError,
                reportBatchItemFailures,
                tumblingWindowInSeconds,
                onFailureDestination,
                retention,
                payloadLimitBytes,
                backoff);
    }

    public ShardSettings withBatchingWindow(int seconds) {
        return new ShardSettings(
                batchSize,
                seconds,
                parallelizationFactor,
                maximumRetryAttempts,
                maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError,
                reportBatchItemFailures,
                tumblingWindowInSeconds,
                onFailureDestination,
                retention,
                payloadLimitBytes,
                backoff);
    }

    public ShardSettings withParallelizationFactor(int value) {
        return new ShardSettings(
                batchSize,
                maximumBatchingWindowInSeconds,
                value,
                maximumRetryAttempts,
                maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError,
                reportBatchItemFailures,
                tumblingWindowInSeconds,
                onFailureDestination,
                retention,
                payloadLimitBytes,
                backoff);
    }

    /** Retry and age limits, and whether a destination is configured. */
    public ShardSettings withFailureHandling(int retries, int maxAgeSeconds, boolean destination) {
        return new ShardSettings(
                batchSize,
                maximumBatchingWindowInSeconds,
                parallelizationFactor,
                retries,
                maxAgeSeconds,
                bisectBatchOnFunctionError,
                reportBatchItemFailures,
                tumblingWindowInSeconds,
                destination,
                retention,
                payloadLimitBytes,
                backoff);
    }

    /** BisectBatchOnFunctionError and ReportBatchItemFailures. */
    public ShardSettings withResponseHandling(boolean bisect, boolean reportItemFailures) {
        return new ShardSettings(
                batchSize,
                maximumBatchingWindowInSeconds,
                parallelizationFactor,
                maximumRetryAttempts,
                maximumRecordAgeInSeconds,
                bisect,
                reportItemFailures,
                tumblingWindowInSeconds,
                onFailureDestination,
                retention,
                payloadLimitBytes,
                backoff);
    }

    public ShardSettings withTumblingWindow(int seconds) {
        return new ShardSettings(
                batchSize,
                maximumBatchingWindowInSeconds,
                parallelizationFactor,
                maximumRetryAttempts,
                maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError,
                reportBatchItemFailures,
                seconds,
                onFailureDestination,
                retention,
                payloadLimitBytes,
                backoff);
    }

    public ShardSettings withPayloadLimit(long bytes) {
        return new ShardSettings(
                batchSize,
                maximumBatchingWindowInSeconds,
                parallelizationFactor,
                maximumRetryAttempts,
                maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError,
                reportBatchItemFailures,
                tumblingWindowInSeconds,
                onFailureDestination,
                retention,
                bytes,
                backoff);
    }

    /** The number of lanes: one when a tumbling window is set (windows are per shard). */
    int lanes() {
        return tumblingWindowInSeconds > 0 ? 1 : parallelizationFactor;
    }

    Duration batchingWindow() {
        return Duration.ofSeconds(maximumBatchingWindowInSeconds);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
    }

    /**
     * Delays between attempts of a failing batch: {@code initial}, doubling per consecutive failure up
     * to {@code max} (AWS does not document its timing, spec 4.6).
     */
    public record Backoff(Duration initial, Duration max) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

        public Backoff {
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff " + initial + ".." + max);
            }
        }

        /** The delay after the {@code failures}-th consecutive failure (1-based). */
        public Duration after(int failures) {
            int shift = Math.min(Math.max(failures - 1, 0), 30);
            Duration d = initial.multipliedBy(1L << shift);
            return d.compareTo(max) > 0 ? max : d;
        }
    }
}
