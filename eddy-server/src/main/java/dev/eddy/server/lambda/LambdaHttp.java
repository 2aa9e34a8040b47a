package dev.eddy.server.lambda;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.error.ErrorDetail;
import dev.eddy.function.FunctionConfig;
import dev.eddy.function.FunctionLogs;
import dev.eddy.function.FunctionService;
import dev.eddy.function.InvocationResult;
import dev.eddy.function.InvocationType;
import dev.eddy.function.InvokeRequest;
import dev.eddy.function.QualifiedFunction;
import dev.eddy.server.http.RestRoutes;
import dev.eddy.server.http.RestRoutes.Work;
import dev.eddy.server.http.RestService;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The Lambda REST-JSON API (version 2015-03-31) on the DynamoDB port, plus Eddy's own endpoints
 * under {@value #EDDY_PREFIX} (function logs, code download). Parses and validates requests, calls
 * the {@link FunctionService}, renders answers, and gives errors Lambda's body shapes
 * ({@code {"Type":"User","message":...}}); the front door adds {@code X-Amzn-ErrorType}.
 */
public final class LambdaHttp implements RestService {
    /** Prefix of Eddy-specific endpoints. */
    public static final String EDDY_PREFIX = "/eddy/v1";

    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final HeaderName REQUEST_ID = HeaderNames.create("x-amzn-RequestId");
    private static final HeaderName INVOCATION_TYPE = HeaderNames.create("X-Amz-Invocation-Type");
    private static final HeaderName LOG_TYPE = HeaderNames.create("X-Amz-Log-Type");
    private static final HeaderName CLIENT_CONTEXT = HeaderNames.create("X-Amz-Client-Context");
    private static final HeaderName FUNCTION_ERROR = HeaderNames.create("X-Amz-Function-Error");
    private static final HeaderName LOG_RESULT = HeaderNames.create("X-Amz-Log-Result");
    private static final HeaderName EXECUTED_VERSION = HeaderNames.create("X-Amz-Executed-Version");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FunctionService functions;
    private final Supplier<String> endpoint;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param endpoint the server's base URL (for GetFunction's Code.Location), known once it listens
     */
    public LambdaHttp(FunctionService functions, Supplier<String> endpoint) {
        this.functions = functions;
        this.endpoint = endpoint;
    }

    /**
     * Every Lambda route (and Eddy's function endpoints). Invocations and the logs long poll wait
     * for functions, not for the store, so they stay off the store workers.
     */
    @Override
    public void routes(RestRoutes routes) {
        routes.post(FUNCTIONS, this::createFunction)
                .post(FUNCTIONS + "/", this::createFunction)
                .get(FUNCTIONS, this::listFunctions)
                .get(FUNCTIONS + "/", this::listFunctions)
                .get(FUNCTIONS + "/{name}", this::getFunction)
                .delete(FUNCTIONS + "/{name}", this::deleteFunction)
                .get(FUNCTIONS + "/{name}/configuration", this::getConfiguration)
                .put(FUNCTIONS + "/{name}/configuration", this::updateConfiguration)
                .put(FUNCTIONS + "/{name}/code", this::updateCode)
                .post(FUNCTIONS + "/{name}/invocations", Work.WAIT, this::invoke)
                .put("/2017-10-31/functions/{name}/concurrency", this::putConcurrency)
                .get("/2019-09-30/functions/{name}/concurrency", this::getConcurrency)
                .delete("/2017-10-31/functions/{name}/concurrency", this::deleteConcurrency)
                .get(EDDY_PREFIX + "/functions/{name}/logs", Work.WAIT, this::logs)
                .get(EDDY_PREFIX + "/functions/{name}/code", this::code);
    }

    // ------------------------------------------------------------------ operations

    private void createFunction(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body = body(req);
        FunctionConfig c = functions.create(LambdaRequests.createFunction(body));
        send(res, Status.CREATED_201, configuration(c, body.path("Publish").asBoolean(false)));
    }

    /**
     * The configuration CreateFunction and UpdateFunctionCode answer; with {@code Publish: true}
     * the version is published first and the answer is {@code $LATEST}'s configuration with that
     * {@code Version} and the unqualified ARN, as Lambda answers.
     */
    private ObjectNode configuration(FunctionConfig c, boolean publish) {
        if (!publish) {
            return FunctionJson.configuration(functions, c, true);
        }
        QualifiedFunction v = functions.versions().publishStored(c.name());
        return FunctionJson.configuration(
                functions, new QualifiedFunction(c, v.version(), functions.functionArn(c.name())), true);
    }

    private void listFunctions(ServerRequest req, ServerResponse res) throws IOException {
        String marker = query(req, "Marker");
        String max = query(req, "MaxItems");
        int maxItems = 50;
        if (max != null) {
            int n = LambdaJsonBodies.number(max, "maxItems");
            if (n < 1 || n > 10000) {
                throw new EddyException(
                        ErrorCode.LAMBDA_VALIDATION,
                        "1 validation error detected: Value '" + n
                                + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                                + (n < 1 ? "greater than or equal to 1" : "less than or equal to 10000"));
            }
            maxItems = Math.min(n, 50);
        }
        FunctionService.FunctionPage page = functions.list(marker, maxItems);
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("Functions");
        page.functions().forEach(c -> list.add(FunctionJson.configuration(functions, c, false)));
        if (page.nextMarker() != null) {
            out.put("NextMarker", page.nextMarker());
        }
        send(res, Status.OK_200, out);
    }

    private void getFunction(ServerRequest req, ServerResponse res) throws IOException {
        QualifiedFunction f = functions.describe(name(req), query(req, "Qualifier"));
        send(res, Status.OK_200, FunctionJson.getFunction(functions, f, endpoint.get()));
    }

    private void getConfiguration(ServerRequest req, ServerResponse res) throws IOException {
        QualifiedFunction f = functions.describe(name(req), query(req, "Qualifier"));
        send(res, Status.OK_200, FunctionJson.configuration(functions, f, true));
    }

    private void updateConfiguration(ServerRequest req, ServerResponse res) throws IOException {
        FunctionConfig c = functions.updateConfiguration(name(req), LambdaRequests.updateConfiguration(body(req)));
        send(res, Status.OK_200, FunctionJson.configuration(functions, c, true));
    }

    private void updateCode(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body = body(req);
        FunctionConfig c = functions.updateCode(name(req), LambdaRequests.updateCode(body));
        boolean publish =
                body.path("Publish").asBoolean(false) && !body.path("DryRun").asBoolean(false);
        send(res, Status.OK_200, configuration(c, publish));
    }

    private void deleteFunction(ServerRequest req, ServerResponse res) {
        functions.delete(name(req), query(req, "Qualifier"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void invoke(ServerRequest req, ServerResponse res) throws IOException {
        InvocationType type =
                invocationType(req.headers().first(INVOCATION_TYPE).orElse("RequestResponse"));
        String logType = req.headers().first(LOG_TYPE).orElse("None");
        if (!logType.equals("None") && !logType.equals("Tail")) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + logType
                            + "' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]");
        }
        byte[] payload = RestRoutes.body(req);
        if (payload.length == 0) {
            payload = "{}".getBytes(StandardCharsets.UTF_8);
        } else {
            checkJson(payload);
        }
        String clientContext = req.headers()
                .first(CLIENT_CONTEXT)
                .map(LambdaHttp::decodeClientContext)
                .orElse(null);
        InvocationResult r = functions.invoke(new InvokeRequest(
                name(req),
                query(req, "Qualifier"),
                type,
                payload,
                logType.equals("Tail") && type == InvocationType.RequestResponse,
                clientContext));
        respond(res, r);
    }

    /** Renders an Invoke result: the one place that knows its statuses and headers. */
    private void respond(ServerResponse res, InvocationResult result) {
        switch (result) {
            case InvocationResult.Success s -> {
                ran(res, s.requestId(), s.executedVersion(), s.logTail());
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.status(Status.OK_200).send(s.payload());
            }
            case InvocationResult.FunctionError f -> {
                ran(res, f.requestId(), f.executedVersion(), f.logTail());
                res.header(FUNCTION_ERROR, f.errorType().name());
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.status(Status.OK_200).send(f.payload());
            }
            case InvocationResult.Accepted a -> {
                res.header(REQUEST_ID, a.requestId());
                res.status(Status.ACCEPTED_202).send();
            }
            case InvocationResult.Validated v -> {
                res.header(REQUEST_ID, v.requestId());
                res.header(EXECUTED_VERSION, v.executedVersion());
                res.status(Status.NO_CONTENT_204).send();
            }
            // refusals are rendered by the front door like every other error of this service;
            // message as Lambda sends it for concurrency throttles (see docs/lambda.md)
            case InvocationResult.Throttled t ->
                throw new EddyException(
                        ErrorCode.LAMBDA_TOO_MANY_REQUESTS,
                        "Rate Exceeded.",
                        new ErrorDetail.Throttle(t.reason().name()));
            case InvocationResult.NotReady n ->
                throw new EddyException(ErrorCode.LAMBDA_RESOURCE_CONFLICT, n.message())
                        .withFunction(functions.functionArn(n.functionName()));
        }
    }

    private static void ran(ServerResponse res, String requestId, String executedVersion, String logTail) {
        res.header(REQUEST_ID, requestId);
        res.header(EXECUTED_VERSION, executedVersion);
        if (logTail != null) {
            res.header(LOG_RESULT, logTail);
        }
    }

    private void putConcurrency(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body = body(req);
        JsonNode n = body.get("ReservedConcurrentExecutions");
        if (n == null || n.isNull()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value null at "
                            + "'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
        }
        if (n.asInt() < 0) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + n.asInt()
                            + "' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value "
                            + "greater than or equal to 0");
        }
        int reserved = functions.putConcurrency(name(req), n.asInt());
        send(res, Status.OK_200, NODES.objectNode().put("ReservedConcurrentExecutions", reserved));
    }

    private void getConcurrency(ServerRequest req, ServerResponse res) throws IOException {
        Integer n = functions.getConcurrency(name(req));
        ObjectNode out = NODES.objectNode();
        if (n != null) {
            out.put("ReservedConcurrentExecutions", n);
        }
        send(res, Status.OK_200, out);
    }

    private void deleteConcurrency(ServerRequest req, ServerResponse res) {
        functions.deleteConcurrency(name(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    /**
     * Eddy-specific: {@code GET /eddy/v1/functions/{name}/logs?after=N&limit=M&waitSeconds=S}
     * returns {@code {"events":[{sequence,timestamp,logStreamName,message}],"nextSequence":N}};
     * with {@code waitSeconds} it waits up to that long for new events (long poll, for --follow).
     */
    private void logs(ServerRequest req, ServerResponse res) throws Exception {
        String fn = name(req);
        functions.get(fn, null); // 404 for unknown functions
        long after = query(req, "after") == null ? 0 : Long.parseLong(query(req, "after"));
        int limit = query(req, "limit") == null ? 1000 : Integer.parseInt(query(req, "limit"));
        int wait = query(req, "waitSeconds") == null ? 0 : Math.min(60, Integer.parseInt(query(req, "waitSeconds")));
        FunctionLogs.Page page = wait > 0
                ? functions.logs().await(fn, after, limit, Duration.ofSeconds(wait))
                : functions.logs().read(fn, after, limit);
        ObjectNode out = NODES.objectNode();
        ArrayNode events = out.putArray("events");
        for (FunctionLogs.LogEvent e : page.events()) {
            ObjectNode n = events.addObject();
            n.put("sequence", e.sequence());
            n.put("timestamp", e.timestamp());
            n.put("logStreamName", e.logStreamName());
            n.put("message", e.message());
        }
        out.put("nextSequence", page.nextSequence());
        send(res, Status.OK_200, out);
    }

    /** Eddy-specific: the deployment package, where GetFunction's Code.Location points. */
    private void code(ServerRequest req, ServerResponse res) {
        byte[] zip = functions.code(name(req), query(req, "Qualifier"));
        res.header(HeaderNames.CONTENT_TYPE, "application/zip");
        res.status(Status.OK_200).send(zip);
    }

    // ------------------------------------------------------------------ helpers

    private static InvocationType invocationType(String value) {
        try {
            return InvocationType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + value
                            + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: "
                            + "[Event, RequestResponse, DryRun]");
        }
    }

    private void checkJson(byte[] payload) {
        try (var parser = json.getFactory().createParser(payload)) {
            while (parser.nextToken() != null) {
                // reading every token validates the document
            }
        } catch (IOException e) {
            String msg = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: Could not parse payload into json: " + msg);
        }
    }

    private static String decodeClientContext(String b64) {
        try {
            return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT,
                    "Client context must be a valid Base64-encoded JSON object.");
        }
    }

    private JsonNode body(ServerRequest req) throws IOException {
        return LambdaJsonBodies.read(req);
    }

    private static String name(ServerRequest req) {
        return LambdaJsonBodies.pathParameter(req, "name");
    }

    private static String query(ServerRequest req, String name) {
        return req.query().first(name).orElse(null);
    }

    private static void send(ServerResponse res, Status status, JsonNode body) throws IOException {
        LambdaJsonBodies.send(res, status, body);
    }

    /** Lambda's error bodies: the message key and the Type member differ per error. */
    @Override
    public ObjectNode errorBody(EddyException e) {
        return LambdaErrors.body(e);
    }

    @Override
    public EddyException internalError() {
        return LambdaJsonBodies.internalError();
    }
}
