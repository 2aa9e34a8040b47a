package dev.eddy.function;

import java.util.List;
import java.util.Map;

/**
 * A validated CreateFunction request (the adapter checks shapes, patterns and ranges). Optional
 * members are null when absent; the service applies Lambda's defaults.
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
        Map<String, String> tags) {}
