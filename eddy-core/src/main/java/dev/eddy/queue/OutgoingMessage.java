package dev.eddy.queue;

import java.util.Map;

/**
 * A message to send.
 *
 * @param body the body, at least one allowed character
 * @param attributes the message attributes (at most 10)
 * @param delaySeconds the message's own delay (0 to 900), or null for the queue's
 * @param traceHeader the {@code AWSTraceHeader} system attribute, or null
 * @param groupId the {@code MessageGroupId} (required by FIFO queues, optional on standard ones), or
 *     null
 * @param deduplicationId the {@code MessageDeduplicationId} (FIFO queues only), or null
 */
public record OutgoingMessage(
        String body,
        Map<String, MessageAttribute> attributes,
        Integer delaySeconds,
        String traceHeader,
        String groupId,
        String deduplicationId) {

    public OutgoingMessage {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A message without group or deduplication id. */
    public OutgoingMessage(
            String body, Map<String, MessageAttribute> attributes, Integer delaySeconds, String traceHeader) {
        this(body, attributes, delaySeconds, traceHeader, null, null);
    }

    /** A message with a body only. */
    public static OutgoingMessage of(String body) {
        return new OutgoingMessage(body, Map.of(), null, null);
    }

    /** This message in message group {@code group}, deduplicated by {@code deduplication} (may be null). */
    public OutgoingMessage inGroup(String group, String deduplication) {
        return new OutgoingMessage(body, attributes, delaySeconds, traceHeader, group, deduplication);
    }
}
