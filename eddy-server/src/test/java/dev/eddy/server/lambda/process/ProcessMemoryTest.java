package dev.eddy.server.lambda.process;

import static dev.eddy.server.lambda.process.ProcessFunctions.deploy;
import static dev.eddy.server.lambda.process.ProcessFunctions.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.testkit.TestNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * MemorySize of process functions: reported to the runtime, enforced (V8's heap, RLIMIT_AS, the
 * JVM's heap), and a function that allocates past it dies with Lambda's {@code Runtime.OutOfMemory}
 * and leaves no environment to reuse.
 */
class ProcessMemoryTest extends ProcessServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode ok(InvokeResponse r) throws Exception {
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return JSON.readTree(r.payload().asUtf8String());
    }

    private static void assertOutOfMemory(InvokeResponse r) throws Exception {
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(r.payload().asUtf8String());
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.OutOfMemory");
        assertThat(error.get("errorMessage").asText())
                .isEqualTo("RequestId: " + r.responseMetadata().requestId()
                        + " Error: Runtime exited with error: signal: killed");
    }

    @Test
    void aNodeHandlerPastItsMemoryIsOutOfMemoryAndItsEnvironmentIsNotReused() throws Exception {
        String fn = TestNames.unique("node-memory");
        deploy(
                lambda,
                fn,
                "nodejs20.x",
                "index.handler",
                Map.of("index.js", """
                let invocations = 0;
                exports.handler = async (event, context) => {
                  invocations++;
                  const held = [];
                  for (let i = 0; i < (event.megabytes || 0); i++) held.push(new Array(131072).fill(i + 0.5));
                  return { invocations, limit: context.memoryLimitInMB,
                           env: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, args: process.execArgv };
                };
                """),
                b -> b.memorySize(128).timeout(30));

        JsonNode first = ok(invoke(lambda, fn, "{\"megabytes\":8}"));
        assertThat(first.get("invocations").asInt()).isEqualTo(1);
        assertThat(first.get("limit").asText()).isEqualTo("128");
        assertThat(first.get("env").asText()).isEqualTo("128");
        assertThat(first.get("args").toString()).contains("--max-old-space-size=115");

        assertOutOfMemory(invoke(lambda, fn, "{\"megabytes\":400}"));

        // a fresh environment: the module's counter starts again
        assertThat(ok(invoke(lambda, fn, "{}")).get("invocations").asInt()).isEqualTo(1);
    }

    @Test
    void aPythonHandlerPastItsMemoryIsOutOfMemoryAndItsEnvironmentIsNotReused() throws Exception {
        String fn = TestNames.unique("python-memory");
        deploy(
                lambda,
                fn,
                "python3.12",
                "app.handler",
                Map.of("app.py", """
                import os, resource
                invocations = 0
                def handler(event, context):
                    global invocations
                    invocations += 1
                    held = bytearray(event.get("megabytes", 0) << 20)
                    return {"invocations": invocations, "held": len(held) >> 20,
                            "limit": context.memory_limit_in_mb,
                            "rlimit": resource.getrlimit(resource.RLIMIT_AS)[0] >> 20}
                """),
                b -> b.memorySize(128).timeout(30));

        JsonNode first = ok(invoke(lambda, fn, "{\"megabytes\":16}"));
        assertThat(first.get("held").asInt()).isEqualTo(16);
        assertThat(first.get("limit").asText()).isEqualTo("128");
        assertThat(first.get("rlimit").asInt()).isEqualTo(128);

        assertOutOfMemory(invoke(lambda, fn, "{\"megabytes\":200}"));

        assertThat(ok(invoke(lambda, fn, "{}")).get("invocations").asInt()).isEqualTo(1);
    }

    @Test
    void aJavaProcessHandlerPastItsHeapIsOutOfMemoryAndItsEnvironmentIsNotReused() throws Exception {
        String jar = System.getProperty("eddy.example.handlers");
        assertThat(jar)
                .as("system property eddy.example.handlers (run with Maven)")
                .isNotNull();
        String fn = TestNames.unique("java-memory");
        SdkBytes code = SdkBytes.fromByteArray(Files.readAllBytes(Path.of(jar)));
        lambda.createFunction(b -> b.functionName(fn)
                .runtime("java21")
                .role(ProcessFunctions.ROLE)
                .handler("example.Hog")
                .memorySize(128)
                .timeout(30)
                .environment(e -> e.variables(Map.of("EDDY_JAVA_RUNTIME", "process")))
                .code(c -> c.zipFile(code)));
        ProcessFunctions.awaitActive(lambda, fn);

        JsonNode first = ok(invoke(lambda, fn, "{\"megabytes\":8}"));
        assertThat(first.get("memoryLimitInMB").asInt()).isEqualTo(128);
        // -Xmx is 85% of MemorySize
        assertThat(first.get("maxHeapMB").asInt()).isBetween(100, 108);

        assertOutOfMemory(invoke(lambda, fn, "{\"megabytes\":200}"));

        assertThat(ok(invoke(lambda, fn, "{}")).get("invocations").asInt()).isEqualTo(1);
    }
}
