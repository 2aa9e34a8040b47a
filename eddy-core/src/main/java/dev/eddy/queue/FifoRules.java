package dev.eddy.queue;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a send must carry by queue type (aws-semantics 9.6): a FIFO message needs a group id and a
 * deduplication id (given, or the SHA-256 of the body under content-based deduplication) and has
 * no delay of its own; a standard message may have a group id but no deduplication id. Stateless.
 */
final class FifoRules {
    /** Group, deduplication and receive-attempt ids: alphanumeric and punctuation, 1 to 128. */
    static final Pattern ID = Pattern.compile("[!-~]{1,128}");

    private FifoRules() {}

    /**
     * Checks a message for the FIFO queue {@code q}.
     *
     * @return the message's deduplication id: the one given, else the hex SHA-256 of its body
     */
    static String checkFifo(OutgoingMessage m, QueueDescriptor q) {
        if (m.delaySeconds() != null && m.delaySeconds() != 0) {
            throw invalid(
                    "DelaySeconds",
                    m.delaySeconds().toString(),
                    "The request include parameter that is not valid for this queue type.");
        }
        if (m.groupId() == null || m.groupId().isEmpty()) {
            throw new EddyException(
                    ErrorCode.SQS_MISSING_PARAMETER, "The request must contain the parameter MessageGroupId.");
        }
        checkId("MessageGroupId", m.groupId());
        if (m.deduplicationId() != null) {
            checkId("MessageDeduplicationId", m.deduplicationId());
            return m.deduplicationId();
        }
        if (!"true".equals(q.attribute(FifoAttributes.CONTENT_BASED_DEDUPLICATION))) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId"
                            + " provided explicitly");
        }
        return sha256(m.body());
    }

    /** Checks a message for a standard queue: a group id is allowed, a deduplication id is not. */
    static void checkStandard(OutgoingMessage m) {
        if (m.deduplicationId() != null) {
            throw invalid(
                    "MessageDeduplicationId",
                    m.deduplicationId(),
                    "The request includes a parameter that is not valid for this queue type.");
        }
        if (m.groupId() != null) {
            checkId("MessageGroupId", m.groupId());
        }
    }

    private static void checkId(String parameter, String value) {
        if (!ID.matcher(value).matches()) {
            throw invalid(
                    parameter,
                    value,
                    parameter + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
    }

    private static EddyException invalid(String parameter, String value, String reason) {
        return new EddyException(
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
    }

    static String sha256(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // every Java runtime has SHA-256
            throw new IllegalStateException(e);
        }
    }
}
