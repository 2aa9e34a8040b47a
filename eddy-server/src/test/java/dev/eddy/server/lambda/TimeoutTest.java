package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/** An invocation past its Timeout fails with Sandbox.Timedout; its environment is discarded. */
class TimeoutTest extends InMemoryServerTest {
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    @Test
    void timedOutInvocationsFailAndTheNextOneRunsInAFreshEnvironment() {
        String fn = TestNames.unique("sleepy");
        Lambdas.deploy(lambda, fn, "handlers", "example.Sleep", b -> b.timeout(1));
        long t0 = System.nanoTime();

        InvokeResponse r = lambda.invoke(
                b -> b.functionName(fn).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{\"millis\":60000}")));

        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        String id = r.responseMetadata().requestId();
        assertThat(elapsedMs).isBetween(1000L, 5000L);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.payload().asUtf8String())
                .isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":" + "\"RequestId: " + id
                        + " Error: Task timed out after 1.00 seconds\"}");
        String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(log)
                .contains("sleeping 60000 ms\n")
                .containsPattern("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z " + id + " Task timed out after 1.00 seconds\n"
                        + "END RequestId: " + id + "\nREPORT RequestId: " + id + "\t.*\tStatus: timeout\t\n$");
        assertThat(server.functions().idleEnvironments(fn)).isZero();

        InvokeResponse next = lambda.invoke(
                b -> b.functionName(fn).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{\"millis\":10}")));
        assertThat(next.functionError()).isNull();
        assertThat(next.payload().asUtf8String()).isEqualTo("\"slept\"");
        // a new environment: the cold start reports an init duration
        assertThat(new String(Base64.getDecoder().decode(next.logResult()), StandardCharsets.UTF_8))
                .contains("\tInit Duration: ");
        assertThat(server.functions().idleEnvironments(fn)).isEqualTo(1);
    }
}
