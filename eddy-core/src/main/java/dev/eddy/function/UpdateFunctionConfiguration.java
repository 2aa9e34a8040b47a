package dev.eddy.function;

import java.util.Map;

/**
 * A validated UpdateFunctionConfiguration request; null members stay unchanged.
 *
 * @param deadLetterTarget {@code DeadLetterConfig.TargetArn}: a queue ARN, the empty string to
 *     remove the dead-letter queue, or null to keep it
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
        String deadLetterTarget) {

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
