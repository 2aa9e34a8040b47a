package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.error.ErrorDetail;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The front door with services of its own making: dispatch, offload to the store workers, request
 * ids and error rendering for the three protocols, independent of any real adapter.
 */
class FrontDoorTest {
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static StoreWorkers workers;
    static FrontDoor door;
    static WebServer web;

    /** A JSON service whose operations report where they ran. */
    record FakeJson(String targetPrefix) implements JsonService {
        @Override
        public JsonOperation operation(String name) {
            return switch (name) {
                case "Where", "WhereWaiting", "Read", "Throwing" ->
                    r -> NODES.objectNode()
                            .put("service", targetPrefix)
                            .put("thread", Thread.currentThread().getName())
                            .put("virtual", Thread.currentThread().isVirtual())
                            .put("authority", r.authority())
                            .set("got", r.body());
                case "Fail" ->
                    r -> {
                        r.required("first", r.string("First"));
                        r.length("second", r.string("Second"), 3, 5);
                        r.check();
                        throw new EddyException(
                                ErrorCode.RESOURCE_NOT_FOUND, "no such thing", new ErrorDetail.Throttle("7"));
                    };
                default -> null;
            };
        }

        @Override
        public boolean waits(String name) {
            return name.equals("WhereWaiting");
        }

        /**
         * "Read" (answered like "Where") has a reader that takes only {"a": <int>} and marks what
         * it read; "Throwing" has one that fails on every body.
         */
        @Override
        public RequestReader reader(String name) {
            return switch (name) {
                case "Read" ->
                    p -> {
                        if (p.nextToken() != JsonToken.START_OBJECT
                                || !"a".equals(p.nextFieldName())
                                || p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        ObjectNode read =
                                NODES.objectNode().put("a", p.getIntValue()).put("read", true);
                        return p.nextToken() == JsonToken.END_OBJECT ? read : null;
                    };
                case "Throwing" ->
                    p -> {
                        throw new IllegalStateException("a reader's own failure");
                    };
                default -> null;
            };
        }

        @Override
        public void addErrorMembers(EddyException e, ObjectNode body) {
            body.put("Service", targetPrefix);
            // the service renders the exception's detail, as the real services do
            if (e.detail() instanceof ErrorDetail.Throttle t) {
                body.put("Extra", Integer.parseInt(t.reason()));
            }
        }

        @Override
        public Map<String, String> errorHeaders(EddyException e) {
            return Map.of("x-amzn-query-error", e.code().shortName() + ";Sender");
        }
    }

    record FakeQuery() implements QueryService {
        @Override
        public String xmlNamespace() {
            return "urn:fake";
        }

        @Override
        public QueryOperation operation(String action) {
            return switch (action) {
                case "Where" ->
                    q -> ("<WhereResponse><Thread>" + Thread.currentThread().getName() + "</Thread><Name>"
                                    + q.parameter("Name") + "</Name><RequestId>" + q.requestId()
                                    + "</RequestId></WhereResponse>")
                            .getBytes(StandardCharsets.UTF_8);
                case "Fail" ->
                    q -> {
                        throw EddyException.validation("bad <" + q.parameter("Name") + ">");
                    };
                case "Path", "PathWaiting" ->
                    q -> (q.path() + " " + q.authority() + " "
                                    + Thread.currentThread().isVirtual())
                            .getBytes(StandardCharsets.UTF_8);
                default -> null;
            };
        }

        @Override
        public boolean waits(String action) {
            return action.equals("PathWaiting");
        }

        @Override
        public QueryError error(EddyException e) {
            return new QueryError("Fake.Validation", true, 400, e.getMessage());
        }
    }

    record FakeRest() implements RestService {
        @Override
        public void routes(RestRoutes routes) {
            routes.get(
                            "/fake/store",
                            (req, res) -> res.send(Thread.currentThread().getName()))
                    .get(
                            "/fake/wait",
                            RestRoutes.Work.WAIT,
                            (req, res) -> res.send(
                                    Thread.currentThread().isVirtual()
                                            ? "virtual"
                                            : Thread.currentThread().getName()))
                    .post(
                            "/fake/body",
                            (req, res) -> res.send(new String(RestRoutes.body(req), StandardCharsets.UTF_8)))
                    .get("/fake/fail", (req, res) -> {
                        throw new EddyException(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND, "not here");
                    })
                    .get("/fake/crash", (req, res) -> {
                        throw new IllegalStateException("bug");
                    });
        }

        @Override
        public ObjectNode errorBody(EddyException e) {
            return NODES.objectNode().put("Message", e.getMessage());
        }

        @Override
        public EddyException internalError() {
            return new EddyException(ErrorCode.LAMBDA_SERVICE, "oops");
        }
    }

    @BeforeAll
    static void start() {
        workers = new StoreWorkers(2);
        door = new FrontDoor(workers);
        door.registerJson(new FakeJson("Fake_1"));
        door.registerJson(new FakeJson("Other_2"));
        door.registerQuery(new FakeQuery());
        door.registerRest(new FakeRest());
        web = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(door::routing)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        web.stop();
        workers.close();
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + web.port() + path);
    }

    static HttpResponse<String> json(String target, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri("/"))
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", target)
                        .header("Authorization", AUTH)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> form(String body) throws Exception {
        return form("/", body);
    }

    static HttpResponse<String> form(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jsonRequestsReachTheServiceOfTheirPrefixOnAStoreWorker() throws Exception {
        for (String prefix : new String[] {"Fake_1", "Other_2"}) {
            HttpResponse<String> r = json(prefix + ".Where", "{\"a\":1}");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("service").asText()).isEqualTo(prefix);
            assertThat(body.get("thread").asText()).startsWith("eddy-store-");
            assertThat(body.get("authority").asText()).isEqualTo("127.0.0.1:" + web.port());
            assertThat(body.get("got")).isEqualTo(JSON.readTree("{\"a\":1}"));
            assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow())
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(r.headers().firstValue("x-amz-crc32")).isEmpty();
        }
    }

    @Test
    void jsonOperationsThatWaitRunOnTheRequestsVirtualThread() throws Exception {
        JsonNode waiting = JSON.readTree(json("Fake_1.WhereWaiting", "{}").body());
        assertThat(waiting.get("virtual").asBoolean()).isTrue();
        assertThat(waiting.get("thread").asText()).doesNotStartWith("eddy-store-");
        JsonNode plain = JSON.readTree(json("Fake_1.Where", "{}").body());
        assertThat(plain.get("virtual").asBoolean()).isFalse();
    }

    @Test
    void jsonErrorsCarryTheProtocolShapeAndTheServicesAdditions() throws Exception {
        HttpResponse<String> r = json("Fake_1.Fail", "{\"First\":\"x\",\"Second\":\"abc\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()))
                .isEqualTo(JSON.readTree("{\"__type\":"
                        + "\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"no such thing\","
                        + "\"Service\":\"Fake_1\",\"Extra\":7}"));
        assertThat(r.headers().firstValue("x-amzn-query-error")).contains("ResourceNotFoundException;Sender");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void violationsAreCollectedIntoOneValidationError() throws Exception {
        HttpResponse<String> r = json("Fake_1.Fail", "{\"Second\":\"ab\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("message").asText())
                .isEqualTo("2 validation errors detected: "
                        + "Value null at 'first' failed to satisfy constraint: Member must not be null; "
                        + "Value 'ab' at 'second' failed to satisfy constraint: Member must have length greater than or "
                        + "equal to 3");
    }

    @Test
    void anOperationsReaderBuildsTheRequestAndAnythingItDeclinesIsParsedTheGeneralWay() throws Exception {
        assertThat(JSON.readTree(json("Fake_1.Read", "{\"a\":1}").body()).get("got"))
                .isEqualTo(JSON.readTree("{\"a\":1,\"read\":true}"));
        // declined (not the one shape it reads) or failing: the general tree
        assertThat(JSON.readTree(json("Fake_1.Read", "{\"a\":\"x\",\"b\":[1]}").body())
                        .get("got"))
                .isEqualTo(JSON.readTree("{\"a\":\"x\",\"b\":[1]}"));
        assertThat(JSON.readTree(json("Fake_1.Throwing", "{\"a\":1}").body()).get("got"))
                .isEqualTo(JSON.readTree("{\"a\":1}"));
        // a body that is not JSON is reported by the general parse, in its words
        HttpResponse<String> broken = json("Fake_1.Read", "{\"a\":1,");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(broken.body()).get("__type").asText())
                .isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(JSON.readTree(broken.body()).get("message").asText()).contains("[line: 1, column: 8]");
        // a body the reader takes is still checked for authentication first
        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(uri("/"))
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", "Fake_1.Read")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(400);
        assertThat(anonymous.body()).contains("MissingAuthenticationTokenException");
    }

    @Test
    void unknownPrefixOrOperationIsAnUnknownOperation() throws Exception {
        // a target no service claims is answered as DynamoDB answers it
        for (String target : new String[] {"Nobody_1.Where", "Fake_1", "Where"}) {
            HttpResponse<String> r = json(target, "{}");
            assertThat(r.statusCode()).as(target).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
            assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).matches("[A-Z0-9]{52}");
            assertThat(r.headers().firstValue("x-amz-crc32")).isPresent();
        }
        // an unknown operation of a known service is answered in that service's way
        for (String target : new String[] {"Fake_1.Nothing", "Fake_1."}) {
            HttpResponse<String> r = json(target, "{}");
            assertThat(r.statusCode()).as(target).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("__type").asText())
                    .isEqualTo("com.amazon.coral.service#UnknownOperationException");
            assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).hasSize(36);
            assertThat(r.headers().firstValue("x-amzn-query-error")).contains("UnknownOperationException;Sender");
        }
    }

    @Test
    void queryRequestsReachTheQueryServiceOnAStoreWorker() throws Exception {
        HttpResponse<String> r = form("Action=Where&Name=a%20b%2Bc&Version=2012-11-05");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/xml");
        String id = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(r.body())
                .matches("<WhereResponse><Thread>eddy-store-\\d+</Thread><Name>a b\\+c</Name>" + "<RequestId>" + id
                        + "</RequestId></WhereResponse>");
    }

    @Test
    void queryRequestsPostedToAResourcePathAndWaitingOnes() throws Exception {
        String authority = "127.0.0.1:" + web.port();
        assertThat(form("Action=Path").body()).isEqualTo("/ " + authority + " false");
        assertThat(form("/000000000000/queue-1", "Action=Path").body())
                .isEqualTo("/000000000000/queue-1 " + authority + " false");
        assertThat(form("/000000000000/queue-1", "Action=PathWaiting").body())
                .isEqualTo("/000000000000/queue-1 " + authority + " true");
        // only form-encoded bodies, and only two segments, reach the query service there
        HttpResponse<String> json = HTTP.send(
                HttpRequest.newBuilder(uri("/000000000000/queue-1"))
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(form("/a/b/c", "Action=Path").statusCode()).isEqualTo(404);
        // a REST route of two segments keeps its requests
        assertThat(form("/fake/body", "Action=Path").body()).isEqualTo("Action=Path");
    }

    @Test
    void queryErrorsAreXmlErrorResponses() throws Exception {
        HttpResponse<String> r = form("Action=Fail&Name=x%26y");
        assertThat(r.statusCode()).isEqualTo(400);
        String id = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(r.body())
                .isEqualTo("<?xml version=\"1.0\"?><ErrorResponse xmlns=\"urn:fake\"><Error>"
                        + "<Type>Sender</Type><Code>Fake.Validation</Code><Message>bad &lt;x&amp;y&gt;</Message><Detail/>"
                        + "</Error><RequestId>" + id + "</RequestId></ErrorResponse>");
        r = form("Action=Nothing");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("<Code>InvalidAction</Code>")
                .contains("<Message>The action Nothing is not valid for this web service.</Message>");
        r = form("Version=2012-11-05");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>MissingAction</Code>");
        r = form("Action=Where&Name=%zz");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("<Code>MalformedQueryString</Code>");
    }

    @Test
    void restRoutesRunOnStoreWorkersUnlessTheyWait() throws Exception {
        HttpResponse<String> r = get("/fake/store");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("eddy-store-");
        assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).hasSize(36);
        assertThat(get("/fake/wait").body()).isEqualTo("virtual");
        HttpResponse<String> echo = HTTP.send(
                HttpRequest.newBuilder(uri("/fake/body"))
                        .POST(HttpRequest.BodyPublishers.ofString("payload"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(echo.body()).isEqualTo("payload");
    }

    @Test
    void restErrorsCarryTheTypeHeaderAndTheServicesBody() throws Exception {
        HttpResponse<String> r = get("/fake/fail");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("X-Amzn-ErrorType")).contains("ResourceNotFoundException");
        assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).hasSize(36);
        assertThat(r.body()).isEqualTo("{\"Message\":\"not here\"}");
        r = get("/fake/crash");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("X-Amzn-ErrorType")).contains("ServiceException");
        assertThat(r.body()).isEqualTo("{\"Message\":\"oops\"}");
    }

    @Test
    void registrationIsCheckedAndEndsWithTheRouting() {
        assertThatThrownBy(() -> door.registerJson(new FakeJson("New_3"))).isInstanceOf(IllegalStateException.class);
        FrontDoor other = new FrontDoor(workers);
        other.registerJson(new FakeJson("Same_1"));
        assertThatThrownBy(() -> other.registerJson(new FakeJson("Same_1"))).isInstanceOf(IllegalStateException.class);
        other.registerQuery(new FakeQuery());
        assertThatThrownBy(() -> other.registerQuery(new FakeQuery())).isInstanceOf(IllegalStateException.class);
    }
}
