package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.function.FunctionServiceConfig;
import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.server.ServerConfig;
import dev.eddy.testkit.TestNames;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Reserved concurrency and the account limit throttle with TooManyRequestsException. */
class ConcurrencyTest extends InMemoryServerTest {
    // the common pool has one thread on a 2-core machine: callers need threads of their own
    private static final java.util.concurrent.Executor CALLERS = java.util.concurrent.Executors.newCachedThreadPool();

    @Test
    void reservedConcurrencyCapsAFunction() throws Exception {
        try (EddyServer server = EddyTestServer.startInMemory();
                LambdaClient lambda = Lambdas.client(server)) {
            String fn = TestNames.unique("reserved");
            Lambdas.deploy(lambda, fn, "handlers", "example.Sleep", b -> b.timeout(30));
            lambda.putFunctionConcurrency(b -> b.functionName(fn).reservedConcurrentExecutions(1));

            CompletableFuture<InvokeResponse> busy = CompletableFuture.supplyAsync(
                    () -> lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{\"millis\":1500}"))),
                    CALLERS);
            org.awaitility.Awaitility.await().until(() -> busy.isDone() || sleeping(server, fn));

            assertThatThrownBy(() ->
                            lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{\"millis\":1}"))))
                    .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(429);
                        assertThat(e.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate Exceeded.");
                    });
            assertThat(busy.get().payload().asUtf8String()).isEqualTo("\"slept\"");

            lambda.putFunctionConcurrency(b -> b.functionName(fn).reservedConcurrentExecutions(0));
            HttpResponse<String> raw =
                    RawHttp.send(server, "POST", "/2015-03-31/functions/" + fn + "/invocations", "{\"millis\":1}");
            assertThat(raw.statusCode()).isEqualTo(429);
            assertThat(raw.headers().firstValue("X-Amzn-ErrorType")).hasValue("TooManyRequestsException");
            assertThat(raw.body())
                    .isEqualTo("{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\","
                            + "\"Type\":\"User\",\"message\":\"Rate Exceeded.\"}");

            lambda.deleteFunctionConcurrency(b -> b.functionName(fn));
            assertThat(lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{\"millis\":1}")))
                            .payload()
                            .asUtf8String())
                    .isEqualTo("\"slept\"");
        }
    }

    @Test
    void theAccountLimitCapsUnreservedFunctions() throws Exception {
        FunctionServiceConfig limits = FunctionServiceConfig.defaults().withAccountConcurrency(2, 1);
        try (EddyServer server =
                        EddyServer.start(ServerConfig.inMemoryOnRandomPort().withFunctions(limits));
                LambdaClient lambda = Lambdas.client(server)) {
            String a = TestNames.unique("acct-a");
            String b = TestNames.unique("acct-b");
            Lambdas.deploy(lambda, a, "handlers", "example.Sleep", x -> x.timeout(30));
            Lambdas.deploy(lambda, b, "handlers", "example.Sleep", x -> x.timeout(30));

            CompletableFuture<InvokeResponse> one = CompletableFuture.supplyAsync(
                    () -> lambda.invoke(x -> x.functionName(a).payload(SdkBytes.fromUtf8String("{\"millis\":1500}"))),
                    CALLERS);
            CompletableFuture<InvokeResponse> two = CompletableFuture.supplyAsync(
                    () -> lambda.invoke(x -> x.functionName(b).payload(SdkBytes.fromUtf8String("{\"millis\":1500}"))),
                    CALLERS);
            org.awaitility.Awaitility.await()
                    .until(() -> (one.isDone() || sleeping(server, a)) && (two.isDone() || sleeping(server, b)));

            assertThatThrownBy(() ->
                            lambda.invoke(x -> x.functionName(b).payload(SdkBytes.fromUtf8String("{\"millis\":1}"))))
                    .isInstanceOfSatisfying(
                            TooManyRequestsException.class,
                            e -> assertThat(e.reasonAsString()).isEqualTo("ConcurrentInvocationLimitExceeded"));
            assertThat(one.get().payload().asUtf8String()).isEqualTo("\"slept\"");
            assertThat(two.get().payload().asUtf8String()).isEqualTo("\"slept\"");
        }
    }

    /** Whether an invocation of the function is running. */
    private static boolean sleeping(EddyServer server, String fn) {
        return server.functions().concurrentExecutions(fn) > 0;
    }
}
