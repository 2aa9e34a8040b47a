package dev.eddy.server.lambda.process;

import static dev.eddy.server.lambda.process.ProcessFunctions.invoke;
import static dev.eddy.server.lambda.process.ProcessFunctions.tail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * A {@code java21} function with {@code EDDY_JAVA_RUNTIME=process} runs in a JVM of its own through
 * the AWS runtime interface client; without the variable it stays in Eddy's JVM.
 */
class JavaProcessTest extends InMemoryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LambdaClient lambda;
    private static SdkBytes handlers;

    @BeforeAll
    static void start() throws Exception {
        lambda = EddyClients.lambda(server.endpoint());
        String jar = System.getProperty("eddy.example.handlers");
        assertThat(jar)
                .as("system property eddy.example.handlers (run with Maven)")
                .isNotNull();
        handlers = SdkBytes.fromByteArray(Files.readAllBytes(Path.of(jar)));
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    private static void deploy(String name, String handler, Map<String, String> env) {
        lambda.createFunction(b -> b.functionName(name)
                .runtime("java21")
                .role(ProcessFunctions.ROLE)
                .handler(handler)
                .memorySize(256)
                .timeout(30)
                .environment(e -> e.variables(env))
                .code(c -> c.zipFile(handlers)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> lambda.getFunctionConfiguration(b -> b.functionName(name)),
                        c -> c.state() == State.ACTIVE && c.lastUpdateStatus() == LastUpdateStatus.SUCCESSFUL);
    }

    @Test
    void aJavaHandlerInProcessModeRunsThroughTheRuntimeApi() throws Exception {
        String fn = TestNames.unique("java-process");
        deploy(fn, "example.Env", Map.of("EDDY_JAVA_RUNTIME", "process", "GREETING", "hello"));

        InvokeResponse r = invoke(lambda, fn, "[\"GREETING\",\"AWS_LAMBDA_RUNTIME_API\",\"AWS_EXECUTION_ENV\"]");

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(body.get("GREETING").asText()).isEqualTo("hello");
        assertThat(body.get("AWS_LAMBDA_RUNTIME_API").asText()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(body.get("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java21");
        assertThat(body.get("invocations").asInt()).isEqualTo(1);
        assertThat(tail(r)).contains("Init Duration: ");
        // warm: the same JVM, its static state kept
        InvokeResponse again = invoke(lambda, fn, "[]");
        assertThat(JSON.readTree(again.payload().asUtf8String())
                        .get("invocations")
                        .asInt())
                .isEqualTo(2);

        String inJvm = TestNames.unique("java-in-jvm");
        deploy(inJvm, "example.Env", Map.of("GREETING", "hello"));
        JsonNode local = JSON.readTree(
                invoke(lambda, inJvm, "[\"AWS_LAMBDA_RUNTIME_API\"]").payload().asUtf8String());
        assertThat(local.path("AWS_LAMBDA_RUNTIME_API").asText(null)).isNull();
    }

    @Test
    void streamBatchesAndErrorsLookAsInTheJavaRuntime() throws Exception {
        String fn = TestNames.unique("java-process-stream");
        deploy(fn, "example.StreamBatch", Map.of("EDDY_JAVA_RUNTIME", "process"));
        InvokeResponse r = invoke(lambda, fn, """
                {"Records":[{"eventID":"1","eventName":"INSERT","eventSource":"aws:dynamodb",
                  "dynamodb":{"ApproximateCreationDateTime":1700000000,"Keys":{"id":{"S":"a"}},
                  "NewImage":{"id":{"S":"a"},"fail":{"BOOL":true}},"SequenceNumber":"300",
                  "SizeBytes":10,"StreamViewType":"NEW_IMAGE"}}]}""");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(JSON.readTree(r.payload().asUtf8String())
                        .get("batchItemFailures")
                        .toString())
                .isEqualTo("[{\"itemIdentifier\":\"300\"}]");
        assertThat(tail(r)).contains("INSERT {id=").contains(" 1700000000000");

        String boom = TestNames.unique("java-process-boom");
        deploy(boom, "example.Boom", Map.of("EDDY_JAVA_RUNTIME", "process"));
        InvokeResponse failed = invoke(lambda, boom, "{\"reason\":\"x\"}");
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(failed.payload().asUtf8String());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("boom: x");
    }
}
