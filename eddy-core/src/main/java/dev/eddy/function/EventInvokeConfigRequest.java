package dev.eddy.function;

/**
 * A Put or Update of a function's event invoke configuration, as the adapter parsed it (shapes and
 * ranges checked). A null member was not given: Put leaves it unset, Update keeps its current
 * value. A destination given as the empty string (or as an {@code OnSuccess}/{@code OnFailure}
 * without {@code Destination}) removes it on Update and means none on Put.
 *
 * @param maximumRetryAttempts 0 to 2, or null
 * @param maximumEventAgeInSeconds 60 to 21,600, or null
 * @param onSuccess the OnSuccess destination ARN, empty, or null
 * @param onFailure the OnFailure destination ARN, empty, or null
 */
public record EventInvokeConfigRequest(
        Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds, String onSuccess, String onFailure) {

    /** Whether nothing at all was given (Lambda refuses that). */
    boolean empty() {
        return maximumRetryAttempts == null
                && maximumEventAgeInSeconds == null
                && onSuccess == null
                && onFailure == null;
    }
}
