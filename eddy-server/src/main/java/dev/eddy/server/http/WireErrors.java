package dev.eddy.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.util.zip.CRC32;

/**
 * Answers for the requests the web server refuses before any route runs (a malformed prologue,
 * path, header or {@code Content-Length}, an unknown {@code Content-Encoding}, a body past the
 * listener's limit, a failing route), in an AWS shape instead of the web server's empty body:
 * on {@code /} (and when the path could not be read) DynamoDB's JSON 1.0 error, the endpoint's
 * first service; elsewhere the REST-JSON error with {@code X-Amzn-ErrorType}. The status stays
 * the web server's (400, 413, 414, 431, 505), except that a failure inside the server stays 500.
 * Stateless and thread-safe; the web server calls it on the connection's thread.
 */
final class WireErrors implements DirectHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HeaderName ERROR_TYPE = HeaderNames.create("X-Amzn-ErrorType");
    private static final HeaderName CRC32_HEADER = HeaderNames.create("x-amz-crc32");
    private static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
    private static final HeaderName EXPOSE = HeaderNames.create("Access-Control-Expose-Headers");

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status defaultStatus,
            ServerResponseHeaders headers,
            String message) {
        int status = defaultStatus.code();
        String text = describe(status, message);
        TransportResponse.Builder out = TransportResponse.builder()
                .status(defaultStatus)
                .headers(headers)
                .keepAlive(eventType.keepAlive() && status < 500)
                .header(ALLOW_ORIGIN, "*")
                .header(EXPOSE, Cors.EXPOSE_HEADERS);
        ObjectNode body = JSON.createObjectNode();
        String path = request.path();
        if (path == null || path.isEmpty() || path.equals("/") || path.startsWith("/?")) {
            body.put("__type", status == 413 ? ErrorTypes.JSON_TOO_LARGE : ErrorTypes.JSON_SERIALIZATION);
            body.put("message", text);
            byte[] bytes = bytes(body);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            out.header(HeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0")
                    .header(FrontDoor.REQUEST_ID, RequestIds.dynamoDbStyle())
                    .header(CRC32_HEADER, Long.toString(crc.getValue()))
                    .entity(bytes);
        } else {
            String type = status == 413 ? ErrorTypes.REST_TOO_LARGE : ErrorTypes.REST_BAD_REQUEST;
            body.put("Type", "User");
            body.put("message", text);
            out.header(HeaderNames.CONTENT_TYPE, "application/json")
                    .header(FrontDoor.REQUEST_ID, RequestIds.uuid())
                    .header(ERROR_TYPE, type)
                    .entity(bytes(body));
        }
        return out.build();
    }

    /** The web server's reason, which names no server detail, or a generic one by status. */
    private static String describe(int status, String message) {
        if (status >= 500 && status != 505) {
            return "Internal server error";
        }
        if (message == null || message.isBlank()) {
            return switch (status) {
                case 413 -> "Request entity too large";
                case 414 -> "Request URI too long";
                case 431 -> "Request header fields too large";
                default -> "The request could not be read";
            };
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The error types, as the services spell them. */
    static final class ErrorTypes {
        static final String JSON_SERIALIZATION = "com.amazon.coral.service#SerializationException";
        static final String JSON_TOO_LARGE = "com.amazon.coral.service#RequestEntityTooLargeException";
        static final String REST_BAD_REQUEST = "InvalidRequestContentException";
        static final String REST_TOO_LARGE = "RequestEntityTooLargeException";

        private ErrorTypes() {}
    }
}
