package dev.eddy.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A queue's {@code RedriveAllowPolicy}: which queues may name it as their dead-letter queue
 * ({@code allowAll}, {@code denyAll}, or {@code byQueue} with up to 10 {@code sourceQueueArns}).
 * Checked when it is set, and enforced when a source sets a {@code RedrivePolicy} naming the queue.
 *
 * @param permission allowAll, denyAll or byQueue
 * @param sourceQueues the queues byQueue allows (empty otherwise)
 */
record RedriveAllowPolicy(String permission, List<Arn.Queue> sourceQueues) {
    static final int MAX_SOURCES = 10;
    private static final String NAME = QueueAttributes.REDRIVE_ALLOW_POLICY;
    private static final JsonFactory JSON = new JsonFactory();

    /** A queue without the attribute lets every queue in. */
    static final RedriveAllowPolicy ALLOW_ALL = new RedriveAllowPolicy("allowAll", List.of());

    RedriveAllowPolicy {
        sourceQueues = List.copyOf(sourceQueues);
    }

    /** The policy of {@code dlq}, or {@link #ALLOW_ALL} when it has none. */
    static RedriveAllowPolicy of(QueueDescriptor dlq) {
        String text = dlq.attributes().get(NAME);
        return text == null || text.isEmpty() ? ALLOW_ALL : parse(text);
    }

    /** Whether {@code source} may name the queue of this policy as its dead-letter queue. */
    boolean allows(Arn.Queue source) {
        return switch (permission) {
            case "allowAll" -> true;
            case "byQueue" -> sourceQueues.contains(source);
            default -> false;
        };
    }

    /**
     * Reads and checks a policy.
     *
     * @throws EddyException InvalidParameterValue, with the reason, for a policy AWS would refuse
     */
    static RedriveAllowPolicy parse(String text) {
        String permission = null;
        List<String> arns = null;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notJson(text);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("redrivePermission") && value == JsonToken.VALUE_STRING) {
                    permission = p.getText();
                } else if (field.equals("sourceQueueArns")) {
                    arns = strings(p, text);
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw notJson(text);
            }
        } catch (IOException e) {
            throw notJson(text);
        }
        if (permission == null || !Set.of("allowAll", "denyAll", "byQueue").contains(permission)) {
            throw QueueAttributes.invalidParameter(NAME, text, "Invalid value for redrivePermission.");
        }
        return new RedriveAllowPolicy(permission, sources(text, permission, arns));
    }

    private static List<Arn.Queue> sources(String text, String permission, List<String> arns) {
        if (!permission.equals("byQueue")) {
            if (arns != null && !arns.isEmpty()) {
                throw QueueAttributes.invalidParameter(
                        NAME, text, "sourceQueueArns can be specified only when redrivePermission is byQueue.");
            }
            return List.of();
        }
        if (arns == null || arns.isEmpty()) {
            throw QueueAttributes.invalidParameter(
                    NAME, text, "sourceQueueArns must be specified when redrivePermission is byQueue.");
        }
        if (arns.size() > MAX_SOURCES) {
            throw QueueAttributes.invalidParameter(
                    NAME, text, "Maximum number of source queue ARNs is " + MAX_SOURCES + ".");
        }
        List<Arn.Queue> out = new ArrayList<>();
        for (String arn : arns) {
            out.add(Arn.parse(arn, Arn.Queue.class)
                    .orElseThrow(() -> QueueAttributes.invalidParameter(
                            NAME, text, "Invalid value for sourceQueueArns: " + arn + ".")));
        }
        return out;
    }

    private static List<String> strings(JsonParser p, String text) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw QueueAttributes.invalidParameter(NAME, text, "sourceQueueArns must be a list of queue ARNs.");
        }
        List<String> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_STRING) {
                throw QueueAttributes.invalidParameter(NAME, text, "sourceQueueArns must be a list of queue ARNs.");
            }
            out.add(p.getText());
        }
        return out;
    }

    private static EddyException notJson(String text) {
        return QueueAttributes.invalidParameter(NAME, text, "Redrive allow policy is not a valid JSON map.");
    }
}
