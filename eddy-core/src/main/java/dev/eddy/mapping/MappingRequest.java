package dev.eddy.mapping;

import java.util.List;
import java.util.Map;

/**
 * The members of a CreateEventSourceMapping or UpdateEventSourceMapping request as the caller gave
 * them: null where a member was absent. Update ignores the create-only members
 * ({@code eventSourceArn}, {@code startingPosition}, {@code tags}).
 *
 * @param onFailureDestination DestinationConfig.OnFailure.Destination; "" when DestinationConfig was
 *     given without one (Update then removes the destination)
 * @param onSuccessDestination DestinationConfig.OnSuccess.Destination, which a stream mapping refuses
 * @param filterPatterns the FilterCriteria patterns; empty when FilterCriteria was given without
 *     filters (Update then removes them)
 */
public record MappingRequest(
        String eventSourceArn,
        String functionName,
        Boolean enabled,
        Integer batchSize,
        Integer maximumBatchingWindowInSeconds,
        String startingPosition,
        Integer parallelizationFactor,
        Integer maximumRetryAttempts,
        Integer maximumRecordAgeInSeconds,
        Boolean bisectBatchOnFunctionError,
        Integer tumblingWindowInSeconds,
        List<String> functionResponseTypes,
        String onFailureDestination,
        String onSuccessDestination,
        List<String> filterPatterns,
        List<String> metrics,
        String kmsKeyArn,
        Map<String, String> tags) {

    /** A request that names only the stream, the function and the starting position. */
    public static MappingRequest of(String eventSourceArn, String functionName, String startingPosition) {
        return new MappingRequest(
                eventSourceArn,
                functionName,
                null,
                null,
                null,
                startingPosition,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * The settings this request gives a mapping whose settings were {@code base}
     * ({@link MappingSettings#DEFAULTS} for a new one): each member given replaces the base's.
     */
    MappingSettings applyTo(MappingSettings base) {
        return new MappingSettings(
                or(enabled, base.enabled()),
                or(batchSize, base.batchSize()),
                or(maximumBatchingWindowInSeconds, base.maximumBatchingWindowInSeconds()),
                or(parallelizationFactor, base.parallelizationFactor()),
                or(maximumRetryAttempts, base.maximumRetryAttempts()),
                or(maximumRecordAgeInSeconds, base.maximumRecordAgeInSeconds()),
                or(bisectBatchOnFunctionError, base.bisectBatchOnFunctionError()),
                or(tumblingWindowInSeconds, base.tumblingWindowInSeconds()),
                or(functionResponseTypes, base.functionResponseTypes()),
                onFailureDestination == null
                        ? base.onFailureDestination()
                        : onFailureDestination.isEmpty() ? null : onFailureDestination,
                filterPatterns == null ? base.filterPatterns() : filterPatterns.isEmpty() ? null : filterPatterns,
                or(metrics, base.metrics()),
                or(kmsKeyArn, base.kmsKeyArn()));
    }

    private static <T> T or(T given, T base) {
        return given != null ? given : base;
    }
}
