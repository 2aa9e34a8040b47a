package dev.eddy.mapping.target;

import dev.eddy.mapping.shard.InvokeOutcome;

/**
 * One invocation of a batch as the mapping saw it: the outcome for the shard processor and what
 * the on-failure record and LastProcessingResult need.
 *
 * @param outcome what the shard processor is told
 * @param requestId the invocation's request id, or null when the function did not run
 * @param statusCode the Invoke status: 200 when the function ran (also for a function error)
 * @param executedVersion the version that ran, or null when the function did not run
 * @param functionError {@code Unhandled} or {@code Handled} for a function error, else null
 * @param result the mapping's LastProcessingResult after this invocation
 */
public record Invoked(
        InvokeOutcome outcome,
        String requestId,
        int statusCode,
        String executedVersion,
        String functionError,
        String result) {

    /** LastProcessingResult after a successful invocation. */
    public static final String OK = "OK";
}
