package dev.eddy.function;

import java.util.Map;

/** A validated UpdateFunctionConfiguration request; null members stay unchanged. */
public record UpdateFunctionConfiguration(
        String runtime,
        String role,
        String handler,
        String description,
        Integer timeout,
        Integer memorySize,
        Map<String, String> environment,
        Integer ephemeralStorageSize,
        String revisionId) {}
