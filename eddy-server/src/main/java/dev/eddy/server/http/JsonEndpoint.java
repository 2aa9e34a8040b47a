package dev.eddy.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON 1.0 protocol on {@code POST /}: dispatch by {@code X-Amz-Target} prefix to a registered
 * {@link JsonService}, and the protocol's answers and errors, rendered here in one place. Checks
 * run in DynamoDB's order: body size and parse, target, authentication, member types, then the
 * operation. A request no service claims is answered as DynamoDB answers it, the endpoint's first
 * service: 52-character request id, {@code x-amz-crc32}, UnknownOperationException.
 */
final class JsonEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(JsonEndpoint.class);
    private static final Header CONTENT_TYPE =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0");
    private static final HeaderName TARGET = HeaderNames.create("X-Amz-Target");
    private static final HeaderName CRC32_HEADER = HeaderNames.create("x-amz-crc32");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // DynamoDB answers a body over its limit with 413, whether it came with a Content-Length or
    // chunked: the limit is counted while reading, so both are caught the same way
    static final BodyLimit LIMIT = new BodyLimit(
            FrontDoor.MAX_REQUEST_BODY,
            () -> new EddyException(
                    ErrorCode.REQUEST_ENTITY_TOO_LARGE, "Request size exceeds the maximum allowed size of 16 MB"));
    /**
     * Longest member name the reader takes, in characters: DynamoDB allows 64 KB attribute names
     * outside the key (Jackson's own default is 50,000). Longer names are refused here; the
     * adapter checks the exact byte limits.
     */
    static final int MAX_NAME_LENGTH = 64 * 1024 + 1;

    private final Map<String, JsonService> services;
    private final StoreWorkers workers;
    private final SignatureCheck signatures;
    private final ObjectMapper json;

    JsonEndpoint(Map<String, JsonService> services, StoreWorkers workers, SignatureCheck signatures) {
        this.services = Map.copyOf(services);
        this.workers = workers;
        this.signatures = signatures;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(256)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                .build();
        this.json = new ObjectMapper(factory);
    }

    private record Answer(int status, byte[] body, Map<String, String> headers) {}

    /** Handles one request on its virtual thread. Never throws: every failure becomes an answer. */
    void handle(ServerRequest req, ServerResponse res) {
        String target = req.headers().first(TARGET).orElse(null);
        JsonService service = service(target);
        String requestId = service == null ? RequestIds.dynamoDbStyle() : service.newRequestId();
        Answer answer;
        try {
            byte[] body = read(req);
            Callable<byte[]> work = () -> {
                ObjectNode out = dispatch(req, target, service, body);
                return out == null ? new byte[0] : json.writeValueAsBytes(out);
            };
            // parsing, the operation and writing its answer run on a store worker (StoreWorkers says
            // why), unless the operation waits for something other than the store
            answer = new Answer(200, waits(service, target) ? work.call() : workers.call(work), Map.of());
        } catch (EddyException e) {
            answer = error(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = error(service, internalError());
        } catch (Exception e) {
            LOG.error("request {} failed", requestId, e);
            answer = error(service, internalError());
        }
        send(req, res, service, requestId, answer);
    }

    private JsonService service(String target) {
        int dot = target == null ? -1 : target.indexOf('.');
        return dot < 0 ? null : services.get(target.substring(0, dot));
    }

    private static boolean waits(JsonService service, String target) {
        return service != null && service.waits(target.substring(target.indexOf('.') + 1));
    }

    private static byte[] read(ServerRequest req) {
        try {
            return LIMIT.read(req);
        } catch (EddyException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw EddyException.serialization("Unable to read the request body");
        }
    }

    private ObjectNode dispatch(ServerRequest req, String target, JsonService service, byte[] body) {
        String name = service == null ? null : target.substring(target.indexOf('.') + 1);
        JsonOperation op = name == null ? null : service.operation(name);
        JsonNode parsed = op == null ? null : read(service.reader(name), body);
        if (parsed == null) {
            parsed = parse(body);
        }
        if (op == null) {
            throw new EddyException(ErrorCode.UNKNOWN_OPERATION, null);
        }
        authenticate(req, service, body);
        if (!parsed.isObject()) {
            throw JsonRequest.wrongType(parsed);
        }
        return op.apply(new JsonRequest((ObjectNode) parsed, req.authority()));
    }

    private void authenticate(ServerRequest req, JsonService service, byte[] body) {
        if (!signatures.enabled()) {
            Auth.check(req);
            return;
        }
        try {
            // DynamoDB Streams signs with DynamoDB's name; SQS is the one query-compatible service
            signatures.verify(req, body, service.queryCompatible() ? "sqs" : "dynamodb");
        } catch (SignatureRejected e) {
            throw service.queryCompatible() ? e.forSqs() : e.forDynamoDb();
        }
    }

    /**
     * The body read by the operation's own reader, or null when it has none or declines: then the
     * general {@link #parse} builds the tree and reports whatever is wrong with the body.
     */
    private ObjectNode read(RequestReader reader, byte[] bytes) {
        if (reader == null || bytes.length == 0) {
            return null;
        }
        try (JsonParser parser = json.createParser(bytes)) {
            return reader.read(parser);
        } catch (IOException | RuntimeException e) {
            // not an error here: the general parse that follows reports it, in its own words
            return null;
        }
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return NODES.objectNode();
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null) {
                return NODES.objectNode();
            }
            WellFormedText.check(node);
            return node;
        } catch (JacksonException e) {
            throw EddyException.serialization(parseError(e));
        } catch (IOException e) {
            throw EddyException.serialization("Unable to parse the request body");
        }
    }

    /**
     * The parser's reason followed by where it stopped, as DynamoDB's parse errors end; the
     * column counts bytes of the body. The source itself is never echoed.
     */
    static String parseError(JacksonException e) {
        JsonLocation at = e.getLocation();
        String reason = e.getOriginalMessage();
        if (at == null || at.getLineNr() < 1) {
            return reason;
        }
        return reason + " at [line: " + at.getLineNr() + ", column: " + at.getColumnNr() + "]";
    }

    private static EddyException internalError() {
        return new EddyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
    }

    private Answer error(JsonService service, EddyException e) {
        ObjectNode out = NODES.objectNode();
        out.put("__type", e.code().type());
        if (e.getMessage() != null) {
            out.put("message", e.getMessage());
        }
        if (service != null) {
            service.addErrorMembers(e, out);
        }
        try {
            return new Answer(
                    e.code().httpStatus(),
                    json.writeValueAsBytes(out),
                    service == null ? Map.of() : service.errorHeaders(e));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void send(
            ServerRequest req, ServerResponse res, JsonService service, String requestId, Answer answer) {
        res.status(Status.create(answer.status()));
        res.header(CONTENT_TYPE);
        res.header(FrontDoor.REQUEST_ID, requestId);
        answer.headers().forEach((name, value) -> res.header(name, value));
        // compressed here, not by the web server: DynamoDB's x-amz-crc32 is the checksum of the
        // bytes on the wire, the compressed ones, and the SDKs check it that way
        byte[] body =
                ResponseEncodings.encode(ResponseEncodings.negotiate(req.headers()), answer.body(), res.headers());
        if (service == null || service.sendsCrc32()) {
            CRC32 crc = new CRC32();
            crc.update(body);
            res.header(CRC32_HEADER, Long.toString(crc.getValue()));
        }
        res.send(body);
    }
}
