package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP/1.0 requests (nginx's default upstream protocol, ApacheBench) on raw sockets. */
class Http10Test extends InMemoryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";

    /** One answer: its status line, headers (lower-case names), body (by Content-Length). */
    private record Answer(String statusLine, Map<String, String> headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static String listTables(String version, String extraHeaders) {
        return "POST / " + version + "\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nAuthorization: " + AUTH + "\r\n" + extraHeaders
                + "Content-Length: 2\r\n\r\n{}";
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(
                new InetSocketAddress(
                        server.endpoint().getHost(), server.endpoint().getPort()),
                5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void write(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends {@code request}, reads one answer and asserts the server then closed the connection. */
    private Answer answeredThenClosed(String request) throws IOException {
        try (Socket socket = open()) {
            write(socket, request);
            InputStream in = socket.getInputStream();
            Answer a = read(in);
            assertThat(in.read()).as("the connection ends after the answer").isEqualTo(-1);
            return a;
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        assertThat(lines[0]).as("a status line").startsWith("HTTP/1.");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        assertThat(headers).as("a 1.0 client cannot read chunked answers").doesNotContainKey("transfer-encoding");
        assertThat(headers).containsKey("content-length");
        byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        return new Answer(lines[0], headers, new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void theHealthCheckAnswersAHttp10Request() throws Exception {
        Answer a = answeredThenClosed("GET / HTTP/1.0\r\n\r\n");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.statusLine()).startsWith("HTTP/1.1 200");
        assertThat(a.body()).startsWith("healthy: ");
    }

    @Test
    void aDynamoDbPostIsAnsweredWithItsJsonBodyAndTheConnectionEnds() throws Exception {
        Answer a = answeredThenClosed(listTables("HTTP/1.0", "Accept-Encoding: gzip\r\n"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.headers()).doesNotContainKey("content-encoding");
        assertThat(JSON.readTree(a.body()).path("TableNames").isArray()).isTrue();
        assertThat(a.headers().get("content-length"))
                .isEqualTo(Integer.toString(a.body().length()));
    }

    @Test
    void aLambdaGetIsAnsweredAndTheConnectionEnds() throws Exception {
        Answer a = answeredThenClosed(
                "GET /2015-03-31/functions/ HTTP/1.0\r\nHost: x\r\nAuthorization: " + AUTH + "\r\n\r\n");
        assertThat(a.status()).isEqualTo(200);
        assertThat(JSON.readTree(a.body()).path("Functions").isArray()).isTrue();
    }

    @Test
    void anSqsQueryPostIsAnsweredAndTheConnectionEnds() throws Exception {
        String body = "Action=ListQueues&Version=2012-11-05";
        Answer a = answeredThenClosed("POST / HTTP/1.0\r\nHost: x\r\nAuthorization: " + AUTH + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("ListQueuesResponse");
    }

    @Test
    void headIsAnsweredAndTheConnectionEnds() throws Exception {
        try (Socket socket = open()) {
            write(socket, "HEAD / HTTP/1.0\r\n\r\n");
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 ");
            assertThat(text.toLowerCase(Locale.ROOT))
                    .contains("content-length: ")
                    .doesNotContain("transfer-encoding");
        }
    }

    @Test
    void keepAliveIsHonouredForSeveralRequests() throws Exception {
        try (Socket socket = open()) {
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                write(socket, listTables("HTTP/1.0", "Connection: keep-alive\r\n"));
                Answer a = read(in);
                assertThat(a.status()).as("request %d", i).isEqualTo(200);
                assertThat(a.headers().get("connection")).isEqualToIgnoringCase("keep-alive");
                assertThat(JSON.readTree(a.body()).has("TableNames")).isTrue();
            }
            // the last request without keep-alive: answered, then the connection ends
            write(socket, "GET / HTTP/1.0\r\n\r\n");
            Answer last = read(in);
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.headers().get("connection")).isEqualToIgnoringCase("close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void pipelinedKeepAliveRequestsWithBodiesAreEachAnswered() throws Exception {
        try (Socket socket = open()) {
            String keep = "Connection: keep-alive\r\n";
            write(socket, listTables("HTTP/1.0", keep) + listTables("HTTP/1.0", keep) + listTables("HTTP/1.0", ""));
            InputStream in = socket.getInputStream();
            List<JsonNode> bodies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Answer a = read(in);
                assertThat(a.status()).isEqualTo(200);
                bodies.add(JSON.readTree(a.body()));
            }
            assertThat(bodies).allMatch(n -> n.has("TableNames"));
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void malformedLinesAndFaultyFramingAreStillRefused() throws Exception {
        assertThat(answeredOrClosed("GET / HTTP/1.0\n\n").status()).isEqualTo(400);
        assertThat(answeredOrClosed("GET / HTTP/1.0\r\nX-Bad: a\u0001b\r\n\r\n").status())
                .isEqualTo(400);
        assertThat(answeredOrClosed("GET / HTTP/1.2\r\n\r\n").status()).isIn(400, 505);
        assertThat(answeredOrClosed("GET /" + "a".repeat(20_000) + " HTTP/1.0\r\n\r\n")
                        .status())
                .isEqualTo(414);
        String chunked = "POST / HTTP/1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        Answer faulty = answeredThenClosed(chunked);
        assertThat(faulty.status()).isEqualTo(400);
        assertThat(JSON.readTree(faulty.body()).path("__type").asText()).startsWith("com.amazon.coral.service#");
    }

    private Answer answeredOrClosed(String request) throws IOException {
        try (Socket socket = open()) {
            write(socket, request);
            return read(socket.getInputStream());
        }
    }
}
