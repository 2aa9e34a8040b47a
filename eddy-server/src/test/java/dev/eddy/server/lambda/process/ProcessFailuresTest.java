package dev.eddy.server.lambda.process;

import static dev.eddy.server.lambda.process.ProcessFunctions.deploy;
import static dev.eddy.server.lambda.process.ProcessFunctions.invoke;
import static dev.eddy.server.lambda.process.ProcessFunctions.tail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.runtime.process.ProcessRuntime;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * How process functions fail as Lambda reports it: timeouts stop the process, exits are
 * Runtime.ExitError, init failures return the runtime's error object, and a missing interpreter
 * says what to install. A broken environment is never reused.
 */
class ProcessFailuresTest extends ProcessServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTimeoutStopsTheProcessAndTheNextInvocationStartsAFreshOne() throws Exception {
        String fn = TestNames.unique("node-slow");
        deploy(lambda, fn, "nodejs20.x", "index.handler", Map.of("index.js", """
                        exports.handler = async (event) => {
                          console.log('pid ' + process.pid);
                          await new Promise(r => setTimeout(r, event.millis));
                          return 'slept';
                        };
                        """), b -> b.timeout(1));
        long t0 = System.nanoTime();

        InvokeResponse r = invoke(lambda, fn, "{\"millis\":60000}");

        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        String id = r.responseMetadata().requestId();
        assertThat(elapsedMs).isBetween(1000L, 5000L);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.payload().asUtf8String())
                .isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: " + id
                        + " Error: Task timed out after 1.00 seconds\"}");
        String log = tail(r);
        assertThat(log).containsPattern("REPORT RequestId: " + id + "\t.*\tStatus: timeout\t\n$");
        Matcher pid = Pattern.compile("INFO\tpid (\\d+)\n").matcher(log);
        assertThat(pid.find()).as(log).isTrue();
        long first = Long.parseLong(pid.group(1));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        assertThat(server.functions().idleEnvironments(fn)).isZero();

        InvokeResponse next = invoke(lambda, fn, "{\"millis\":1}");
        assertThat(next.functionError()).isNull();
        assertThat(next.payload().asUtf8String()).isEqualTo("\"slept\"");
        assertThat(tail(next)).contains("\tInit Duration: ").doesNotContain("pid " + first + "\n");
    }

    @Test
    void aNodeProcessThatExitsIsARuntimeExitError() throws Exception {
        String fn = TestNames.unique("node-exit");
        deploy(lambda, fn, "nodejs20.x", "index.handler", Map.of("index.js", """
                exports.handler = async (event) => {
                  if (event.exit) { console.log('exiting'); process.exit(1); }
                  return 'alive';
                };
                """));
        InvokeResponse r = invoke(lambda, fn, "{\"exit\":true}");
        String id = r.responseMetadata().requestId();
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.payload().asUtf8String())
                .isEqualTo("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: " + id
                        + " Error: Runtime exited with error: exit status 1\"}");
        assertThat(tail(r)).contains("INFO\texiting\n");
        assertThat(server.functions().idleEnvironments(fn)).isZero();
        assertThat(invoke(lambda, fn, "{}").payload().asUtf8String()).isEqualTo("\"alive\"");
    }

    @Test
    void aPythonSysExitIsARuntimeExitError() throws Exception {
        String fn = TestNames.unique("python-exit");
        deploy(lambda, fn, "python3.11", "app.handler", Map.of("app.py", """
                import sys

                def handler(event, context):
                    sys.exit(3)
                """));
        InvokeResponse r = invoke(lambda, fn, "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(r.payload().asUtf8String()).get("errorMessage").asText())
                .isEqualTo("RequestId: " + r.responseMetadata().requestId()
                        + " Error: Runtime exited with error: exit status 3");
    }

    @Test
    void initFailuresReturnTheRuntimesErrorObject() throws Exception {
        String nodeThrows = TestNames.unique("node-init");
        deploy(lambda, nodeThrows, "nodejs20.x", "index.handler", Map.of("index.js", """
                console.log('loading');
                throw new Error('config missing');
                """));
        InvokeResponse r = invoke(lambda, nodeThrows, "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(body.get("errorType").asText()).isEqualTo("Error");
        assertThat(body.get("errorMessage").asText()).isEqualTo("config missing");
        assertThat(tail(r)).contains("INFO\tloading\n").contains("Status: error");

        String notExported = TestNames.unique("node-nohandler");
        deploy(lambda, notExported, "nodejs20.x", "index.handler", Map.of("index.js", "exports.other = 1;\n"));
        assertThat(errorType(invoke(lambda, notExported, "{}"))).isEqualTo("Runtime.HandlerNotFound");

        String noModule = TestNames.unique("python-nomodule");
        deploy(lambda, noModule, "python3.11", "missing.handler", Map.of("other.py", "x = 1\n"));
        InvokeResponse py = invoke(lambda, noModule, "{}");
        assertThat(errorType(py)).isEqualTo("Runtime.ImportModuleError");
        assertThat(JSON.readTree(py.payload().asUtf8String())
                        .get("errorMessage")
                        .asText())
                .isEqualTo("Unable to import module 'missing': No module named 'missing'");

        String noBootstrap = TestNames.unique("provided-empty");
        deploy(lambda, noBootstrap, "provided.al2", "h", Map.of("README", "no bootstrap\n"));
        InvokeResponse provided = invoke(lambda, noBootstrap, "{}");
        assertThat(errorType(provided)).isEqualTo("Runtime.InvalidEntrypoint");
        assertThat(provided.payload().asUtf8String()).contains("Couldn't find valid bootstrap(s)");

        String exits = TestNames.unique("provided-exits");
        deploy(lambda, exits, "provided.al2023", "h", Map.of("bootstrap", "#!/bin/sh\necho starting\nexit 127\n"));
        InvokeResponse exited = invoke(lambda, exits, "{}");
        assertThat(exited.payload().asUtf8String())
                .isEqualTo("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":"
                        + "\"Error: Runtime exited with error: exit status 127\"}");
        assertThat(tail(exited)).contains("starting\n");
    }

    @Test
    void aMissingInterpreterIsAClearInitError() throws Exception {
        // an exact runtime's command wins over its family's, so other tests keep the real node
        ProcessRuntime.useCommand("nodejs18.x", "/nonexistent/bin/node");
        try {
            String fn = TestNames.unique("node-missing");
            deploy(lambda, fn, "nodejs18.x", "index.handler", Map.of("index.js", "exports.handler = () => 1;\n"));
            InvokeResponse r = invoke(lambda, fn, "{}");
            assertThat(r.functionError()).isEqualTo("Unhandled");
            assertThat(errorType(r)).isEqualTo("Runtime.InvalidEntrypoint");
            assertThat(JSON.readTree(r.payload().asUtf8String())
                            .get("errorMessage")
                            .asText())
                    .startsWith("Eddy cannot run nodejs18.x functions: Node.js ('/nonexistent/bin/node') was not "
                            + "found or does not start.")
                    .contains("--runtime-command nodejs=<path>");
        } finally {
            System.clearProperty("eddy.runtime.command.nodejs18.x");
        }
    }

    private static String errorType(InvokeResponse r) throws Exception {
        return JSON.readTree(r.payload().asUtf8String()).get("errorType").asText();
    }
}
