package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON 1.0 protocol at the byte level: headers, checksums, and garbage that must not hurt. */
class WireTest extends InMemoryServerTest {
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";
    static HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        http = HttpClient.newHttpClient();
    }

    static HttpResponse<byte[]> post(String target, byte[] body, boolean auth)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            b.header("X-Amz-Target", target);
        }
        if (auth) {
            b.header("Authorization", AUTH);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode error(HttpResponse<byte[]> r, String type) throws IOException {
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("__type").asText()).isEqualTo(type);
        return body;
    }

    @Test
    void healthCheck() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(server.endpoint().resolve("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("healthy: 127.0.0.1:" + server.port());
    }

    @Test
    void successCarriesRequestIdAndCorrectCrc32() throws Exception {
        HttpResponse<byte[]> r = post("DynamoDB_20120810.ListTables", "{}".getBytes(), true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).matches("[A-Z0-9]{52}");
        CRC32 crc = new CRC32();
        crc.update(r.body());
        assertThat(r.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc.getValue()));
        assertThat(JSON.readTree(r.body()).has("TableNames")).isTrue();
    }

    @Test
    void missingAuthorization() throws Exception {
        JsonNode e = error(
                post("DynamoDB_20120810.ListTables", "{}".getBytes(), false),
                "com.amazon.coral.service#MissingAuthenticationTokenException");
        assertThat(e.get("message").asText()).isEqualTo("Request is missing Authentication Token");
    }

    @Test
    void unknownOperation() throws Exception {
        error(
                post("DynamoDB_20120810.Frobnicate", "{}".getBytes(), true),
                "com.amazon.coral.service#UnknownOperationException");
        error(post(null, "{}".getBytes(), true), "com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void garbageBodiesAreSerializationErrors() throws Exception {
        String t = "DynamoDB_20120810.PutItem";
        error(post(t, "{not json".getBytes(), true), "com.amazon.coral.service#SerializationException");
        error(
                post(t, "{\"TableName\": \"abc\", \"Item\": {".getBytes(), true),
                "com.amazon.coral.service#SerializationException");
        error(post(t, "[1,2,3]".getBytes(), true), "com.amazon.coral.service#SerializationException");
        error(post(t, "{\"TableName\": 5}".getBytes(), true), "com.amazon.coral.service#SerializationException");
        error(
                post(t, "{\"TableName\": \"abc\", \"Item\": []}".getBytes(), true),
                "com.amazon.coral.service#SerializationException");
        byte[] badUtf8 = {'{', '"', 'T', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        error(post(t, badUtf8, true), "com.amazon.coral.service#SerializationException");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        error(
                post(t, deep.getBytes(StandardCharsets.US_ASCII), true),
                "com.amazon.coral.service#SerializationException");
    }

    @Test
    void hugeBodyIsRejectedAndServerStaysUp() throws Exception {
        byte[] huge = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        HttpResponse<byte[]> r = post("DynamoDB_20120810.ListTables", huge, true);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).get("__type").asText())
                .isEqualTo("com.amazon.coral.service#RequestEntityTooLargeException");
        assertThat(post("DynamoDB_20120810.ListTables", "{}".getBytes(), true).statusCode())
                .isEqualTo(200);
    }

    @Test
    void invalidAttributeValues() throws Exception {
        String t = "DynamoDB_20120810.PutItem";
        JsonNode e = error(
                post(t, "{\"TableName\":\"abc\",\"Item\":{\"id\":{}}}".getBytes(), true),
                "com.amazon.coral.validate#ValidationException");
        assertThat(e.get("message").asText())
                .isEqualTo("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        e = error(
                post(t, "{\"TableName\":\"abc\",\"Item\":{\"id\":{\"S\":\"a\",\"N\":\"1\"}}}".getBytes(), true),
                "com.amazon.coral.validate#ValidationException");
        assertThat(e.get("message").asText())
                .isEqualTo("Supplied AttributeValue has more than one datatypes set, "
                        + "must contain exactly one of the supported datatypes");
        e = error(
                post(t, "{\"TableName\":\"abc\",\"Item\":{\"id\":{\"N\":\"abc\"}}}".getBytes(), true),
                "com.amazon.coral.validate#ValidationException");
        assertThat(e.get("message").asText()).isEqualTo("The parameter cannot be converted to a numeric value: abc");
        e = error(
                post(t, "{\"TableName\":\"abc\",\"Item\":{\"id\":{\"SS\":[]}}}".getBytes(), true),
                "com.amazon.coral.validate#ValidationException");
        assertThat(e.get("message").asText())
                .isEqualTo("One or more parameter values were invalid: An string set  may not be empty");
        e = error(
                post(t, "{\"TableName\":\"abc\",\"Item\":{\"id\":{\"NS\":[\"1\",\"1.0\"]}}}".getBytes(), true),
                "com.amazon.coral.validate#ValidationException");
        assertThat(e.get("message").asText())
                .isEqualTo("One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates.");
        e = error(
                post(t, "{\"TableName\":\"abc\",\"Item\":{\"id\":{\"NULL\":false}}}".getBytes(), true),
                "com.amazon.coral.validate#ValidationException");
        assertThat(e.get("message").asText())
                .isEqualTo(
                        "One or more parameter values were invalid: Null attribute value types must have the value of true");
        String nested = "{\"L\":[".repeat(33) + "{\"S\":\"x\"}" + "]}".repeat(33);
        e = error(
                post(t, ("{\"TableName\":\"abc\",\"Item\":{\"id\":" + nested + "}}").getBytes(), true),
                "com.amazon.coral.validate#ValidationException");
        assertThat(e.get("message").asText())
                .isEqualTo("Nesting Levels have exceeded supported limits: "
                        + "Attributes in the item have nested levels beyond supported limit");
    }

    @Test
    void missingRequiredMembers() throws Exception {
        JsonNode e = error(
                post("DynamoDB_20120810.PutItem", "{}".getBytes(), true),
                "com.amazon.coral.validate#ValidationException");
        assertThat(e.get("message").asText())
                .isEqualTo("2 validation errors detected: "
                        + "Value null at 'tableName' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'item' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void aNullKeyInBatchGetItemIsAValidationError() throws Exception {
        JsonNode e = error(
                post(
                        "DynamoDB_20120810.BatchGetItem",
                        "{\"RequestItems\":{\"tbl\":{\"Keys\":[null]}}}".getBytes(),
                        true),
                "com.amazon.coral.validate#ValidationException");
        assertThat(e.get("message").asText())
                .isEqualTo(
                        "1 validation error detected: Value null at 'requestItems.tbl.member.keys.1.member' failed to "
                                + "satisfy constraint: Member must not be null");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "BatchWriteItem|{\"RequestItems\":{\"tbl\":[null]}}",
                "BatchWriteItem|{\"RequestItems\":{\"tbl\":[{\"PutRequest\":null}]}}",
                "BatchWriteItem|{\"RequestItems\":{\"tbl\":[{\"DeleteRequest\":{\"Key\":null}}]}}",
                "TransactWriteItems|{\"TransactItems\":[null]}",
                "TransactGetItems|{\"TransactItems\":[null]}",
                "TransactGetItems|{\"TransactItems\":[{\"Get\":null}]}",
                "BatchExecuteStatement|{\"Statements\":[null]}",
                "ExecuteTransaction|{\"TransactStatements\":[null]}",
                "Query|{\"TableName\":\"tbl\",\"KeyConditions\":{\"a\":null}}",
                "Scan|{\"TableName\":\"tbl\",\"ScanFilter\":{\"a\":null}}",
                "PutItem|{\"TableName\":\"tbl\",\"Item\":{\"a\":null}}",
                "PutItem|{\"TableName\":\"tbl\",\"Item\":{\"a\":{\"L\":[null]}}}",
                "PutItem|{\"TableName\":\"tbl\",\"Item\":{\"a\":{\"M\":{\"b\":null}}}}",
                "PutItem|{\"TableName\":\"tbl\",\"Item\":{\"a\":{\"SS\":[null]}}}",
                "CreateTable|{\"TableName\":\"tbl\",\"KeySchema\":[null],\"AttributeDefinitions\":[null]}",
            })
    void nullMembersAreClientErrors(String spec) throws Exception {
        String[] parts = spec.split("\\|", 2);
        HttpResponse<byte[]> r = post("DynamoDB_20120810." + parts[0], parts[1].getBytes(), true);
        assertThat(r.statusCode()).as(spec).isEqualTo(400);
    }
}
