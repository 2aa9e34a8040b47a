package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.server.StoreSpec;
import dev.eddy.testkit.TestNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Two nodes on one PostgreSQL database: a function created, changed or deleted through node A is
 * what an Invoke on node B runs at once (B's warm environments of the old code are not reused), and
 * reserved concurrency holds across both nodes.
 */
class FunctionsTwoNodesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEASE = Duration.ofSeconds(3);
    // a notice takes milliseconds; the bound leaves room for a cold start of the new code on B
    private static final Duration AT_ONCE = Duration.ofSeconds(10);
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool();

    private static EddyServer a;
    private static EddyServer b;
    private static LambdaClient lambdaA;
    private static LambdaClient lambdaB;

    @BeforeAll
    static void start() {
        StoreSpec shared = new StoreSpec.Postgres(EddyTestServer.postgresSchema("functions_two_nodes"));
        a = EddyServer.start(ServerConfig.inMemoryOnRandomPort()
                .withStore(shared)
                .withCluster(ServerConfig.Cluster.shared("a", LEASE)));
        b = EddyServer.start(ServerConfig.inMemoryOnRandomPort()
                .withStore(shared)
                .withCluster(ServerConfig.Cluster.shared("b", LEASE)));
        lambdaA = Lambdas.client(a);
        lambdaB = Lambdas.client(b);
    }

    @AfterAll
    static void stop() {
        lambdaA.close();
        lambdaB.close();
        b.close();
        a.close();
    }

    @Test
    void changesThroughNodeAAreWhatAnInvokeOnNodeBRuns() {
        String fn = TestNames.unique("two-nodes");
        Lambdas.deploy(
                lambdaA, fn, "handlers", "example.Env", x -> x.environment(e -> e.variables(Map.of("FOO", "one"))));
        JsonNode first = soon().until(() -> env(lambdaB, fn), r -> r != null && "one".equals(text(r, "FOO")));
        assertThat(env(lambdaB, fn).get("invocations").asInt())
                .as("B reuses its warm environment")
                .isEqualTo(first.get("invocations").asInt() + 1);

        lambdaA.updateFunctionConfiguration(
                x -> x.functionName(fn).environment(e -> e.variables(Map.of("FOO", "two"))));
        Lambdas.awaitActive(lambdaA, fn);
        JsonNode updated = soon().until(() -> env(lambdaB, fn), r -> "two".equals(text(r, "FOO")));
        assertThat(updated.get("invocations").asInt())
                .as("a new environment with the new configuration")
                .isEqualTo(1);
        assertThat(env(lambdaB, fn).get("invocations").asInt()).isEqualTo(2);

        // the same package again is a new revision: B's environment of the old one must not serve it
        lambdaA.updateFunctionCode(x -> x.functionName(fn).zipFile(Lambdas.jar("handlers")));
        Lambdas.awaitActive(lambdaA, fn);
        soon().until(() -> env(lambdaB, fn).get("invocations").asInt() == 1);
        assertThat(lambdaB.getFunctionConfiguration(x -> x.functionName(fn)).revisionId())
                .isEqualTo(lambdaA.getFunctionConfiguration(x -> x.functionName(fn))
                        .revisionId());

        lambdaA.deleteFunction(x -> x.functionName(fn));
        soon().untilAsserted(
                        () -> assertThatThrownBy(() -> env(lambdaB, fn)).isInstanceOf(ResourceNotFoundException.class));
    }

    @Test
    void aliasAndVersionChangesThroughNodeAReachNodeB() {
        String fn = TestNames.unique("two-nodes-alias");
        Lambdas.deploy(
                lambdaA, fn, "handlers", "example.Env", x -> x.environment(e -> e.variables(Map.of("FOO", "v1"))));
        String v1 = lambdaA.publishVersion(x -> x.functionName(fn)).version();
        lambdaA.updateFunctionConfiguration(x -> x.functionName(fn).environment(e -> e.variables(Map.of("FOO", "v2"))));
        Lambdas.awaitActive(lambdaA, fn);
        String v2 = lambdaA.publishVersion(x -> x.functionName(fn)).version();
        lambdaA.createAlias(x -> x.functionName(fn).name("live").functionVersion(v1));
        soon().until(() -> env(lambdaB, fn + ":live"), r -> r != null && "v1".equals(text(r, "FOO")));

        lambdaA.updateAlias(x -> x.functionName(fn).name("live").functionVersion(v2));
        assertThat(text(env(lambdaB, fn + ":live"), "FOO")).isEqualTo("v2");

        lambdaA.deleteAlias(x -> x.functionName(fn).name("live"));
        lambdaA.deleteFunction(x -> x.functionName(fn).qualifier(v1));
        assertThat(text(env(lambdaB, fn + ":" + v2), "FOO")).isEqualTo("v2");
        soon().untilAsserted(() ->
                assertThatThrownBy(() -> env(lambdaB, fn + ":" + v1)).isInstanceOf(ResourceNotFoundException.class));
        assertThatThrownBy(() -> env(lambdaB, fn + ":live")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void reservedConcurrencyOfOneAdmitsOneInvocationAcrossBothNodes() throws Exception {
        String fn = TestNames.unique("two-nodes-reserved");
        Lambdas.deploy(lambdaA, fn, "handlers", "example.Sleep", x -> x.timeout(30));
        lambdaA.putFunctionConcurrency(x -> x.functionName(fn).reservedConcurrentExecutions(1));
        soon().until(() ->
                lambdaB.getFunctionConcurrency(x -> x.functionName(fn)).reservedConcurrentExecutions() != null);
        // B's own environment is warm, so that its invocation below does not wait for a cold start
        soon().until(() -> sleep(lambdaB, fn, 1).equals("\"slept\""));

        CompletableFuture<InvokeResponse> busy =
                CompletableFuture.supplyAsync(() -> invokeSleep(lambdaA, fn, 3000), CALLERS);
        Awaitility.await().until(() -> busy.isDone() || a.functions().concurrentExecutions(fn) > 0);

        assertThatThrownBy(() -> sleep(lambdaB, fn, 1)).isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate Exceeded.");
        });
        assertThat(busy.get().payload().asUtf8String()).isEqualTo("\"slept\"");
        assertThat(sleep(lambdaB, fn, 1)).as("the slot is free again").isEqualTo("\"slept\"");
        lambdaA.deleteFunction(x -> x.functionName(fn));
    }

    private static ConditionFactory soon() {
        // before B learns of a new function it answers not found, and while it prepares the code, conflict
        return Awaitility.await()
                .atMost(AT_ONCE)
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptionsMatching(
                        e -> e instanceof ResourceNotFoundException || e instanceof ResourceConflictException);
    }

    private static JsonNode env(LambdaClient lambda, String function) {
        InvokeResponse r = lambda.invoke(x -> x.functionName(function).payload(SdkBytes.fromUtf8String("[\"FOO\"]")));
        if (r.functionError() != null) {
            return null;
        }
        try {
            return JSON.readTree(r.payload().asUtf8String());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).asText(null);
    }

    private static String sleep(LambdaClient lambda, String fn, int millis) {
        return invokeSleep(lambda, fn, millis).payload().asUtf8String();
    }

    private static InvokeResponse invokeSleep(LambdaClient lambda, String fn, int millis) {
        return lambda.invoke(x -> x.functionName(fn).payload(SdkBytes.fromUtf8String("{\"millis\":" + millis + "}")));
    }
}
