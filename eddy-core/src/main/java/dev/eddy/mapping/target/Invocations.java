package dev.eddy.mapping.target;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.function.InvocationResult;
import dev.eddy.mapping.shard.InvokeOutcome;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Invokes a mapping's function with a batch and turns the {@link InvocationResult} into the shard
 * processor's {@link InvokeOutcome}: a returned response is read for {@code batchItemFailures}
 * (spec 4.8) and the tumbling window's {@code state} (spec 4.11); a function error fails the
 * attempt; a throttle, a function that is not ready or does not exist is "not invoked" (retried
 * without using an attempt, spec 4.4). Stateless and thread-safe.
 */
public final class Invocations {
    private static final JsonFactory JSON = new JsonFactory();

    private Invocations() {}

    /** Invokes and classifies; never throws for what the function or the service answered. */
    public static Invoked invoke(FunctionTarget target, String functionArn, byte[] payload) {
        InvocationResult result;
        try {
            result = target.invoke(functionArn, payload);
        } catch (EddyException e) {
            String problem = e.code() == ErrorCode.LAMBDA_RESOURCE_NOT_FOUND
                    ? "PROBLEM: Function not found: " + functionArn
                    : "PROBLEM: Function call failed: " + e.getMessage();
            return new Invoked(
                    new InvokeOutcome.NotInvoked(e.getMessage()), null, e.code().httpStatus(), null, null, problem);
        }
        return switch (result) {
            case InvocationResult.Success s ->
                new Invoked(returned(s.payload()), s.requestId(), 200, s.executedVersion(), null, Invoked.OK);
            case InvocationResult.FunctionError f ->
                new Invoked(
                        new InvokeOutcome.FunctionError(f.errorType().name()),
                        f.requestId(),
                        200,
                        f.executedVersion(),
                        f.errorType().name(),
                        "PROBLEM: Function call failed");
            case InvocationResult.Throttled t ->
                new Invoked(
                        new InvokeOutcome.NotInvoked("throttled: " + t.reason()),
                        null,
                        429,
                        null,
                        null,
                        "PROBLEM: Function call throttled");
            case InvocationResult.NotReady n ->
                new Invoked(
                        new InvokeOutcome.NotInvoked(n.message()), null, 409, null, null, "PROBLEM: " + n.message());
            case InvocationResult.Accepted a -> throw new IllegalStateException("a mapping invokes synchronously");
            case InvocationResult.Validated v -> throw new IllegalStateException("a mapping invokes synchronously");
        };
    }

    /**
     * Reads a returned response: its {@code batchItemFailures} identifiers (null entries for
     * unusable items; null when the response has no list) and its {@code state} as JSON text.
     * Anything but a JSON object (nothing, {@code null}, an array, a string) is a plain success.
     */
    static InvokeOutcome.Returned returned(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return InvokeOutcome.Returned.ok();
        }
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return InvokeOutcome.Returned.ok();
            }
            List<String> failures = null;
            String state = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("batchItemFailures")) {
                    failures = failures(p, value);
                } else if (name.equals("state") && value != JsonToken.VALUE_NULL) {
                    state = copy(p);
                } else {
                    p.skipChildren();
                }
            }
            return new InvokeOutcome.Returned(failures, state);
        } catch (IOException e) {
            // not JSON: the function returned something, with no report and no state
            return InvokeOutcome.Returned.ok();
        }
    }

    private static List<String> failures(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (value != JsonToken.START_ARRAY) {
            // a report that is not a list cannot name the records: the whole batch failed
            p.skipChildren();
            out.add(null);
            return out;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.currentToken() == JsonToken.START_OBJECT ? identifier(p) : skip(p));
        }
        return out;
    }

    private static String identifier(JsonParser p) throws IOException {
        String id = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("itemIdentifier") && value == JsonToken.VALUE_STRING) {
                id = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return id == null || id.isEmpty() ? null : id;
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static String copy(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }
}
