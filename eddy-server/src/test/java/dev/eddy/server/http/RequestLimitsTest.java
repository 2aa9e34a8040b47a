package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.server.RawSocket;
import dev.eddy.server.RawSocket.Answer;
import dev.eddy.testkit.TestNames;
import dev.eddy.testkit.TestTables;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The limits of a request as DynamoDB draws them: request lines up to 16 KiB, an answer in the
 * AWS error shape past that; bodies over 16 MB answered 413, with a length or chunked; parse
 * errors that say where; attribute names up to 64 KB; base64 with its padding.
 */
class RequestLimitsTest extends InMemoryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";
    private static String table;

    @BeforeAll
    static void createTable() {
        table = TestNames.unique("limits");
        ddb.createTable(TestTables.hashTable(table).build());
    }

    private static HttpResponse<String> post(String target, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .header("Authorization", AUTH)
                .POST(body)
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String target, String body) throws Exception {
        return post(target, HttpRequest.BodyPublishers.ofString(body));
    }

    private static JsonNode error(HttpResponse<String> r, int status, String type) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("__type").asText()).isEqualTo(type);
        return body;
    }

    @Test
    void requestLinesUpTo16KiBAreServedAndLongerOnesGetAnAnswer() throws Exception {
        String name = "f".repeat(64);
        HttpResponse<String> served = HTTP.send(
                HttpRequest.newBuilder(server.endpoint()
                                .resolve("/2015-03-31/functions/" + name + "?Qualifier=" + "q".repeat(15_000)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // read and routed: the function does not exist
        assertThat(served.statusCode()).as(served.body()).isEqualTo(404);
        assertThat(served.headers().firstValue("X-Amzn-ErrorType")).contains("ResourceNotFoundException");

        Answer lambda = RawSocket.send(
                server.endpoint(),
                "GET /2015-03-31/functions/" + name + "?Qualifier=" + "q".repeat(20_000)
                        + " HTTP/1.1\r\nHost: x\r\n\r\n",
                false);
        // a line too long to read has no path to tell the service by: the endpoint's first service
        // (DynamoDB) answers, as for any request the web server refuses before the path is known
        assertThat(lambda.status()).isEqualTo(414);
        assertThat(JSON.readTree(lambda.body()).path("__type").asText())
                .isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(JSON.readTree(lambda.body()).path("message").asText()).isNotEmpty();

        Answer dynamo = RawSocket.send(
                server.endpoint(),
                "POST /?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
                false);
        assertThat(dynamo.status()).isEqualTo(414);
        assertThat(JSON.readTree(dynamo.body()).path("__type").asText()).startsWith("com.amazon.coral.service#");
        assertThat(dynamo.headers()).containsKey("x-amz-crc32");
    }

    @Test
    void aBodyOverTheLimitIs413WithALengthOrChunked() throws Exception {
        byte[] huge = new byte[17 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        HttpResponse<String> sized = post("DynamoDB_20120810.ListTables", HttpRequest.BodyPublishers.ofByteArray(huge));
        JsonNode body = error(sized, 413, "com.amazon.coral.service#RequestEntityTooLargeException");
        assertThat(body.path("message").asText()).isEqualTo("Request size exceeds the maximum allowed size of 16 MB");
        // an input stream of unknown length goes chunked
        HttpResponse<String> chunked = post(
                "DynamoDB_20120810.ListTables",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)));
        error(chunked, 413, "com.amazon.coral.service#RequestEntityTooLargeException");
        HttpResponse<String> small = post(
                "DynamoDB_20120810.ListTables",
                HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))));
        assertThat(small.statusCode()).isEqualTo(200);
    }

    @Test
    void aParseErrorSaysWhereTheBodyBroke() throws Exception {
        JsonNode first = error(
                post("DynamoDB_20120810.ListTables", "{\"Limit\": }"),
                400,
                "com.amazon.coral.service#SerializationException");
        assertThat(first.path("message").asText()).endsWith(" at [line: 1, column: 11]");
        JsonNode second = error(
                post("DynamoDB_20120810.ListTables", "{\n  \"Limit\": 5,\n  x\n}"),
                400,
                "com.amazon.coral.service#SerializationException");
        assertThat(second.path("message").asText()).endsWith(" at [line: 3, column: 3]");
        assertThat(second.path("message").asText()).doesNotContain("Source");
    }

    @Test
    void anAttributeNameOf64KbOutsideTheKeyIsAccepted() {
        String name = "n".repeat(65_000);
        Map<String, AttributeValue> item =
                Map.of("id", AttributeValue.fromS("long-name"), name, AttributeValue.fromN("1"));
        ddb.putItem(b -> b.tableName(table).item(item));
        Map<String, AttributeValue> read = ddb.getItem(b -> b.tableName(table)
                        .key(Map.of("id", AttributeValue.fromS("long-name")))
                        .consistentRead(true))
                .item();
        assertThat(read).containsEntry(name, AttributeValue.fromN("1"));
    }

    @Test
    void binaryWithoutItsBase64PaddingIsRefused() throws Exception {
        String put =
                "{\"TableName\":\"" + table + "\",\"Item\":{\"id\":{\"S\":\"b\"},\"bin\":{\"B\":\"YWJjZGVmZ2g\"}}}";
        JsonNode body =
                error(post("DynamoDB_20120810.PutItem", put), 400, "com.amazon.coral.service#SerializationException");
        assertThat(body.path("message").asText())
                .isEqualTo("Base64 encoded length is expected a multiple of 4 bytes but found: 11");
        String padded = put.replace("YWJjZGVmZ2g\"", "YWJjZGVmZ2g=\"");
        assertThat(post("DynamoDB_20120810.PutItem", padded).statusCode()).isEqualTo(200);
    }
}
