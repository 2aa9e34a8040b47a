package dev.eddy.function;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the destinations of asynchronous invocation: an event invoke configuration's OnSuccess
 * and OnFailure, a function's dead-letter queue. Lambda accepts SQS queues, SNS topics, Lambda
 * functions, EventBridge buses and (on failure) S3 buckets; Eddy serves only SQS, so the others
 * are refused with a message saying so instead of being accepted and never delivered to. Messages
 * are Lambda's where it has one (spec section 11.5). Thread-safe.
 */
final class DestinationRules {
    private static final Pattern SERVICE = Pattern.compile("arn:aws[a-zA-Z0-9-]*:([a-zA-Z0-9-]+):.*");

    private final Account account;
    private final AsyncDestinations destinations;

    DestinationRules(Account account, AsyncDestinations destinations) {
        this.account = account;
        this.destinations = destinations;
    }

    /**
     * Checks the destinations of a Put or Update of {@code function}'s event invoke
     * configuration; null or empty ones are not checked.
     */
    void checkEventInvokeDestinations(String function, String onSuccess, String onFailure) {
        check(function, onSuccess, onSuccess, onFailure);
        check(function, onFailure, onSuccess, onFailure);
    }

    private void check(String function, String destination, String onSuccess, String onFailure) {
        if (destination == null || destination.isEmpty()) {
            return;
        }
        Optional<Arn> arn = Arn.parse(destination);
        if (arn.isPresent() && arn.get() instanceof Arn.Queue queue) {
            if (!account.owns(queue) || !destinations.queueExists(queue)) {
                throw invalid("The destination ARN " + destination + " is invalid.");
            }
            return;
        }
        if (arn.isPresent() && arn.get() instanceof Arn.Function f && f.name().equals(function)) {
            throw invalid("You can't specify the function as a destination for itself.");
        }
        String service = service(destination);
        if (service.equals("sns") || service.equals("lambda") || service.equals("events") || service.equals("s3")) {
            throw invalid("Eddy delivers the results of asynchronous invocations to Amazon SQS queues only; "
                    + serviceName(service) + " destinations are not supported: " + destination);
        }
        throw invalid("The provided destination config DestinationConfig("
                + "onSuccess=" + (empty(onSuccess) ? "null" : "OnSuccess(destination=" + onSuccess + ")")
                + ", onFailure=" + (empty(onFailure) ? "null" : "OnFailure(destination=" + onFailure + ")")
                + ") is invalid.");
    }

    /** Checks a function's {@code DeadLetterConfig.TargetArn}; null or empty means none. */
    void checkDeadLetterTarget(String target) {
        if (target == null || target.isEmpty()) {
            return;
        }
        Optional<Arn.Queue> queue = Arn.parse(target, Arn.Queue.class);
        if (queue.isEmpty()) {
            throw invalid("Eddy supports only Amazon SQS queues as dead-letter queues (DeadLetterConfig.TargetArn): "
                    + target);
        }
        if (!account.owns(queue.get()) || !destinations.queueExists(queue.get())) {
            // Lambda cannot tell a missing queue from one its role may not write to
            throw invalid("The provided execution role does not have permissions to call SendMessage on SQS");
        }
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static String service(String arn) {
        Matcher m = SERVICE.matcher(arn);
        return m.matches() ? m.group(1) : "";
    }

    private static String serviceName(String service) {
        return switch (service) {
            case "sns" -> "Amazon SNS";
            case "lambda" -> "AWS Lambda";
            case "events" -> "Amazon EventBridge";
            default -> "Amazon S3";
        };
    }

    private static EddyException invalid(String message) {
        return new EddyException(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE, message);
    }
}
