package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Functions share one JVM but not their environment variables, static state or libraries. */
class IsolationTest extends InMemoryServerTest {
    private static final java.util.concurrent.Executor CALLERS = java.util.concurrent.Executors.newCachedThreadPool();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMES = "[\"COLOR\",\"AWS_LAMBDA_FUNCTION_NAME\",\"AWS_REGION\",\"AWS_DEFAULT_REGION\","
            + "\"_HANDLER\",\"AWS_EXECUTION_ENV\",\"AWS_LAMBDA_FUNCTION_VERSION\",\"AWS_LAMBDA_LOG_GROUP_NAME\","
            + "\"AWS_ACCESS_KEY_ID\",\"AWS_ENDPOINT_URL\",\"HOME_OF_EDDY\"]";
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    private static JsonNode env(String fn) throws Exception {
        return JSON.readTree(lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String(NAMES)))
                .payload()
                .asUtf8String());
    }

    @Test
    void eachFunctionSeesItsOwnEnvironment() throws Exception {
        String red = TestNames.unique("red");
        String blue = TestNames.unique("blue");
        Lambdas.deploy(
                lambda, red, "handlers", "example.Env", b -> b.environment(e -> e.variables(Map.of("COLOR", "red"))));
        Lambdas.deploy(
                lambda,
                blue,
                "handlers",
                "example.Env",
                b -> b.runtime("java17").environment(e -> e.variables(Map.of("COLOR", "blue"))));

        CompletableFuture<JsonNode> r = CompletableFuture.supplyAsync(() -> unchecked(red), CALLERS);
        CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> unchecked(blue), CALLERS);
        JsonNode redEnv = r.get();
        JsonNode blueEnv = b.get();

        assertThat(redEnv.get("COLOR").asText()).isEqualTo("red");
        assertThat(blueEnv.get("COLOR").asText()).isEqualTo("blue");
        assertThat(redEnv.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo(red);
        assertThat(blueEnv.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo(blue);
        assertThat(redEnv.get("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java21");
        assertThat(blueEnv.get("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java17");
        assertThat(redEnv.get("_HANDLER").asText()).isEqualTo("example.Env");
        assertThat(redEnv.get("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(redEnv.get("AWS_DEFAULT_REGION").asText()).isEqualTo("us-east-1");
        assertThat(redEnv.get("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
        assertThat(redEnv.get("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/" + red);
        assertThat(redEnv.get("AWS_ACCESS_KEY_ID").asText()).isNotEmpty();
        assertThat(redEnv.get("AWS_ENDPOINT_URL").asText())
                .isEqualTo(server.endpoint().toString());
        // unset variables are null, which the runtime's serializer leaves out
        assertThat(redEnv.has("HOME_OF_EDDY")).isFalse();
        assertThat(redEnv.get("count").asInt()).isEqualTo(blueEnv.get("count").asInt());
    }

    private static JsonNode unchecked(String fn) {
        try {
            return env(fn);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void staticStateBelongsToOneEnvironmentAndWarmEnvironmentsAreReused() throws Exception {
        String one = TestNames.unique("static1");
        String two = TestNames.unique("static2");
        Lambdas.deploy(lambda, one, "handlers", "example.Env");
        Lambdas.deploy(lambda, two, "handlers", "example.Env");

        assertThat(env(one).get("invocations").asInt()).isEqualTo(1);
        assertThat(env(one).get("invocations").asInt()).isEqualTo(2);
        assertThat(env(two).get("invocations").asInt()).isEqualTo(1);
        assertThat(server.functions().idleEnvironments(one)).isEqualTo(1);

        // a configuration change starts fresh environments
        lambda.updateFunctionConfiguration(b -> b.functionName(one).description("new"));
        Lambdas.awaitActive(lambda, one);
        assertThat(env(one).get("invocations").asInt()).isEqualTo(1);
    }

    @Test
    void bundledLibrariesDoNotClashWithEddys() {
        String fn = TestNames.unique("jackson");
        Lambdas.deploy(lambda, fn, "old-jackson", "example.jackson.VersionHandler");

        String out = lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{\"x\":[1,2]}")))
                .payload()
                .asUtf8String();

        assertThat(out).isEqualTo("{\"jacksonVersion\":\"2.17.2\",\"json\":\"{\\\"x\\\":[1,2]}\"}");
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
                .isNotEqualTo("2.17.2");
    }

    @Test
    void idleEnvironmentsAreClosedAfterTheIdleTimeout() throws Exception {
        String fn = TestNames.unique("idle");
        Lambdas.deploy(lambda, fn, "handlers", "example.Env");
        env(fn);
        assertThat(server.functions().idleEnvironments(fn)).isEqualTo(1);

        // the default idle timeout is 10 minutes: nothing expires now
        assertThat(server.functions().expireIdleEnvironments()).isZero();
        assertThat(server.functions().idleEnvironments(fn)).isEqualTo(1);
    }
}
