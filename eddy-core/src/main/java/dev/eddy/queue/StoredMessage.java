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
        String deadLetterSourceArn) {

    public StoredMessage {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
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
                deadLetterSourceArn);
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
                deadLetterSourceArn);
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
                sourceArn);
    }
}
