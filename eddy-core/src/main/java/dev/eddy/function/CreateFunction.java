package dev.eddy.function;

import java.util.List;
import java.util.Map;

/**
 * A validated CreateFunction request (the adapter checks shapes, patterns and ranges). Optional
 * members are null when absent; the service applies Lambda's defaults.
 *
 * @param deadLetterTarget {@code DeadLetterConfig.TargetArn} (a queue ARN), null or empty for none
 * @param layers layer version ARNs, null for none
 */
public record CreateFunction(
        String name,
        String runtime,
        String role,
        String handler,
        String description,
        Integer timeout,
        Integer memorySize,
        Map<String, String> environment,
        byte[] zipFile,
        List<String> architectures,
        Integer ephemeralStorageSize,
        Map<String, String> tags,
        String deadLetterTarget,
        List<String> layers) {

    /** A function without layers. */
    public CreateFunction(
            String name,
            String runtime,
            String role,
            String handler,
            String description,
            Integer timeout,
            Integer memorySize,
            Map<String, String> environment,
            byte[] zipFile,
            List<String> architectures,
            Integer ephemeralStorageSize,
            Map<String, String> tags,
            String deadLetterTarget) {
        this(
                name,
                runtime,
                role,
                handler,
                description,
                timeout,
                memorySize,
                environment,
                zipFile,
                architectures,
                ephemeralStorageSize,
                tags,
                deadLetterTarget,
                null);
    }

    /** A function without a dead-letter queue. */
    public CreateFunction(
            String name,
            String runtime,
            String role,
            String handler,
            String description,
            Integer timeout,
            Integer memorySize,
            Map<String, String> environment,
            byte[] zipFile,
            List<String> architectures,
            Integer ephemeralStorageSize,
            Map<String, String> tags) {
        this(
                name,
                runtime,
                role,
                handler,
                description,
                timeout,
                memorySize,
                environment,
                zipFile,
                architectures,
                ephemeralStorageSize,
                tags,
                null);
    }
}
