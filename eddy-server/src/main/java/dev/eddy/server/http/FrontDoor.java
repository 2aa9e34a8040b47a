package dev.eddy.server.http;

import dev.eddy.arn.Account;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The one HTTP entrance of the AWS protocols. {@code POST /} goes to a {@link JsonService} chosen by
 * the {@code X-Amz-Target} prefix, or, for a form-encoded body, to the {@link QueryService} (which
 * also gets form-encoded {@code POST /ACCOUNT/NAME}, a queue addressed by its URL);
 * {@link RestService}s get their own routes; {@code GET /} is the health check.
 *
 * <p>Once, for every protocol, the front door: puts a request id in {@code x-amzn-RequestId} on
 * every answer; reads the body whole, within a limit ({@link #MAX_REQUEST_BODY} on {@code POST /},
 * {@link #MAX_PAYLOAD} elsewhere), before any engine work; runs the operation on the
 * {@link StoreWorkers} (except REST routes that wait, see {@link RestRoutes.Work}); and renders an
 * {@link dev.eddy.error.EddyException} in the protocol's error shape; allows cross-origin calls
 * ({@link Cors}); and answers an unknown method or path in the protocol's error shape. It knows no
 * service: each
 * registers itself through the composition root.
 *
 * <p>Lifecycle: the composition root registers every service, then passes {@link #routing} to the
 * web server. Registration is not thread-safe and ends when {@link #routing} is called; after that
 * the front door is read-only and serves requests on their virtual threads.
 */
public final class FrontDoor {
    /** Largest request body the listener accepts at all (Lambda code uploads are the biggest). */
    public static final int MAX_PAYLOAD = 100 * 1024 * 1024;
    /**
     * Largest body of a {@code POST /} request: DynamoDB's 16 MB plus room for the JSON around it.
     * Beyond it the answer is a ValidationException (400), in the protocol's shape.
     */
    public static final int MAX_REQUEST_BODY = 16 * 1024 * 1024 + 64 * 1024;

    /**
     * Longest request line (method, path, query, version) the listener reads: Lambda's paths carry
     * qualifiers and markers, and AWS takes lines far past the web server's 4 KiB default. A longer
     * line is answered 414 in the protocol's error shape ({@link WireErrors}).
     */
    public static final int MAX_REQUEST_LINE = 16 * 1024;

    static final HeaderName REQUEST_ID = HeaderNames.create("x-amzn-RequestId");
    private static final HeaderName ERROR_TYPE = HeaderNames.create("X-Amzn-ErrorType");
    private static final HeaderName CRC32_HEADER = HeaderNames.create("x-amz-crc32");
    private static final String FORM = "application/x-www-form-urlencoded";

    private final StoreWorkers workers;
    private final SignatureCheck signatures;
    private final Map<String, JsonService> jsonServices = new LinkedHashMap<>();
    private final List<RestService> restServices = new ArrayList<>();
    private QueryService queryService;
    private boolean routed;

    /** @param workers where operations run; owned (and closed) by the caller */
    public FrontDoor(StoreWorkers workers) {
        this(workers, AccessKeys.OFF, Account.DEFAULT.region(), InstantSource.system());
    }

    /**
     * @param workers where operations run; owned (and closed) by the caller
     * @param keys the keys whose signatures every service accepts, or {@link AccessKeys#OFF}
     * @param region the server's one region, the only one a signature's credential may name
     * @param clock the time a signature's date is checked against
     */
    public FrontDoor(StoreWorkers workers, AccessKeys keys, String region, InstantSource clock) {
        this.workers = workers;
        this.signatures = new SignatureCheck(keys, region, clock);
    }

    /** Registers a JSON 1.0 service under its {@link JsonService#targetPrefix()}. */
    public void registerJson(JsonService service) {
        checkOpen();
        if (jsonServices.putIfAbsent(service.targetPrefix(), service) != null) {
            throw new IllegalStateException("target prefix already registered: " + service.targetPrefix());
        }
    }

    /** Registers the query-protocol service; there is at most one. */
    public void registerQuery(QueryService service) {
        checkOpen();
        if (queryService != null) {
            throw new IllegalStateException("a query service is already registered");
        }
        queryService = service;
    }

    /** Registers a REST-JSON service; its routes are declared when {@link #routing} runs. */
    public void registerRest(RestService service) {
        checkOpen();
        restServices.add(service);
    }

    /** Declares the health check, {@code POST /} and every REST service's routes on {@code rules}. */
    public void routing(HttpRules rules) {
        checkOpen();
        routed = true;
        JsonEndpoint json = new JsonEndpoint(jsonServices, workers, signatures);
        QueryEndpoint query = new QueryEndpoint(queryService, workers, signatures);
        rules.any(Cors::handle);
        rules.get("/", (req, res) -> res.send("healthy: " + req.authority()))
                .post("/", (req, res) -> post(req, res, json, query));
        for (RestService service : restServices) {
            service.routes(new RestRoutes(rules, new RestEndpoint(service, workers, signatures)));
        }
        // after the REST routes, which keep their own two-segment paths: the SDK for Java v1 posts
        // SQS query requests to the queue's URL, /ACCOUNT/NAME, instead of sending QueueUrl
        rules.post("/{account}/{name}", (req, res) -> {
            if (form(req)) {
                query.handle(req, res);
            } else {
                res.next();
            }
        });
        rules.any(FrontDoor::unknown);
    }

    /**
     * Configures what the front door needs of the web server itself: the request body encodings it
     * accepts ({@link RequestEncodings}) and AWS-shaped answers to the requests the web server
     * refuses before any route runs ({@link WireErrors}), and the HTTP/1 limits
     * ({@link #MAX_REQUEST_LINE}), with HTTP/1.0 requests served as well ({@link Http10Selector}).
     */
    public static void configure(WebServerConfig.Builder server) {
        // the one connection selector, replacing the discovered HTTP/1 protocol instead of adding
        // a second: with two selectors the web server picks one by peeking at the request line,
        // and that peek admits only lines ending in " HTTP/1.1" CR LF, so a malformed line (LF
        // only, another version) would be dropped without an answer instead of getting its 400;
        // the one selector also serves HTTP/1.0 (Http10Selector)
        server.protocolsDiscoverServices(false)
                .protocols(List.of())
                .connectionSelectors(List.of(Http10Selector.of(Http1Config.builder()
                        .maxPrologueLength(MAX_REQUEST_LINE)
                        // the web server would scan every answer header's name and value as it writes
                        // them (2 % of a GetItem's CPU), yet none comes from a client unchecked: they
                        // are constants, request ids, checksums, lengths, function versions and
                        // base64 log tails the server makes, or request header values echoed by CORS,
                        // which the request's own header validation has already checked
                        .validateResponseHeaders(false)
                        .build())));
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        WireErrors errors = new WireErrors();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, errors);
        }
        server.contentEncoding(RequestEncodings.context()).directHandlers(handlers.build());
        // an answer the web server writes in more than one piece (a Query's page, an error after
        // its head) must not wait for the client's delayed acknowledgement of the first piece
        server.connectionOptions(o -> o.tcpNoDelay(true));
    }

    /** A method and path no route takes: the protocol's unknown-operation error, never a plain text. */
    private static void unknown(ServerRequest req, ServerResponse res) {
        String requestId = RequestIds.uuid();
        if (req.path().path().equals("/")) {
            byte[] body = "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}"
                    .getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(body);
            res.status(Status.BAD_REQUEST_400)
                    .header(HeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0")
                    .header(REQUEST_ID, RequestIds.dynamoDbStyle())
                    .header(CRC32_HEADER, Long.toString(crc.getValue()))
                    .send(body);
            return;
        }
        res.status(Status.NOT_FOUND_404)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(REQUEST_ID, requestId)
                .header(ERROR_TYPE, "UnknownOperationException")
                .send("{\"Type\":\"User\",\"message\":\"Unknown operation\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void post(ServerRequest req, ServerResponse res, JsonEndpoint json, QueryEndpoint query) {
        if (form(req)) {
            query.handle(req, res);
        } else {
            json.handle(req, res);
        }
    }

    private static boolean form(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        return type.toLowerCase(Locale.ROOT).startsWith(FORM);
    }

    private void checkOpen() {
        if (routed) {
            throw new IllegalStateException("the front door's routing is already built");
        }
    }
}
