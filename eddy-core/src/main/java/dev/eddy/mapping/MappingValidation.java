package dev.eddy.mapping;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.stream.StartingPosition;
import java.util.List;
import java.util.Optional;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * The checks of a mapping request that need nothing but the request, with Lambda's messages
 * (aws-semantics 4.1): model constraints as one framework ValidationException, then the
 * semantic checks as InvalidParameterValueException. Stateless.
 */
public final class MappingValidation {
    /** The only FunctionResponseTypes value. */
    public static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";
    /** How many filters a mapping may have (Lambda's default quota). */
    public static final int MAX_FILTERS = 5;

    private static final String STARTING_POSITIONS = "[LATEST, AT_TIMESTAMP, TRIM_HORIZON]";

    private MappingValidation() {}

    /**
     * The model constraints of every member given: ranges, lengths, enumerations.
     *
     * @throws EddyException a ValidationException listing every violation
     */
    public static void checkConstraints(MappingRequest r, boolean create) {
        Violations v = new Violations();
        if (create) {
            v.required("functionName", r.functionName());
        }
        v.length("functionName", r.functionName(), 1, 140);
        v.range("batchSize", r.batchSize(), 1, 10_000);
        v.range("maximumBatchingWindowInSeconds", r.maximumBatchingWindowInSeconds(), 0, 300);
        v.range("parallelizationFactor", r.parallelizationFactor(), 1, 10);
        v.range("maximumRetryAttempts", r.maximumRetryAttempts(), -1, 10_000);
        v.range("maximumRecordAgeInSeconds", r.maximumRecordAgeInSeconds(), -1, 604_800);
        v.range("tumblingWindowInSeconds", r.tumblingWindowInSeconds(), 0, 900);
        if (create && r.startingPosition() != null && !isStartingPosition(r.startingPosition())) {
            v.add(
                    r.startingPosition(),
                    "startingPosition",
                    "Member must satisfy enum value set: " + STARTING_POSITIONS);
        }
        List<String> types = r.functionResponseTypes();
        if (types != null && types.size() > 1) {
            v.add(types.toString(), "functionResponseTypes", "Member must have length less than or equal to 1");
        } else if (types != null && types.stream().anyMatch(t -> !t.equals(REPORT_BATCH_ITEM_FAILURES))) {
            v.add(
                    types.toString(),
                    "functionResponseTypes",
                    "Member must satisfy constraint: [Member must satisfy enum value set: ["
                            + REPORT_BATCH_ITEM_FAILURES + "]]");
        }
        v.length("destinationConfig.onFailure.destination", emptyToNull(r.onFailureDestination()), 0, 350);
        if (r.filterPatterns() != null) {
            for (int i = 0; i < r.filterPatterns().size(); i++) {
                v.length(
                        "filterCriteria.filters." + (i + 1) + ".member.pattern",
                        r.filterPatterns().get(i),
                        0,
                        4096);
            }
        }
        v.throwIfAny();
    }

    /**
     * The starting position of a new mapping of a DynamoDB stream.
     *
     * @throws EddyException InvalidParameterValueException when absent or AT_TIMESTAMP
     */
    public static StartingPosition startingPosition(String given, String streamArn) {
        if (given == null) {
            throw invalid("1 validation error detected: Value null at 'startingPosition' failed to satisfy "
                    + "constraint: Member must not be null.");
        }
        StartingPosition p = StartingPosition.fromWire(given);
        if (!p.supportedByStreams()) {
            throw invalid("Unsupported starting position for arn type: " + streamArn);
        }
        return p;
    }

    /**
     * The checks of the settings a request leads to that the model's ranges do not express.
     *
     * @throws EddyException InvalidParameterValueException for the first problem
     */
    public static void checkSettings(MappingSettings s) {
        int age = s.maximumRecordAgeInSeconds();
        if (age >= 0 && age < 60) {
            throw invalid("MaximumRecordAgeInSeconds must be -1 (infinite) or between 60 and 604800, was " + age);
        }
        if (s.filterPatterns() != null) {
            if (s.filterPatterns().size() > MAX_FILTERS) {
                throw invalid("The maximum number of filters per event source mapping is " + MAX_FILTERS + ".");
            }
            for (String pattern : s.filterPatterns()) {
                checkPattern(pattern);
            }
        }
    }

    /**
     * An on-failure destination: only SQS queues (SNS topics and S3 buckets are not served here).
     *
     * @return the queue, which the caller must still find
     * @throws EddyException InvalidParameterValueException otherwise
     */
    public static Arn.Queue onFailureQueue(String destination) {
        if (destination.startsWith("arn:aws:sns:") || destination.startsWith("arn:aws:s3:")) {
            throw invalid("Eddy supports only Amazon SQS queues as on-failure destinations of event source "
                    + "mappings; SNS topics and S3 buckets are not supported: " + destination);
        }
        Optional<Arn.Queue> queue = Arn.parse(destination, Arn.Queue.class);
        if (queue.isEmpty()) {
            throw invalid("The provided destination config DestinationConfig(onSuccess=null, "
                    + "onFailure=OnFailure(destination=" + destination + ")) is invalid.");
        }
        return queue.get();
    }

    /** A FilterCriteria pattern: EventBridge pattern syntax, as AWS's own compiler reads it. */
    static void checkPattern(String pattern) {
        String problem;
        try {
            problem = JsonRuleCompiler.check(pattern);
        } catch (RuntimeException e) {
            // the compiler reports most problems as a message and a few by throwing
            problem = e.toString();
        }
        if (problem != null) {
            throw invalid("Invalid filter pattern definition.");
        }
    }

    private static boolean isStartingPosition(String s) {
        for (StartingPosition p : StartingPosition.values()) {
            if (p.name().equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static EddyException invalid(String message) {
        return new EddyException(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE, message);
    }
}
