package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorDetail;

/** Lambda's error bodies: the message key, the Type member and the details differ per error. */
final class LambdaErrors {

    private LambdaErrors() {}

    /** The body of {@code e}'s answer (the type goes into {@code X-Amzn-ErrorType}, not here). */
    static ObjectNode body(EddyException e) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        switch (e.code()) {
            case LAMBDA_VALIDATION, LAMBDA_REQUEST_ENTITY_TOO_LARGE -> body.put("message", e.getMessage());
            case LAMBDA_RESOURCE_NOT_FOUND, LAMBDA_RESOURCE_IN_USE -> {
                body.put("Type", "User");
                body.put("Message", e.getMessage());
            }
            case LAMBDA_SERVICE -> {
                body.put("Type", "Service");
                body.put("Message", e.getMessage());
            }
            case LAMBDA_TOO_MANY_REQUESTS -> {
                body.put("Reason", String.valueOf(reason(e.detail())));
                body.put("Type", "User");
                body.put("message", e.getMessage());
            }
            default -> {
                body.put("Type", "User");
                body.put("message", e.getMessage());
            }
        }
        return body;
    }

    /** Why an invocation was throttled; null when the error does not say. */
    private static String reason(ErrorDetail detail) {
        return switch (detail) {
            case ErrorDetail.Throttle t -> t.reason();
            case ErrorDetail.OldItem o -> null;
            case ErrorDetail.Cancellation c -> null;
            case ErrorDetail.None n -> null;
        };
    }
}
