package dev.eddy.function;

import java.util.Arrays;
import java.util.Objects;

/**
 * An asynchronous invocation waiting in Eddy's event queue, as stored ({@link AsyncRecords}): the
 * event, when it was accepted, when it is next due, and what its attempts so far gave.
 *
 * @param functionName the function's name
 * @param requestId the request id every attempt uses (Invoke's {@code x-amzn-RequestId})
 * @param invokedArn the ARN the caller invoked, as the handler's context shows it
 * @param payload the event
 * @param acceptedMillis when Invoke accepted it (its age counts from here)
 * @param dueMillis when it is next tried
 * @param attempts how many times the function ran for it
 * @param throttles how many times it was throttled in a row (the backoff grows with it)
 * @param lastError the function error of the last attempt, null when none ran or it succeeded
 * @param lastResponse what the last attempt returned (the error object), null when none ran
 */
record QueuedEvent(
        String functionName,
        String requestId,
        String invokedArn,
        byte[] payload,
        long acceptedMillis,
        long dueMillis,
        int attempts,
        int throttles,
        FunctionErrorType lastError,
        byte[] lastResponse) {

    QueuedEvent {
        Objects.requireNonNull(functionName);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(invokedArn);
        Objects.requireNonNull(payload);
    }

    /** A new event, due at once. */
    static QueuedEvent accepted(String functionName, String requestId, String invokedArn, byte[] payload, long now) {
        return new QueuedEvent(functionName, requestId, invokedArn, payload, now, now, 0, 0, null, null);
    }

    /** The event after a function error, tried again at {@code due}. */
    QueuedEvent failed(FunctionErrorType error, byte[] response, long due) {
        return new QueuedEvent(
                functionName, requestId, invokedArn, payload, acceptedMillis, due, attempts + 1, 0, error, response);
    }

    /** The event after a throttle, tried again at {@code due} without using up an attempt. */
    QueuedEvent throttled(long due) {
        return new QueuedEvent(
                functionName,
                requestId,
                invokedArn,
                payload,
                acceptedMillis,
                due,
                attempts,
                throttles + 1,
                lastError,
                lastResponse);
    }

    /** Identifies this state of the event: an attempt scheduled for an older state is stale. */
    String stateKey() {
        return dueMillis + "/" + attempts + "/" + throttles;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueuedEvent e
                && functionName.equals(e.functionName)
                && requestId.equals(e.requestId)
                && invokedArn.equals(e.invokedArn)
                && Arrays.equals(payload, e.payload)
                && acceptedMillis == e.acceptedMillis
                && dueMillis == e.dueMillis
                && attempts == e.attempts
                && throttles == e.throttles
                && lastError == e.lastError
                && Arrays.equals(lastResponse, e.lastResponse);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, dueMillis, attempts, throttles);
    }

    @Override
    public String toString() {
        return "QueuedEvent[" + functionName + " " + requestId + " due " + dueMillis + " attempts " + attempts
                + " throttles " + throttles + "]";
    }
}
