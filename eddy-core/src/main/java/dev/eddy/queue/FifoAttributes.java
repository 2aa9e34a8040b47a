package dev.eddy.queue;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Queue names and attributes by queue type (aws-semantics 9.2, 9.3): a FIFO queue is one created
 * with {@code FifoQueue=true}, and its name ends in {@code .fifo}; standard queues refuse every
 * FIFO attribute. The type never changes, so a queue's name tells its type. Stateless.
 */
public final class FifoAttributes {
    public static final String FIFO_QUEUE = "FifoQueue";
    public static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
    public static final String DEDUPLICATION_SCOPE = "DeduplicationScope";
    public static final String THROUGHPUT_LIMIT = "FifoThroughputLimit";

    /** The FIFO attributes of a new FIFO queue, as {@code All} shows them. */
    public static final Map<String, String> DEFAULTS = Map.of(
            FIFO_QUEUE, "true",
            CONTENT_BASED_DEDUPLICATION, "false",
            DEDUPLICATION_SCOPE, "queue",
            THROUGHPUT_LIMIT, "perQueue");

    private static final Map<String, Set<String>> VALUES = Map.of(
            CONTENT_BASED_DEDUPLICATION, Set.of("true", "false"),
            DEDUPLICATION_SCOPE, Set.of("queue", "messageGroup"),
            THROUGHPUT_LIMIT, Set.of("perQueue", "perMessageGroupId"));
    private static final Pattern STANDARD_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

    private FifoAttributes() {}

    /** Whether a queue of this name is a FIFO queue (only FIFO queues may end in {@code .fifo}). */
    public static boolean fifoName(String queueName) {
        return queueName.endsWith(".fifo");
    }

    /**
     * Checks a CreateQueue's name and attributes and returns the attributes to store: for a FIFO
     * queue {@code FifoQueue=true} and the FIFO attributes given, besides what
     * {@link QueueAttributes#validate} returns.
     *
     * @throws EddyException InvalidParameterValue for a name that does not fit the queue type,
     *     InvalidAttributeName or InvalidAttributeValue for attributes
     */
    public static Map<String, String> validateCreate(String name, Map<String, String> requested) {
        boolean fifo = "true".equals(requested.get(FIFO_QUEUE));
        if (name == null || !(fifo ? FIFO_NAME : STANDARD_NAME).matcher(name).matches()) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    fifo
                            ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or"
                                    + " underscores, must end with .fifo suffix and be 1 to 80 in length."
                            : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        if (!fifo) {
            return checkDeadLetterType(name, QueueAttributes.validate(requested));
        }
        Map<String, String> rest = new LinkedHashMap<>(requested);
        rest.remove(FIFO_QUEUE);
        Map<String, String> out = checkDeadLetterType(name, validateFifo(rest));
        out.put(FIFO_QUEUE, "true");
        checkCombination(out);
        return out;
    }

    /**
     * Checks a SetQueueAttributes on the queue called {@code name} and returns the changes to merge;
     * the combination of the merged FIFO attributes is checked by {@link #checkCombination}.
     */
    public static Map<String, String> validateChange(String name, Map<String, String> requested) {
        if (!fifoName(name)) {
            return checkDeadLetterType(name, QueueAttributes.validate(requested));
        }
        if (requested.containsKey(FIFO_QUEUE)) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_ATTRIBUTE_VALUE,
                    "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
        }
        return checkDeadLetterType(name, validateFifo(new LinkedHashMap<>(requested)));
    }

    /**
     * Per-message-group throughput needs deduplication per message group (checked on the
     * attributes a FIFO queue will have).
     */
    public static void checkCombination(Map<String, String> fifoQueueAttributes) {
        String limit = fifoQueueAttributes.getOrDefault(THROUGHPUT_LIMIT, DEFAULTS.get(THROUGHPUT_LIMIT));
        String scope = fifoQueueAttributes.getOrDefault(DEDUPLICATION_SCOPE, DEFAULTS.get(DEDUPLICATION_SCOPE));
        if (limit.equals("perMessageGroupId") && !scope.equals("messageGroup")) {
            throw QueueAttributes.invalidValue(THROUGHPUT_LIMIT);
        }
    }

    /** Validates the FIFO attributes in {@code attributes} (removed from it) and the rest as usual. */
    private static Map<String, String> validateFifo(Map<String, String> attributes) {
        Map<String, String> fifoOnes = new LinkedHashMap<>();
        for (String name : VALUES.keySet()) {
            if (attributes.containsKey(name)) {
                String value = attributes.remove(name);
                if (value == null || !VALUES.get(name).contains(value)) {
                    throw QueueAttributes.invalidValue(name);
                }
                fifoOnes.put(name, value);
            }
        }
        Map<String, String> out = new LinkedHashMap<>(QueueAttributes.validate(attributes));
        out.putAll(fifoOnes);
        return out;
    }

    /** A dead-letter queue must be of the same type as its source queue. */
    private static Map<String, String> checkDeadLetterType(String source, Map<String, String> attributes) {
        String policy = attributes.get(QueueAttributes.REDRIVE_POLICY);
        if (policy != null && !policy.isEmpty()) {
            String target =
                    QueueAttributes.redrivePolicy(policy).deadLetterTarget().name();
            if (fifoName(target) != fifoName(source)) {
                throw QueueAttributes.invalidParameter(
                        QueueAttributes.REDRIVE_POLICY,
                        policy,
                        "Dead-letter queue must be same type of queue as the source.");
            }
        }
        return attributes;
    }
}
