package dev.eddy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.function.Invocation;
import dev.eddy.function.InvocationOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API's protocol: the long poll, its headers, status codes and payload limits. */
class RuntimeApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final RuntimeApi api = RuntimeApi.open();

    @AfterEach
    void close() {
        api.close();
    }

    private Invocation invocation(String id, String clientContext) {
        return new Invocation(
                id,
                "arn:aws:lambda:us-east-1:000000000000:function:f:live",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                Instant.now().plusSeconds(3),
                InstantSource.system(),
                clientContext);
    }

    private CompletableFuture<HttpResponse<String>> next() {
        return HTTP.sendAsync(
                HttpRequest.newBuilder(uri("invocation/next")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path);
    }

    @Test
    void nextWaitsForAnInvocationAndCarriesItsHeaders() throws Exception {
        CompletableFuture<HttpResponse<String>> next = next();
        api.polled().get(5, TimeUnit.SECONDS);
        assertThat(next).isNotDone();

        CompletableFuture<InvocationOutcome> result =
                api.submit(invocation("req-1", "{\"custom\":{\"k\":\"v\"}}"), 1_700_000_000_123L, "Root=1-a-b");

        HttpResponse<String> r = next.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"a\":1}");
        assertThat(r.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-1");
        assertThat(r.headers().firstValue("Lambda-Runtime-Deadline-Ms")).hasValue("1700000000123");
        assertThat(r.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                .hasValue("arn:aws:lambda:us-east-1:000000000000:function:f:live");
        assertThat(r.headers().firstValue("Lambda-Runtime-Trace-Id")).hasValue("Root=1-a-b");
        assertThat(r.headers().firstValue("Lambda-Runtime-Client-Context")).hasValue("{\"custom\":{\"k\":\"v\"}}");
        assertThat(r.headers().firstValue("Lambda-Runtime-Cognito-Identity")).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");

        HttpResponse<String> wrong = post("invocation/other/response", "1".getBytes(StandardCharsets.UTF_8));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body())
                .isEqualTo("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        assertThat(result).isNotDone();

        HttpResponse<String> ok = post("invocation/req-1/response", "\"done\"".getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(ok.body()).isEqualTo("{\"status\":\"OK\"}");
        assertThat(result.get(1, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(
                        InvocationOutcome.Success.class,
                        s -> assertThat(new String(s.payload(), StandardCharsets.UTF_8))
                                .isEqualTo("\"done\""));

        HttpResponse<String> again = post("invocation/req-1/response", "2".getBytes(StandardCharsets.UTF_8));
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("\"errorType\":\"InvalidStateTransition\"");
    }

    @Test
    void errorsAreTheInvocationsErrorObject() throws Exception {
        CompletableFuture<HttpResponse<String>> next = next();
        CompletableFuture<InvocationOutcome> result = api.submit(invocation("req-2", null), 1L, "t");
        assertThat(next.get(5, TimeUnit.SECONDS).headers().firstValue("Lambda-Runtime-Client-Context"))
                .isEmpty();
        String error = "{\"errorMessage\":\"boom\",\"errorType\":\"Error\",\"trace\":[]}";
        HttpResponse<String> r = post(
                "invocation/req-2/error",
                error.getBytes(StandardCharsets.UTF_8),
                "Lambda-Runtime-Function-Error-Type",
                "Runtime.UserException");
        assertThat(r.statusCode()).isEqualTo(202);
        InvocationOutcome.Failure f = (InvocationOutcome.Failure) result.get(1, TimeUnit.SECONDS);
        assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo(error);
        assertThat(f.reusable()).isTrue();

        // a body that is no error object: the type header makes one
        CompletableFuture<HttpResponse<String>> second = next();
        CompletableFuture<InvocationOutcome> plain = api.submit(invocation("req-3", null), 1L, "t");
        second.get(5, TimeUnit.SECONDS);
        post(
                "invocation/req-3/error",
                "went wrong".getBytes(StandardCharsets.UTF_8),
                "Lambda-Runtime-Function-Error-Type",
                "Runtime.Custom");
        assertThat(new String(
                        ((InvocationOutcome.Failure) plain.get(1, TimeUnit.SECONDS)).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"errorMessage\":\"went wrong\",\"errorType\":\"Runtime.Custom\"}");
    }

    @Test
    void oversizeAndStreamedResponsesAreRefused() throws Exception {
        CompletableFuture<HttpResponse<String>> next = next();
        CompletableFuture<InvocationOutcome> big = api.submit(invocation("big", null), 1L, "t");
        next.get(5, TimeUnit.SECONDS);
        HttpResponse<String> r = post("invocation/big/response", new byte[RuntimeApi.MAX_PAYLOAD + 1]);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body())
                .isEqualTo("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
                        + "\"errorType\":\"RequestEntityTooLarge\"}");
        assertThat(new String(
                        ((InvocationOutcome.Failure) big.get(1, TimeUnit.SECONDS)).payload(), StandardCharsets.UTF_8))
                .contains("\"errorType\":\"Function.ResponseSizeTooLarge\"");

        CompletableFuture<HttpResponse<String>> second = next();
        CompletableFuture<InvocationOutcome> streamed = api.submit(invocation("s", null), 1L, "t");
        second.get(5, TimeUnit.SECONDS);
        HttpResponse<String> refused = post(
                "invocation/s/response",
                "x".getBytes(StandardCharsets.UTF_8),
                "Lambda-Runtime-Function-Response-Mode",
                "streaming");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("does not support response streaming");
        assertThat(new String(
                        ((InvocationOutcome.Failure) streamed.get(1, TimeUnit.SECONDS)).payload(),
                        StandardCharsets.UTF_8))
                .contains("\"errorType\":\"Runtime.ResponseStreamingNotSupported\"");
    }

    @Test
    void initErrorsAreAcceptedOnlyBeforeTheFirstPoll() throws Exception {
        String error = "{\"errorMessage\":\"bad config\",\"errorType\":\"Error\"}";
        HttpResponse<String> r = post("init/error", error.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(new String(api.initError().get(1, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                .isEqualTo(error);

        next();
        api.polled().get(5, TimeUnit.SECONDS);
        assertThat(post("init/error", error.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void closingReleasesAWaitingRuntimeAndFailEndsTheInvocation() throws Exception {
        CompletableFuture<HttpResponse<String>> next = next();
        CompletableFuture<InvocationOutcome> result = api.submit(invocation("gone", null), 1L, "t");
        next.get(5, TimeUnit.SECONDS);
        api.fail(id -> new InvocationOutcome.Failure(id.getBytes(StandardCharsets.UTF_8), true));
        assertThat(((InvocationOutcome.Failure) result.get(1, TimeUnit.SECONDS)).fatal())
                .isTrue();

        CompletableFuture<HttpResponse<String>> waiting = next();
        api.polled().get(5, TimeUnit.SECONDS);
        api.close();
        // answered 500, or cut off: either way the runtime no longer waits
        assertThat(waiting.handle((r, e) -> e != null || r.statusCode() == 500).get(5, TimeUnit.SECONDS))
                .isTrue();
    }
}
