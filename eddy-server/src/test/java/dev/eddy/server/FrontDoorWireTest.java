package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.testkit.TestNames;
import dev.eddy.testkit.TestTables;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The one {@code POST /} endpoint and the Lambda routes as a client sees them: dispatch by
 * {@code X-Amz-Target} prefix, what a request for no registered service gets, request ids on every
 * answer, and the body limit.
 */
class FrontDoorWireTest extends InMemoryServerTest {
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> post(String target, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.header("X-Amz-Target", target).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String target, String body) throws Exception {
        return post(target, body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(server.endpoint().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** DynamoDB's answer headers: a 52-character request id and the body's CRC32. */
    static void assertDynamoDbHeaders(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).matches("[A-Z0-9]{52}");
        CRC32 crc = new CRC32();
        crc.update(r.body().getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc.getValue()));
    }

    static JsonNode error(HttpResponse<String> r, int status, String type) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("__type").asText()).isEqualTo(type);
        return body;
    }

    @Test
    void thePrefixChoosesTheService() throws Exception {
        String table = TestNames.unique("frontdoor");
        ddb.createTable(TestTables.hashTable(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE"))
                .build());
        HttpResponse<String> tables = post("DynamoDB_20120810.ListTables", "{}");
        assertThat(tables.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(tables.body()).get("TableNames").toString()).contains("\"" + table + "\"");
        assertDynamoDbHeaders(tables);
        HttpResponse<String> streams =
                post("DynamoDBStreams_20120810.ListStreams", "{\"TableName\":\"" + table + "\"}");
        assertThat(streams.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(streams.body()).get("Streams");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("TableName").asText()).isEqualTo(table);
        assertDynamoDbHeaders(streams);
    }

    @Test
    void anOperationOfOneServiceIsUnknownToTheOther() throws Exception {
        error(post("DynamoDB_20120810.ListStreams", "{}"), 400, "com.amazon.coral.service#UnknownOperationException");
        error(
                post("DynamoDBStreams_20120810.ListTables", "{}"),
                400,
                "com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void anUnknownPrefixIsAnUnknownOperation() throws Exception {
        HttpResponse<String> r = post("AWSEvents.ListRules", "{}");
        JsonNode body = error(r, 400, "com.amazon.coral.service#UnknownOperationException");
        assertThat(body.has("message")).isFalse();
        assertDynamoDbHeaders(r);
    }

    @Test
    void aFormEncodedRequestOfAnActionNoServiceKnowsIsAnInvalidAction() throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(server.endpoint().resolve("/"))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .header("Authorization", AUTH)
                        .POST(HttpRequest.BodyPublishers.ofString("Action=ListTopics&Version=2010-03-31"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/xml");
        String id = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(id).matches(UUID);
        assertThat(r.body())
                .isEqualTo("<?xml version=\"1.0\"?><ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
                        + "<Error><Type>Sender</Type><Code>InvalidAction</Code>"
                        + "<Message>The action ListTopics is not valid for this web service."
                        + "</Message><Detail/></Error><RequestId>" + id + "</RequestId></ErrorResponse>");
    }

    @Test
    void errorsOfEachServiceCarryARequestId() throws Exception {
        HttpResponse<String> table = post("DynamoDB_20120810.DescribeTable", "{\"TableName\":\"no-such-table\"}");
        error(table, 400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
        assertDynamoDbHeaders(table);
        HttpResponse<String> stream = post("DynamoDBStreams_20120810.DescribeStream", "{}");
        JsonNode body = error(stream, 400, "com.amazon.coral.validate#ValidationException");
        assertThat(body.get("message").asText())
                .isEqualTo("1 validation error detected: "
                        + "Value null at 'streamArn' failed to satisfy constraint: Member must not be null");
        assertDynamoDbHeaders(stream);
        HttpResponse<String> function = get("/2015-03-31/functions/no-such-function");
        assertThat(function.statusCode()).isEqualTo(404);
        assertThat(function.headers().firstValue("X-Amzn-ErrorType")).contains("ResourceNotFoundException");
        assertThat(function.headers().firstValue("x-amzn-RequestId").orElseThrow())
                .matches(UUID);
    }

    @Test
    void successesOfTheLambdaRoutesCarryARequestId() throws Exception {
        HttpResponse<String> r = get("/2015-03-31/functions");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).has("Functions")).isTrue();
        assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).matches(UUID);
        HttpResponse<String> concurrency = get("/2019-09-30/functions/no-such-function/concurrency");
        assertThat(concurrency.statusCode()).isEqualTo(404);
        assertThat(concurrency.headers().firstValue("x-amzn-RequestId").orElseThrow())
                .matches(UUID);
    }

    @Test
    void anOversizedBodyIsA413ForEveryJsonService() throws Exception {
        byte[] huge = new byte[17 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        for (String target : new String[] {"DynamoDB_20120810.ListTables", "DynamoDBStreams_20120810.ListStreams"}) {
            HttpResponse<String> r = post(target, huge);
            JsonNode body = error(r, 413, "com.amazon.coral.service#RequestEntityTooLargeException");
            assertThat(body.get("message").asText())
                    .isEqualTo("Request size exceeds the maximum allowed size of 16 MB");
            assertDynamoDbHeaders(r);
            assertThat(post(target, "{}").statusCode()).isEqualTo(200);
        }
    }
}
