package dev.eddy.server.lambda;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.server.http.RestRoutes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Request and response bodies of Lambda's REST-JSON API, the same for the function and the event
 * source mapping routes: an empty body is an empty object, anything but a JSON object is
 * InvalidRequestContentException, answers are {@code application/json}.
 */
final class LambdaJsonBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaJsonBodies() {}

    /** The request's body as a JSON object, read by the front door beforehand. */
    static JsonNode read(ServerRequest req) throws IOException {
        byte[] bytes = RestRoutes.body(req);
        if (bytes.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: the body is not a JSON object");
        }
        return n;
    }

    /** Answers {@code status} with {@code body}. */
    static void send(ServerResponse res, Status status, JsonNode body) throws IOException {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.status(status).send(JSON.writeValueAsBytes(body));
    }

    /** A numeric query parameter, refused with Lambda's validation message when it is not a number. */
    static int number(String value, String member) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + value + "' at '" + member
                            + "' failed to satisfy constraint: Member must be a number");
        }
    }

    /** The answer to a failure Eddy did not foresee, as Lambda words it. */
    static EddyException internalError() {
        return new EddyException(ErrorCode.LAMBDA_SERVICE, "An internal error occurred.");
    }

    /**
     * A path parameter as the caller meant it: a percent escape left by the router (a name sent
     * with {@code %3A} for {@code :}) is decoded once more; {@code %ZZ} (sent as {@code %25ZZ}) is
     * no escape, so the text stays as it is and the name's validation refuses it.
     */
    static String pathParameter(ServerRequest req, String parameter) {
        String raw = req.path().pathParameters().get(parameter);
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
