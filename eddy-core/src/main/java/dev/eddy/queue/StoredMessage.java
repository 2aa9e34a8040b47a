package dev.eddy.queue;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A message as stored at {@code (queueId, sentMillis, messageId)} in
 * {@link dev.eddy.store.Keyspace#QUEUE_MESSAGE}; its visibility entry is at
 * {@code (queueId, visibleAtMillis, sentMillis, messageId)}.
 *
 * @param messageId the UUID the send returned
 * @param body the body
 * @param attributes the message attributes, sorted by name
 * @param traceHeader the {@code AWSTraceHeader} system attribute, or null
 * @param sentMillis when it was first sent (kept when moved to a dead-letter queue)
 * @param receiveCount how often it was received, across queues
 * @param firstReceiveMillis the first receive, or 0 when never received
 * @param visibleAtMillis when it can next be received
 * @param receiptToken the token of the latest receive's receipt handle (0 before the first)
 * @param deadLetterSourceArn the queue it was moved from as a dead letter, or null
 * @param groupId the {@code MessageGroupId}, or null
 * @param deduplicationId the effective {@code MessageDeduplicationId} of a FIFO message (the
 *     SHA-256 of the body, in hex, under content-based deduplication), or null
 * @param sequenceNumber the FIFO {@code SequenceNumber}, increasing within the group, or 0
 */
public record StoredMessage(
        String messageId,
        String body,
        Map<String, MessageAttribute> attributes,
        String traceHeader,
        long sentMillis,
        int receiveCount,
        long firstReceiveMillis,
        long visibleAtMillis,
        long receiptToken,
        String deadLetterSourceArn,
        String groupId,
        String deduplicationId,
        long sequenceNumber) {

    public StoredMessage {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** A message without group, deduplication id or sequence number. */
    public StoredMessage(
            String messageId,
            String body,
            Map<String, MessageAttribute> attributes,
            String traceHeader,
            long sentMillis,
            int receiveCount,
            long firstReceiveMillis,
            long visibleAtMillis,
            long receiptToken,
            String deadLetterSourceArn) {
        this(
                messageId,
                body,
                attributes,
                traceHeader,
                sentMillis,
                receiveCount,
                firstReceiveMillis,
                visibleAtMillis,
                receiptToken,
                deadLetterSourceArn,
                null,
                null,
                0);
    }

    /** Whether the message carries a field that only format 2 of {@link QueueCodec} holds. */
    boolean grouped() {
        return groupId != null || deduplicationId != null || sequenceNumber != 0;
    }

    /** This message with FIFO sequence number {@code sequence}. */
    StoredMessage sequenced(long sequence) {
        return new StoredMessage(
                messageId,
                body,
                attributes,
                traceHeader,
                sentMillis,
                receiveCount,
                firstReceiveMillis,
                visibleAtMillis,
                receiptToken,
                deadLetterSourceArn,
                groupId,
                deduplicationId,
                sequence);
    }

    /** This message received once more at {@code nowMillis}, visible again at {@code visibleAt}. */
    StoredMessage received(long nowMillis, long visibleAt, long token) {
        return new StoredMessage(
                messageId,
                body,
                attributes,
                traceHeader,
                sentMillis,
                receiveCount + 1,
                firstReceiveMillis == 0 ? nowMillis : firstReceiveMillis,
                visibleAt,
                token,
                deadLetterSourceArn,
                groupId,
                deduplicationId,
                sequenceNumber);
    }

    StoredMessage visibleAt(long newVisibleAt) {
        return new StoredMessage(
                messageId,
                body,
                attributes,
                traceHeader,
                sentMillis,
                receiveCount,
                firstReceiveMillis,
                newVisibleAt,
                receiptToken,
                deadLetterSourceArn,
                groupId,
                deduplicationId,
                sequenceNumber);
    }

    /** This message as moved into a dead-letter queue from {@code sourceArn}, visible at once. */
    StoredMessage deadLettered(String sourceArn, long nowMillis) {
        return new StoredMessage(
                messageId,
                body,
                attributes,
                traceHeader,
                sentMillis,
                receiveCount,
                firstReceiveMillis,
                nowMillis,
                0,
                sourceArn,
                groupId,
                deduplicationId,
                sequenceNumber);
    }
}
