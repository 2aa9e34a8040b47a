package dev.eddy.function;

/**
 * One invocation as a runtime sees it.
 *
 * @param requestId the request id (context.getAwsRequestId())
 * @param invokedFunctionArn the ARN the caller used, with its qualifier when it gave one
 * @param payload the raw event bytes
 * @param deadlineMillis epoch milliseconds after which the invocation times out
 * @param clientContext the decoded X-Amz-Client-Context JSON, or null
 */
public record Invocation(String requestId, String invokedFunctionArn, byte[] payload, long deadlineMillis,
                         String clientContext) {
}
