package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * GET /metrics after successful, failing and throttled invocations of the example handlers: the
 * Prometheus text format, Lambda's function metrics with AWS's meanings (spec 6), no credentials.
 */
class MetricsEndpointTest extends InMemoryServerTest {
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool();
    private static LambdaClient lambda;

    @BeforeAll
    static void client() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void closeClient() {
        lambda.close();
        CALLERS.shutdownNow();
    }

    private static HttpResponse<String> get() {
        return RawHttp.send(server, "GET", "/metrics", null);
    }

    /** The sample lines of {@code function}'s metrics, in the order the scrape gives them. */
    private static List<String> samples(String function) {
        HttpResponse<String> r = get();
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body()
                .lines()
                .filter(l -> !l.startsWith("#") && l.contains("function_name=\"" + function + "\""))
                .toList();
    }

    private static String sample(String function, String metric) {
        String prefix = metric + "{function_name=\"" + function + "\"} ";
        return samples(function).stream()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElse("(no " + metric + " for " + function + ")");
    }

    private static String invoke(String fn, String payload) {
        InvokeResponse r = lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String(payload)));
        return r.functionError() == null ? "ok" : r.functionError();
    }

    @Test
    void theEndpointSpeaksThePrometheusTextFormatWithoutCredentials() {
        HttpResponse<String> r = get(); // a plain GET: no Authorization header, no signature

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void successesAndFunctionErrorsAreInvocationsAndOnlyFunctionErrorsAreErrors() {
        String ok = TestNames.unique("metrics-ok");
        String boom = TestNames.unique("metrics-boom");
        Lambdas.deploy(lambda, ok, "handlers", "example.Echo");
        Lambdas.deploy(lambda, boom, "handlers", "example.Boom");
        assertThat(samples(ok)).isEmpty(); // nothing ran yet: no metrics, as CloudWatch has no datapoint

        assertThat(invoke(ok, "{\"a\":1}")).isEqualTo("ok");
        assertThat(invoke(ok, "{\"a\":2}")).isEqualTo("ok");
        assertThat(invoke(boom, "{\"reason\":\"test\"}")).isEqualTo("Unhandled");

        String okTag = "{function_name=\"" + ok + "\"}";
        assertThat(samples(ok))
                .contains(
                        "eddy_lambda_invocations_total" + okTag + " 2.0",
                        "eddy_lambda_errors_total" + okTag + " 0.0",
                        "eddy_lambda_throttles_total" + okTag + " 0.0",
                        "eddy_lambda_concurrent_executions" + okTag + " 0.0",
                        "eddy_lambda_duration_milliseconds_count" + okTag + " 2",
                        "eddy_lambda_duration_milliseconds_bucket{function_name=\"" + ok + "\",le=\"+Inf\"} 2");
        String boomTag = "{function_name=\"" + boom + "\"}";
        assertThat(samples(boom))
                .contains(
                        "eddy_lambda_invocations_total" + boomTag + " 1.0",
                        "eddy_lambda_errors_total" + boomTag + " 1.0",
                        "eddy_lambda_throttles_total" + boomTag + " 0.0",
                        "eddy_lambda_duration_milliseconds_count" + boomTag + " 1");
        assertThat(get().body().lines())
                .contains(
                        "# TYPE eddy_lambda_invocations_total counter",
                        "# TYPE eddy_lambda_errors_total counter",
                        "# TYPE eddy_lambda_throttles_total counter",
                        "# TYPE eddy_lambda_duration_milliseconds histogram",
                        "# TYPE eddy_lambda_concurrent_executions gauge");
    }

    @Test
    void throttlesAreCountedApartAndConcurrentExecutionsShowTheRunningInvocation() throws Exception {
        String fn = TestNames.unique("metrics-throttled");
        Lambdas.deploy(lambda, fn, "handlers", "example.Sleep", b -> b.timeout(30));
        lambda.putFunctionConcurrency(b -> b.functionName(fn).reservedConcurrentExecutions(1));

        CompletableFuture<String> busy = CompletableFuture.supplyAsync(() -> invoke(fn, "{\"millis\":1500}"), CALLERS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> sample(fn, "eddy_lambda_concurrent_executions").endsWith(" 1.0") || busy.isDone());
        assertThat(busy).isNotDone(); // the gauge was seen at 1 while the invocation ran
        assertThatThrownBy(() -> invoke(fn, "{\"millis\":1}")).isInstanceOf(TooManyRequestsException.class);
        assertThat(busy.get()).isEqualTo("ok");

        String tag = "{function_name=\"" + fn + "\"}";
        assertThat(samples(fn))
                .contains(
                        "eddy_lambda_invocations_total" + tag + " 1.0",
                        "eddy_lambda_errors_total" + tag + " 0.0",
                        "eddy_lambda_throttles_total" + tag + " 1.0",
                        "eddy_lambda_concurrent_executions" + tag + " 0.0",
                        "eddy_lambda_duration_milliseconds_count" + tag + " 1",
                        // the handler slept 1.5 s: past the 1 s bucket, within +Inf
                        "eddy_lambda_duration_milliseconds_bucket{function_name=\"" + fn + "\",le=\"1000.0\"} 0",
                        "eddy_lambda_duration_milliseconds_bucket{function_name=\"" + fn + "\",le=\"+Inf\"} 1");
        assertThat(Double.parseDouble(sample(fn, "eddy_lambda_duration_milliseconds_sum")
                        .substring(sample(fn, "eddy_lambda_duration_milliseconds_sum")
                                        .lastIndexOf(' ')
                                + 1)))
                .isGreaterThanOrEqualTo(1500.0);
    }

    @Test
    void aFullyThrottledFunctionHasThrottlesAndNoInvocations() {
        String fn = TestNames.unique("metrics-zero");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        lambda.putFunctionConcurrency(b -> b.functionName(fn).reservedConcurrentExecutions(0));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> invoke(fn, "{}")).isInstanceOf(TooManyRequestsException.class);
        }

        String tag = "{function_name=\"" + fn + "\"}";
        assertThat(samples(fn))
                .contains(
                        "eddy_lambda_invocations_total" + tag + " 0.0",
                        "eddy_lambda_errors_total" + tag + " 0.0",
                        "eddy_lambda_throttles_total" + tag + " 3.0",
                        "eddy_lambda_duration_milliseconds_count" + tag + " 0");
    }

    @Test
    void anAsynchronousInvocationCountsWhenItRunsAndADeletedFunctionLosesItsMetrics() {
        String fn = TestNames.unique("metrics-event");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");

        assertThat(lambda.invoke(b -> b.functionName(fn)
                                .invocationType(InvocationType.EVENT)
                                .payload(SdkBytes.fromUtf8String("{}")))
                        .statusCode())
                .isEqualTo(202);
        String tag = "{function_name=\"" + fn + "\"}";
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(samples(fn)).contains("eddy_lambda_invocations_total" + tag + " 1.0"));

        lambda.deleteFunction(b -> b.functionName(fn));

        assertThat(samples(fn)).isEmpty();
    }
}
