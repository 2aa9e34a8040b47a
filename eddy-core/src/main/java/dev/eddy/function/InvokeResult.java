package dev.eddy.function;

/**
 * What Invoke answers.
 *
 * @param statusCode 200, 202 or 204
 * @param payload the function's result or error object; empty for 202/204
 * @param functionError {@code Unhandled} when the function failed, else null
 * @param logTail the last 4 KB of the invocation's log when the caller asked for it, else null
 * @param executedVersion the version that ran
 */
public record InvokeResult(String requestId, int statusCode, byte[] payload, String functionError, String logTail,
                           String executedVersion) {
}
