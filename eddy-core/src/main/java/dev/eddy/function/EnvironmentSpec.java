package dev.eddy.function;

import java.util.Map;

/**
 * What a runtime needs to start an environment: the function's code and handler, and the complete
 * process environment its code must see (the function's variables plus those Lambda sets).
 */
public record EnvironmentSpec(
        String functionName,
        String functionArn,
        String version,
        String runtime,
        String handler,
        int memorySize,
        int timeoutSeconds,
        String logGroupName,
        String logStreamName,
        Map<String, String> environment,
        FunctionRuntime.PreparedCode code) {

    public EnvironmentSpec {
        environment = Map.copyOf(environment);
    }
}
