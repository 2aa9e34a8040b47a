package dev.eddy.function;

/**
 * How an Invoke ended, as a value: the function ran ({@link Success}, {@link FunctionError}), the
 * call was taken for later ({@link Accepted}, {@link Validated}), or it was refused before the
 * function ran ({@link Throttled}, {@link NotReady}). None of these is an exception, so an
 * in-process caller (an event source mapping) tells them apart with a {@code switch}; requests that
 * can never succeed (unknown function, invalid name, oversize payload) still throw {@link
 * dev.eddy.error.EddyException}.
 *
 * <p>Payload arrays are handed over, not copied: neither side changes them afterwards.
 */
public sealed interface InvocationResult {

    /**
     * The function returned.
     *
     * @param requestId the invocation's request id (the handler's {@code context.getAwsRequestId()})
     * @param payload the serialised result (JSON)
     * @param executedVersion the version that ran ({@code $LATEST})
     * @param logTail base64 of the last 4 KB of the invocation's log when the caller asked for it,
     *     else null
     */
    record Success(String requestId, byte[] payload, String executedVersion, String logTail)
            implements InvocationResult {}

    /**
     * The function ran and failed: it threw, timed out, exited, failed its init phase or returned
     * too much. Invoke still answers 200; {@code payload} is the error object.
     *
     * @param errorType the {@code X-Amz-Function-Error} value
     */
    record FunctionError(
            String requestId, byte[] payload, FunctionErrorType errorType, String executedVersion, String logTail)
            implements InvocationResult {}

    /** An asynchronous ({@code Event}) invocation was queued; it runs and retries in the background. */
    record Accepted(String requestId) implements InvocationResult {}

    /** A {@code DryRun}: the function exists, is ready and the caller may invoke it. Nothing ran. */
    record Validated(String requestId, String executedVersion) implements InvocationResult {}

    /**
     * No concurrency was free; the function did not run. A caller retries later (Lambda's 429
     * TooManyRequestsException).
     */
    record Throttled(ThrottleReason reason) implements InvocationResult {}

    /**
     * The function cannot run in its current state (still Pending after the wait, Failed, or code
     * not prepared); nothing ran.
     */
    record NotReady(String functionName, FunctionConfig.State state) implements InvocationResult {

        /** The message Lambda gives for this refusal. */
        public String message() {
            return "The operation cannot be performed at this time. The function is currently in the following "
                    + "state: " + state;
        }
    }
}
