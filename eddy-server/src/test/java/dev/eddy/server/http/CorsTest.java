package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.server.RawSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Browser code calls Eddy from another origin: preflights are answered, every answer allows it. */
class CorsTest extends InMemoryServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORIGIN = "http://localhost:3000";
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";

    private static HttpResponse<String> send(String method, String path, String target, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve(path))
                .header("Origin", ORIGIN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            b.header("X-Amz-Target", target)
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("Authorization", AUTH);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAllowed(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin"))
                .as(r.uri().toString())
                .contains(ORIGIN);
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("x-amzn-RequestId")
                .contains("x-amz-crc32");
    }

    @Test
    void aPreflightIsAnsweredOnEveryEndpoint() throws Exception {
        for (String path : new String[] {"/", "/2015-03-31/functions/f/invocations", "/2015-03-31/functions"}) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(server.endpoint().resolve(path))
                            .header("Origin", ORIGIN)
                            .header("Access-Control-Request-Method", "POST")
                            .header("Access-Control-Request-Headers", "x-amz-target,content-type,authorization")
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertAllowed(r);
            assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
                    .contains("POST")
                    .contains("PUT")
                    .contains("DELETE");
            assertThat(r.headers().firstValue("Access-Control-Allow-Headers"))
                    .contains("x-amz-target,content-type,authorization");
        }
    }

    @Test
    void answersAndErrorsAllowTheOrigin() throws Exception {
        HttpResponse<String> ok = send("POST", "/", "DynamoDB_20120810.ListTables", "{}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertAllowed(ok);
        HttpResponse<String> error = send("POST", "/", "DynamoDB_20120810.DescribeTable", "{\"TableName\":\"none\"}");
        assertThat(error.statusCode()).isEqualTo(400);
        assertAllowed(error);
        HttpResponse<String> lambda = send("GET", "/2015-03-31/functions/none", null, null);
        assertThat(lambda.statusCode()).isEqualTo(404);
        assertAllowed(lambda);
        HttpResponse<String> health = send("GET", "/", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertAllowed(health);
    }

    @Test
    void aRequestWithoutOriginIsAllowedFromAnyOriginAndGetsNoBrowserOnlyHeaders() throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(server.endpoint().resolve("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers")).isEmpty();
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
        assertThat(r.headers().firstValue("Vary")).isEmpty();
    }

    @Test
    void errorsOfTheWebServerItselfAllowAnyOrigin() {
        RawSocket.Answer a = RawSocket.send(
                server.endpoint(),
                "POST / HTTP/1.1\r\nHost: x\r\nOrigin: " + ORIGIN
                        + "\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                false);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.headers()).containsEntry("access-control-allow-origin", "*");
    }
}
