package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.server.RawSocket;
import dev.eddy.server.RawSocket.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Requests the web server itself refuses or must decode before Eddy's code runs: compressed
 * bodies, broken framing and headers, unknown routes. Each answer is in the protocol's AWS error
 * shape, a 4xx, never a body-less answer or a 5xx.
 */
class HttpLayerErrorsTest extends InMemoryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";

    private static HttpResponse<String> listTables(String encoding, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private static JsonNode jsonError(int status, String type, int code, String body) throws Exception {
        assertThat(code).isEqualTo(status);
        JsonNode node = JSON.readTree(body);
        assertThat(node.path("__type").asText()).isEqualTo(type);
        return node;
    }

    private static void restError(Answer a, int status, String type) throws Exception {
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.headers()).containsEntry("x-amzn-errortype", type);
        assertThat(JSON.readTree(a.body()).path("message").asText()).isNotEmpty();
    }

    private static byte[] limit(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void gzipAndDeflateBodiesAreDecompressed() throws Exception {
        byte[] body = limit("{\"Limit\":5}");
        for (HttpResponse<String> r : List.of(
                listTables("gzip", gzip(body)), listTables("deflate", deflate(body)), listTables("identity", body))) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).has("TableNames")).isTrue();
        }
        // the limit applies to the decoded body: 5 is valid, 0 is not, so the body was read
        HttpResponse<String> invalid = listTables("gzip", gzip(limit("{\"Limit\":0}")));
        jsonError(400, "com.amazon.coral.validate#ValidationException", invalid.statusCode(), invalid.body());
    }

    @Test
    void aBrokenOrMislabelledBodyIsASerializationError() throws Exception {
        HttpResponse<String> notGzip = listTables("gzip", limit("{\"Limit\":5}"));
        jsonError(400, "com.amazon.coral.service#SerializationException", notGzip.statusCode(), notGzip.body());
        byte[] truncated = gzip(limit("{\"Limit\":5}"));
        HttpResponse<String> cut = listTables("deflate", java.util.Arrays.copyOf(truncated, 8));
        jsonError(400, "com.amazon.coral.service#SerializationException", cut.statusCode(), cut.body());
    }

    @Test
    void anUnknownEncodingIsAClientError() throws Exception {
        HttpResponse<String> r = listTables("br", limit("{}"));
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(JSON.readTree(r.body()).path("__type").asText()).startsWith("com.amazon.coral.service#");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void aBodyThatInflatesPastTheLimitIsRefused() throws Exception {
        byte[] plain = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(plain, (byte) ' ');
        plain[0] = '{';
        plain[plain.length - 1] = '}';
        HttpResponse<String> r = listTables("gzip", gzip(plain));
        JsonNode body =
                jsonError(413, "com.amazon.coral.service#RequestEntityTooLargeException", r.statusCode(), r.body());
        assertThat(body.path("message").asText()).isEqualTo("Request size exceeds the maximum allowed size of 16 MB");
    }

    @Test
    void framingAndHeaderErrorsOnTheDynamoDbEndpointGetItsErrorShape() throws Exception {
        String start = "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n";
        String[] requests = {
            start + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            start + "Content-Length: abc\r\n\r\n{}",
            start + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
            start + "X-Bad: a\u0001b\r\nContent-Length: 2\r\n\r\n{}",
            start.replace("\r\n", "\n") + "Content-Length: 2\n\n{}",
            start + "X-Big: " + "a".repeat(20_000) + "\r\nContent-Length: 2\r\n\r\n{}",
        };
        for (String request : requests) {
            Answer a = RawSocket.send(server.endpoint(), request, false);
            assertThat(a.status()).as(request).isBetween(400, 499);
            assertThat(JSON.readTree(a.body()).path("__type").asText())
                    .as(request)
                    .startsWith("com.amazon.coral.service#");
            assertThat(a.headers()).as(request).containsKey("x-amzn-requestid");
        }
    }

    @Test
    void badPathsAndFramingOnTheLambdaApiGetItsErrorShape() throws Exception {
        String[] requests = {
            "GET /2015-03-31/functions/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /2015-03-31/functions/\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /2015-03-31/functions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 4\r\n\r\n{}",
        };
        for (String request : requests) {
            Answer a = RawSocket.send(server.endpoint(), request, false);
            assertThat(a.status()).as(request).isBetween(400, 499);
            assertThat(a.headers()).as(request).containsKey("x-amzn-errortype");
            assertThat(JSON.readTree(a.body()).path("message").asText()).isNotEmpty();
        }
    }

    @Test
    void anUnreadableBodyOnTheLambdaApiIsAClientError() throws Exception {
        String head = "POST /2015-03-31/functions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
        String chunked = head + "Transfer-Encoding: chunked\r\n\r\n";
        for (String request : new String[] {chunked + "2;a=b\r\n{}\r\n0\r\n\r\n", chunked + "zz\r\n{}\r\n0\r\n\r\n"}) {
            Answer a = RawSocket.send(server.endpoint(), request, false);
            assertThat(a.status()).as(request).isBetween(400, 499);
            assertThat(a.headers()).as(request).containsKey("x-amzn-errortype");
        }
        Answer missingLastChunk = RawSocket.send(server.endpoint(), chunked + "2\r\n{}\r\n", true);
        restError(missingLastChunk, 400, "InvalidRequestContentException");
        Answer shortBody = RawSocket.send(server.endpoint(), head + "Content-Length: 10\r\n\r\n{}", true);
        restError(shortBody, 400, "InvalidRequestContentException");
    }

    @Test
    void unknownPathsAndMethodsGetTheUnknownOperationError() throws Exception {
        for (String method : new String[] {"GET", "PATCH", "HEAD"}) {
            Answer a = RawSocket.send(
                    server.endpoint(),
                    method + " /2015-03-31/nothing/here HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                    false);
            assertThat(a.status()).as(method).isEqualTo(404);
            assertThat(a.headers()).as(method).containsEntry("x-amzn-errortype", "UnknownOperationException");
            if (!method.equals("HEAD")) {
                assertThat(JSON.readTree(a.body()).path("message").asText()).isEqualTo("Unknown operation");
            }
        }
        Answer put = RawSocket.send(server.endpoint(), "PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", false);
        assertThat(put.status()).isEqualTo(400);
        assertThat(JSON.readTree(put.body()).path("__type").asText())
                .isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }
}
