package dev.eddy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Lambda's function-error object, the payload of an Invoke answered with {@code
 * X-Amz-Function-Error}: {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...]}}.
 * Written with Jackson's streaming generator, so every string is escaped as JSON requires.
 *
 * <p>Two member orders exist on AWS and clients compare payloads byte for byte: the language
 * runtimes (and Lambda's own {@code Function.ResponseSizeTooLarge}) write {@code errorMessage}
 * first ({@link #of}); the sandbox writes {@code errorType} first for timeouts and runtime exits
 * ({@link #sandbox}).
 *
 * <p>Stateless and thread-safe.
 */
public final class FunctionErrorJson {
    // shared (a JsonFactory is thread-safe); characters outside the BMP are written as UTF-8, not as
    // escaped surrogate pairs, as the Java runtime writes them
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private FunctionErrorJson() {}

    /**
     * {@code {"errorMessage":..., "errorType":..., "stackTrace":[...]}} as the AWS Java runtime
     * writes it.
     *
     * @param errorType left out when null (handler faults the runtime reports without a type)
     * @param stackTrace left out when null; an empty list gives {@code "stackTrace":[]}
     */
    public static byte[] of(String errorMessage, String errorType, List<String> stackTrace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("errorMessage", errorMessage);
            if (errorType != null) {
                g.writeStringField("errorType", errorType);
            }
            if (stackTrace != null) {
                g.writeArrayFieldStart("stackTrace");
                for (String frame : stackTrace) {
                    g.writeString(frame);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to take bytes
        }
        return out.toByteArray();
    }

    /**
     * {@code {"errorType":..., "errorMessage":...}} as Lambda's sandbox writes it, e.g. {@code
     * Sandbox.Timedout} or {@code Runtime.ExitError}.
     */
    public static byte[] sandbox(String errorType, String errorMessage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("errorType", errorType);
            g.writeStringField("errorMessage", errorMessage);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
