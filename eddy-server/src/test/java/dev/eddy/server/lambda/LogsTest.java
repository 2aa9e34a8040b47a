package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/** Each invocation's output is captured on its own, even when invocations overlap. */
class LogsTest extends InMemoryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    private static String tail(InvokeResponse r) {
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }

    @Test
    void concurrentInvocationsKeepTheirOutputApart() throws Exception {
        String fn = TestNames.unique("logs");
        Lambdas.deploy(lambda, fn, "handlers", "example.Logs");
        int n = 8;
        List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                String text = "msg-" + i;
                calls.add(CompletableFuture.supplyAsync(
                        () -> lambda.invoke(b -> b.functionName(fn)
                                .logType(LogType.TAIL)
                                .payload(SdkBytes.fromUtf8String(
                                        "{\"text\":\"" + text + "\",\"pauseMillis\":\"200\"}"))),
                        pool));
            }
            for (int i = 0; i < n; i++) {
                InvokeResponse r = calls.get(i).get();
                String id = r.responseMetadata().requestId();
                assertThat(r.payload().asUtf8String()).isEqualTo("\"" + id + "\"");
                String log = tail(r);
                String[] lines = log.split("\n");
                assertThat(lines[lines.length - 7]).isEqualTo("START RequestId: " + id + " Version: $LATEST");
                assertThat(List.of(lines).subList(lines.length - 3, lines.length - 1))
                        .containsExactly("out again msg-" + i, "END RequestId: " + id);
                assertThat(log)
                        .contains("out msg-" + i + "\n", "err msg-" + i + "\n", "logger msg-" + i + "\n")
                        .doesNotContain("msg-" + ((i + 1) % n) + "\n");
                assertThat(lines[lines.length - 1]).startsWith("REPORT RequestId: " + id + "\tDuration: ");
            }
        }
        // every line is also in the function's log, once
        List<String> messages = server.functions().logs().read(fn, 0, 0).events().stream()
                .map(e -> e.message())
                .toList();
        for (int i = 0; i < n; i++) {
            assertThat(messages)
                    .containsOnlyOnce("out msg-" + i, "err msg-" + i, "logger msg-" + i, "out again msg-" + i);
        }
        assertThat(messages.stream().filter(m -> m.startsWith("START RequestId: ")))
                .hasSize(n);
    }

    @Test
    void logsAreReadableOverTheEddyEndpoint() throws Exception {
        String fn = TestNames.unique("endpoint");
        Lambdas.deploy(lambda, fn, "handlers", "example.Logs");
        InvokeResponse r = lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{\"text\":\"t1\"}")));
        String id = r.responseMetadata().requestId();

        HttpResponse<String> page = RawHttp.send(server, "GET", "/eddy/v1/functions/" + fn + "/logs", null);

        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        List<String> messages = new ArrayList<>();
        body.get("events").forEach(e -> messages.add(e.get("message").asText()));
        assertThat(messages)
                .startsWith(
                        "START RequestId: " + id + " Version: $LATEST",
                        "out t1",
                        "err t1",
                        "logger t1",
                        "END RequestId: " + id);
        assertThat(messages.get(5)).startsWith("REPORT RequestId: " + id);
        long next = body.get("nextSequence").asLong();
        assertThat(next).isEqualTo(6);
        JsonNode first = body.get("events").get(0);
        assertThat(first.get("sequence").asLong()).isEqualTo(1);
        assertThat(first.get("logStreamName").asText()).matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]{32}");

        // a follower long-polls from nextSequence and gets only what is new
        CompletableFuture<HttpResponse<String>> follow = CompletableFuture.supplyAsync(
                () -> RawHttp.send(
                        server, "GET", "/eddy/v1/functions/" + fn + "/logs?after=" + next + "&waitSeconds=20", null),
                java.util.concurrent.Executors.newSingleThreadExecutor());
        lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{\"text\":\"t2\"}")));
        JsonNode more = JSON.readTree(follow.get().body());
        assertThat(more.get("events").get(0).get("sequence").asLong()).isEqualTo(next + 1);
        assertThat(more.get("events").get(0).get("message").asText()).startsWith("START RequestId: ");

        HttpResponse<String> unknown = RawHttp.send(server, "GET", "/eddy/v1/functions/nope-x/logs", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
