package dev.eddy.function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Lambda sends to the destinations of an asynchronous invocation (spec section 11.5): the
 * invocation record for OnSuccess and OnFailure ({@code version}, {@code timestamp}, {@code
 * requestContext}, {@code requestPayload}, {@code responseContext}, {@code responsePayload}), and
 * for a dead-letter queue the original event with the attributes {@code RequestID}, {@code
 * ErrorCode} and {@code ErrorMessage}. Written with Jackson's streaming generator. Stateless and
 * thread-safe.
 */
final class DestinationRecords {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Lambda keeps the first kilobyte of the error message in a dead-letter message. */
    static final int ERROR_MESSAGE_LIMIT = 1024;

    /** Why an event left the queue: the record's {@code requestContext.condition}. */
    enum Condition {
        Success,
        RetriesExhausted,
        EventAgeExceeded
    }

    /**
     * How the last attempt ended, for {@code responseContext} and {@code responsePayload}; null
     * members when the function never ran for the event.
     *
     * @param executedVersion the version that ran ({@code $LATEST} or a number)
     */
    record Response(Integer statusCode, FunctionErrorType error, byte[] payload, String executedVersion) {
        static final Response NONE = new Response(null, null, null, null);
    }

    private DestinationRecords() {}

    /** The invocation record of {@code event}, as Lambda sends it to an OnSuccess or OnFailure destination. */
    static String invocationRecord(
            QueuedEvent event, String functionArn, Condition condition, Response response, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.payload().length);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "1.0");
            g.writeStringField("timestamp", TIMESTAMP.format(now));
            g.writeObjectFieldStart("requestContext");
            g.writeStringField("requestId", event.requestId());
            g.writeStringField("functionArn", functionArn);
            g.writeStringField("condition", condition.name());
            g.writeNumberField("approximateInvokeCount", event.attempts());
            g.writeEndObject();
            g.writeFieldName("requestPayload");
            writePayload(g, event.payload());
            if (response.statusCode() != null) {
                g.writeObjectFieldStart("responseContext");
                g.writeNumberField("statusCode", response.statusCode());
                g.writeStringField(
                        "executedVersion",
                        response.executedVersion() == null ? FunctionConfig.LATEST : response.executedVersion());
                if (response.error() != null) {
                    g.writeStringField("functionError", response.error().name());
                }
                g.writeEndObject();
                g.writeFieldName("responsePayload");
                writePayload(g, response.payload());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The message a dead-letter queue gets: the event as it was sent, with {@code RequestID},
     * {@code ErrorCode} (the status Invoke gave: 200 for a function error, 429 for an event that
     * expired while throttled) and {@code ErrorMessage} (its first kilobyte).
     */
    static AsyncDestinations.Message deadLetter(QueuedEvent event, Response response, String fallbackMessage) {
        Map<String, AsyncDestinations.Attribute> attributes = new LinkedHashMap<>();
        attributes.put("RequestID", new AsyncDestinations.Attribute("String", event.requestId()));
        int code = response.statusCode() == null ? 429 : response.statusCode();
        attributes.put("ErrorCode", new AsyncDestinations.Attribute("Number", Integer.toString(code)));
        String message = response.payload() == null ? null : errorMessage(response.payload());
        if (message == null || message.isEmpty()) {
            message = fallbackMessage;
        }
        if (message.length() > ERROR_MESSAGE_LIMIT) {
            message = message.substring(0, ERROR_MESSAGE_LIMIT);
        }
        attributes.put("ErrorMessage", new AsyncDestinations.Attribute("String", message));
        return new AsyncDestinations.Message(new String(event.payload(), StandardCharsets.UTF_8), attributes);
    }

    /** The {@code errorMessage} of a function error object, or null when it has none. */
    static String errorMessage(byte[] errorObject) {
        try (JsonParser p = FACTORY.createParser(errorObject)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("errorMessage") && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // not JSON: there is no message to take
        }
    }

    /** Writes a payload as JSON when it is a JSON document, else as a string (Eddy's choice, docs/lambda.md). */
    private static void writePayload(JsonGenerator g, byte[] payload) throws IOException {
        if (payload == null) {
            g.writeNull();
        } else if (isJson(payload)) {
            g.writeRawValue(new String(payload, StandardCharsets.UTF_8));
        } else {
            g.writeString(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private static boolean isJson(byte[] payload) {
        try (JsonParser p = FACTORY.createParser(payload)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
