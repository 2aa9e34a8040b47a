package dev.eddy.mapping;

import java.util.List;

/**
 * The settings of an event source mapping that Create sets and Update may change, each with
 * Lambda's default already applied ({@link #DEFAULTS}); validated before they get here.
 *
 * @param batchSize records per invocation at most (1 to 10,000)
 * @param maximumBatchingWindowInSeconds how long to gather a batch (0 to 300)
 * @param parallelizationFactor concurrent batches per shard (1 to 10)
 * @param maximumRetryAttempts retries after the first attempt (-1: until the records expire)
 * @param maximumRecordAgeInSeconds older records are discarded (-1: never)
 * @param tumblingWindowInSeconds 0: no tumbling window
 * @param functionResponseTypes empty, or {@code ReportBatchItemFailures}
 * @param onFailureDestination the on-failure destination's ARN, or null
 * @param filterPatterns the FilterCriteria patterns, or null when the mapping has no FilterCriteria
 * @param metrics the MetricsConfig metrics, or null when not configured
 * @param kmsKeyArn the key that encrypts the filter criteria, or null
 */
public record MappingSettings(
        boolean enabled,
        int batchSize,
        int maximumBatchingWindowInSeconds,
        int parallelizationFactor,
        int maximumRetryAttempts,
        int maximumRecordAgeInSeconds,
        boolean bisectBatchOnFunctionError,
        int tumblingWindowInSeconds,
        List<String> functionResponseTypes,
        String onFailureDestination,
        List<String> filterPatterns,
        List<String> metrics,
        String kmsKeyArn) {

    /** Lambda's defaults for a DynamoDB stream (aws-semantics 4.1). */
    public static final MappingSettings DEFAULTS =
            new MappingSettings(true, 100, 0, 1, -1, -1, false, 0, List.of(), null, null, null, null);

    public MappingSettings {
        functionResponseTypes = List.copyOf(functionResponseTypes);
        filterPatterns = filterPatterns == null ? null : List.copyOf(filterPatterns);
        metrics = metrics == null ? null : List.copyOf(metrics);
    }

    /** Whether the function reports partial batch failures (ReportBatchItemFailures). */
    public boolean reportBatchItemFailures() {
        return functionResponseTypes.contains(MappingValidation.REPORT_BATCH_ITEM_FAILURES);
    }
}
