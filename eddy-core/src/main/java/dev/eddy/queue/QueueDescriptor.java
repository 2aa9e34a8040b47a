package dev.eddy.queue;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A queue as stored at {@code ("queue", name)} in {@link dev.eddy.store.Keyspace#QUEUE_META}.
 *
 * @param id the queue's number, never reused: message keys start with it, so a queue created again
 *     under a deleted queue's name never sees the old messages
 * @param name the queue's name
 * @param createdMillis creation time, epoch milliseconds
 * @param modifiedMillis last attribute change, epoch milliseconds
 * @param attributes the settable attributes the client gave (defaults are not stored; a FIFO queue
 *     stores {@code FifoQueue=true}), sorted
 * @param tags the queue's tags, sorted
 */
public record QueueDescriptor(
        long id,
        String name,
        long createdMillis,
        long modifiedMillis,
        Map<String, String> attributes,
        Map<String, String> tags) {

    public QueueDescriptor {
        attributes = sorted(attributes);
        tags = sorted(tags);
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }

    /** The effective value of a settable attribute: the stored one or its default. */
    public String attribute(String attributeName) {
        String v = attributes.get(attributeName);
        if (v == null && fifo()) {
            v = FifoAttributes.DEFAULTS.get(attributeName);
        }
        return v != null ? v : QueueAttributes.DEFAULTS.get(attributeName);
    }

    /** Whether this is a FIFO queue. */
    public boolean fifo() {
        return "true".equals(attributes.get(FifoAttributes.FIFO_QUEUE));
    }

    /** An effective numeric attribute. */
    public long number(String attributeName) {
        return Long.parseLong(attribute(attributeName));
    }

    public QueueDescriptor withAttributes(Map<String, String> newAttributes, long nowMillis) {
        return new QueueDescriptor(id, name, createdMillis, nowMillis, newAttributes, tags);
    }

    public QueueDescriptor withTags(Map<String, String> newTags) {
        return new QueueDescriptor(id, name, createdMillis, modifiedMillis, attributes, newTags);
    }
}
