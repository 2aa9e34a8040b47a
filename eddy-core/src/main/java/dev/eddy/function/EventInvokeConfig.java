package dev.eddy.function;

import java.time.Duration;
import java.util.Objects;

/**
 * A function's configuration for asynchronous invocation (PutFunctionEventInvokeConfig), stored
 * with the function. Members that were not set are null; {@link #retryAttempts()} and {@link
 * #maximumEventAge()} apply Lambda's defaults to them.
 *
 * @param functionName the function's name
 * @param qualifier the version it applies to ({@code $LATEST}, the only one Eddy has)
 * @param maximumRetryAttempts 0 to 2, or null
 * @param maximumEventAgeInSeconds 60 to 21,600, or null
 * @param onSuccess the ARN of the OnSuccess destination, or null
 * @param onFailure the ARN of the OnFailure destination, or null
 * @param lastModifiedMillis when it was last put or updated, in epoch milliseconds
 */
public record EventInvokeConfig(
        String functionName,
        String qualifier,
        Integer maximumRetryAttempts,
        Integer maximumEventAgeInSeconds,
        String onSuccess,
        String onFailure,
        long lastModifiedMillis) {

    /** Lambda's default number of retries after a function error. */
    public static final int DEFAULT_RETRY_ATTEMPTS = 2;
    /** Lambda's default maximum event age: six hours. */
    public static final int DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 21_600;

    public EventInvokeConfig {
        Objects.requireNonNull(functionName);
        Objects.requireNonNull(qualifier);
    }

    /** What applies to a function without a configuration. */
    static EventInvokeConfig defaults(String functionName) {
        return new EventInvokeConfig(functionName, FunctionConfig.LATEST, null, null, null, null, 0);
    }

    /** The retries allowed after a function error. */
    public int retryAttempts() {
        return maximumRetryAttempts == null ? DEFAULT_RETRY_ATTEMPTS : maximumRetryAttempts;
    }

    /** How long an event may wait in the queue before it is given up. */
    public Duration maximumEventAge() {
        return Duration.ofSeconds(
                maximumEventAgeInSeconds == null ? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS : maximumEventAgeInSeconds);
    }
}
