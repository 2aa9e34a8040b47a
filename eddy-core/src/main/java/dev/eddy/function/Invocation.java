package dev.eddy.function;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * One invocation as a runtime sees it. Its time budget is measured on {@code clock}, the clock
 * the function service was built with, so one clock rules timeouts and what the handler's
 * {@code getRemainingTimeInMillis()} reports; a runtime never reads the wall clock for them.
 *
 * @param requestId the request id (context.getAwsRequestId())
 * @param invokedFunctionArn the ARN the caller used, with its qualifier when it gave one
 * @param payload the raw event bytes
 * @param deadline the instant on {@code clock} after which the invocation times out
 * @param clock the service's clock
 * @param clientContext the decoded X-Amz-Client-Context JSON, or null
 */
public record Invocation(
        String requestId,
        String invokedFunctionArn,
        byte[] payload,
        Instant deadline,
        InstantSource clock,
        String clientContext) {

    /** The time left before {@link #deadline()} on the service's clock; zero once it passed. */
    public Duration remainingTime() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
