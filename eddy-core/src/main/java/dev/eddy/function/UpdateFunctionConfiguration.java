package dev.eddy.function;

import java.util.List;
import java.util.Map;

/**
 * A validated UpdateFunctionConfiguration request; null members stay unchanged.
 *
 * @param deadLetterTarget {@code DeadLetterConfig.TargetArn}: a queue ARN, the empty string to
 *     remove the dead-letter queue, or null to keep it
 * @param layers layer version ARNs replacing the function's layers (empty: none), null to keep them
 */
public record UpdateFunctionConfiguration(
        String runtime,
        String role,
        String handler,
        String description,
        Integer timeout,
        Integer memorySize,
        Map<String, String> environment,
        Integer ephemeralStorageSize,
        String revisionId,
        String deadLetterTarget,
        List<String> layers) {

    /** An update that leaves the layers as they are. */
    public UpdateFunctionConfiguration(
            String runtime,
            String role,
            String handler,
            String description,
            Integer timeout,
            Integer memorySize,
            Map<String, String> environment,
            Integer ephemeralStorageSize,
            String revisionId,
            String deadLetterTarget) {
        this(
                runtime,
                role,
                handler,
                description,
                timeout,
                memorySize,
                environment,
                ephemeralStorageSize,
                revisionId,
                deadLetterTarget,
                null);
    }

    /** An update that leaves the dead-letter queue as it is. */
    public UpdateFunctionConfiguration(
            String runtime,
            String role,
            String handler,
            String description,
            Integer timeout,
            Integer memorySize,
            Map<String, String> environment,
            Integer ephemeralStorageSize,
            String revisionId) {
        this(
                runtime,
                role,
                handler,
                description,
                timeout,
                memorySize,
                environment,
                ephemeralStorageSize,
                revisionId,
                null);
    }
}
