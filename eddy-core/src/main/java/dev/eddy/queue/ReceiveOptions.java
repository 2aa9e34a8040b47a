package dev.eddy.queue;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;

/**
 * How a receive asks.
 *
 * @param maxMessages 1 to 10
 * @param visibilityTimeout seconds the received messages stay invisible (0 to 43,200), or null for
 *     the queue's
 * @param waitSeconds how long to wait for a message (0 to 20), or null for the queue's
 * @param attemptId the {@code ReceiveRequestAttemptId} (FIFO queues: a retry with the same id within
 *     five minutes returns the same messages and handles), or null
 */
public record ReceiveOptions(int maxMessages, Integer visibilityTimeout, Integer waitSeconds, String attemptId) {

    public ReceiveOptions {
        if (maxMessages < 1 || maxMessages > 10) {
            throw invalid(maxMessages, "MaxNumberOfMessages", "Must be between 1 and 10, if provided.");
        }
        if (waitSeconds != null && (waitSeconds < 0 || waitSeconds > 20)) {
            throw invalid(waitSeconds, "WaitTimeSeconds", "Must be >= 0 and <= 20, if provided.");
        }
        if (visibilityTimeout != null && (visibilityTimeout < 0 || visibilityTimeout > 43_200)) {
            throw invalid(visibilityTimeout, "VisibilityTimeout", "Must be >= 0 and <= 43200, if provided.");
        }
        if (attemptId != null && !FifoRules.ID.matcher(attemptId).matches()) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    "Value " + attemptId + " for parameter ReceiveRequestAttemptId is invalid. Reason:"
                            + " ReceiveRequestAttemptId can only include alphanumeric and punctuation characters."
                            + " 1 to 128 in length.");
        }
    }

    /** A receive without an attempt id. */
    public ReceiveOptions(int maxMessages, Integer visibilityTimeout, Integer waitSeconds) {
        this(maxMessages, visibilityTimeout, waitSeconds, null);
    }

    /** One message, the queue's visibility timeout, no wait. */
    public static ReceiveOptions one() {
        return new ReceiveOptions(1, null, 0);
    }

    private static EddyException invalid(long value, String name, String reason) {
        return new EddyException(
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value " + value + " for parameter " + name + " is invalid. Reason: " + reason);
    }
}
