package dev.eddy.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settable queue attributes: names, defaults, ranges and AWS's messages for values out of them
 * (aws-semantics 9.2, 9.3). Attribute values travel as strings, as on the wire. Stateless.
 */
public final class QueueAttributes {
    public static final String VISIBILITY_TIMEOUT = "VisibilityTimeout";
    public static final String RETENTION = "MessageRetentionPeriod";
    public static final String DELAY = "DelaySeconds";
    public static final String WAIT_TIME = "ReceiveMessageWaitTimeSeconds";
    public static final String MAX_SIZE = "MaximumMessageSize";
    public static final String REDRIVE_POLICY = "RedrivePolicy";
    public static final String REDRIVE_ALLOW_POLICY = "RedriveAllowPolicy";
    public static final String SSE = "SqsManagedSseEnabled";
    public static final String KMS_KEY = "KmsMasterKeyId";

    /** The defaults of the attributes that have one, as {@code All} shows them on a new queue. */
    public static final Map<String, String> DEFAULTS = Map.of(
            VISIBILITY_TIMEOUT, "30",
            RETENTION, "345600",
            DELAY, "0",
            WAIT_TIME, "0",
            MAX_SIZE, "1048576",
            SSE, "true");

    private static final Map<String, long[]> RANGES = Map.of(
            VISIBILITY_TIMEOUT,
            new long[] {0, 43_200},
            RETENTION,
            new long[] {60, 1_209_600},
            DELAY,
            new long[] {0, 900},
            WAIT_TIME,
            new long[] {0, 20},
            MAX_SIZE,
            new long[] {1_024, 1_048_576},
            "KmsDataKeyReusePeriodSeconds",
            new long[] {60, 86_400});

    private static final Set<String> OTHER_SETTABLE =
            Set.of(REDRIVE_POLICY, REDRIVE_ALLOW_POLICY, SSE, KMS_KEY, "Policy");
    private static final Set<String> FIFO_ONLY = Set.of("FifoQueue", "ContentBasedDeduplication");
    private static final Set<String> FIFO_SCOPE = Set.of("DeduplicationScope", "FifoThroughputLimit");
    private static final JsonFactory JSON = new JsonFactory();

    private QueueAttributes() {}

    /** A parsed {@code RedrivePolicy}. */
    public record RedrivePolicy(Arn.Queue deadLetterTarget, int maxReceiveCount) {
        /** The policy as AWS reads it back: {@code maxReceiveCount} a number. */
        public String render() {
            return "{\"deadLetterTargetArn\":\"" + deadLetterTarget + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
        }
    }

    /**
     * Checks {@code requested} for a standard queue and returns the values to store (normalised:
     * the redrive policy in AWS's form; an empty redrive policy as an empty string, which removes it).
     *
     * @throws EddyException InvalidAttributeName for an unknown or FIFO-only name, InvalidAttributeValue
     *     for a value out of range
     */
    public static Map<String, String> validate(Map<String, String> requested) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : requested.entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (FIFO_ONLY.contains(name)) {
                throw new EddyException(ErrorCode.SQS_INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + name + ".");
            }
            if (FIFO_SCOPE.contains(name)) {
                throw new EddyException(
                        ErrorCode.SQS_INVALID_ATTRIBUTE_NAME,
                        "You can specify the " + name + " only when FifoQueue is set to true.");
            }
            long[] range = RANGES.get(name);
            if (range != null) {
                out.put(name, Long.toString(number(name, value, range)));
            } else if (name.equals(REDRIVE_POLICY)) {
                out.put(name, value.isEmpty() ? "" : redrivePolicy(value).render());
            } else if (name.equals(REDRIVE_ALLOW_POLICY)) {
                out.put(name, redriveAllowPolicy(value));
            } else if (name.equals(SSE)) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw invalidValue(name);
                }
                out.put(name, value);
            } else if (name.equals("Policy")
                    && !value.isEmpty()
                    && QueuePolicy.parse(value).isEmpty()) {
                throw invalidValue(name);
            } else if (OTHER_SETTABLE.contains(name)) {
                out.put(name, value);
            } else {
                throw new EddyException(ErrorCode.SQS_INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + name + ".");
            }
        }
        if (!out.getOrDefault(KMS_KEY, "").isEmpty() && "true".equals(out.get(SSE))) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_ATTRIBUTE_NAME,
                    "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE"
                            + " or SQS SSE.");
        }
        return out;
    }

    /** The stored attributes after applying {@code changes} (already validated) to {@code current}. */
    public static Map<String, String> merge(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(current);
        changes.forEach((name, value) -> {
            if (value.isEmpty() && (name.equals(REDRIVE_POLICY) || name.equals(KMS_KEY) || name.equals("Policy"))) {
                merged.remove(name);
            } else {
                merged.put(name, value);
            }
        });
        if (!merged.getOrDefault(KMS_KEY, "").isEmpty() && !changes.containsKey(SSE)) {
            // choosing a KMS key turns the SQS-managed encryption off, as AWS does
            merged.put(SSE, "false");
        }
        return merged;
    }

    /** The queue's redrive policy, if it has one. */
    public static Optional<RedrivePolicy> redrivePolicy(QueueDescriptor queue) {
        String text = queue.attributes().get(REDRIVE_POLICY);
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(redrivePolicy(text));
    }

    static RedrivePolicy redrivePolicy(String text) {
        Map<String, Object> node = parse(REDRIVE_POLICY, text);
        Object target = node.get("deadLetterTargetArn");
        Object count = node.get("maxReceiveCount");
        // AWS names the missing member, maxReceiveCount first
        for (String member : new String[] {"maxReceiveCount", "deadLetterTargetArn"}) {
            if (!node.containsKey(member)) {
                throw invalidParameter(
                        REDRIVE_POLICY, text, "Redrive policy does not contain mandatory attribute: " + member + ".");
            }
        }
        Optional<Arn.Queue> arn = target instanceof String t ? Arn.parse(t, Arn.Queue.class) : Optional.empty();
        if (arn.isEmpty()) {
            throw invalidParameter(REDRIVE_POLICY, text, "Invalid value for deadLetterTargetArn.");
        }
        long n = -1;
        if (count instanceof Long l) {
            n = l;
        } else if (count instanceof String c && c.matches("\\d{1,9}")) {
            n = Long.parseLong(c);
        }
        if (n < 1 || n > 1000) {
            throw invalidParameter(
                    REDRIVE_POLICY,
                    text,
                    "Invalid value for maxReceiveCount: " + count
                            + ", valid values are from 1 to 1000 both inclusive.");
        }
        return new RedrivePolicy(arn.get(), (int) n);
    }

    private static String redriveAllowPolicy(String text) {
        RedriveAllowPolicy.parse(text);
        return text;
    }

    /** The top-level members of a JSON object: strings, integers, or {@code Boolean.TRUE} for others. */
    private static Map<String, Object> parse(String name, String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Object> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    members.put(
                            field,
                            switch (value) {
                                case VALUE_STRING -> p.getText();
                                case VALUE_NUMBER_INT -> p.getLongValue();
                                default -> Boolean.TRUE;
                            });
                    p.skipChildren();
                }
                if (p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null) {
                    return members;
                }
            }
        } catch (IOException e) {
            // reported below like any other value that is not a JSON object
        }
        throw invalidParameter(
                name,
                text,
                (name.equals(REDRIVE_POLICY) ? "Redrive" : "Redrive allow") + " policy is not a valid JSON map.");
    }

    private static long number(String name, String value, long[] range) {
        if (!value.matches("-?\\d{1,18}")) {
            throw invalidValue(name);
        }
        long n = Long.parseLong(value);
        if (n < range[0] || n > range[1]) {
            throw invalidValue(name);
        }
        return n;
    }

    static EddyException invalidValue(String name) {
        return new EddyException(
                ErrorCode.SQS_INVALID_ATTRIBUTE_VALUE, "Invalid value for the parameter " + name + ".");
    }

    static EddyException invalidParameter(String name, String value, String reason) {
        return new EddyException(
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value " + value + " for parameter " + name + " is invalid. Reason: " + reason);
    }
}
