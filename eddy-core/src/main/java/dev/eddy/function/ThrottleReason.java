package dev.eddy.function;

/**
 * Why an invocation was refused for lack of concurrency: the {@code Reason} member of Lambda's
 * {@code TooManyRequestsException} (the constant's name is the wire value). Lambda's other reasons
 * ({@code FunctionInvocationRateLimitExceeded}, {@code CallerRateLimitExceeded}, ...) come from
 * request-rate limits, which Eddy does not enforce.
 */
public enum ThrottleReason {
    /** The function's reserved concurrency is in use (or is 0). */
    ReservedFunctionConcurrentInvocationLimitExceeded,
    /** The account's unreserved concurrency is in use. */
    ConcurrentInvocationLimitExceeded
}
