package dev.eddy.queue;

import java.util.Map;

/**
 * A message to send.
 *
 * @param body the body, at least one allowed character
 * @param attributes the message attributes (at most 10)
 * @param delaySeconds the message's own delay (0 to 900), or null for the queue's
 * @param traceHeader the {@code AWSTraceHeader} system attribute, or null
 */
public record OutgoingMessage(
        String body, Map<String, MessageAttribute> attributes, Integer delaySeconds, String traceHeader) {

    public OutgoingMessage {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A message with a body only. */
    public static OutgoingMessage of(String body) {
        return new OutgoingMessage(body, Map.of(), null, null);
    }
}
