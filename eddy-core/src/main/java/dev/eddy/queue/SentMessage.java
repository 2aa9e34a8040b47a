package dev.eddy.queue;

/**
 * What a send returns.
 *
 * @param messageId the new message's id (for a suppressed duplicate on a FIFO queue: the original's)
 * @param sequenceNumber the message's {@code SequenceNumber} on a FIFO queue, else null
 */
public record SentMessage(String messageId, String sequenceNumber) {

    /** The answer of a send to a standard queue. */
    public SentMessage(String messageId) {
        this(messageId, null);
    }
}
