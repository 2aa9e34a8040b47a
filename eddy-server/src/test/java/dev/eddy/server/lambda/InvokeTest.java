package dev.eddy.server.lambda;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Invoke over HTTP with the SDK: handler shapes, serialisation, errors, logs. */
class InvokeTest {
    private static EddyServer server;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        server = EddyTestServer.startInMemory();
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
    }

    private static InvokeResponse invoke(String fn, String json) {
        return lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String(json)));
    }

    @Test
    void requestHandlerEchoesItsInput() {
        String fn = EddyTestServer.unique("echo");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");

        InvokeResponse r = invoke(fn, "{\"a\":1,\"b\":[true,\"x\"]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isNull();
        assertThat(r.executedVersion()).isEqualTo("$LATEST");
        assertThat(r.payload().asUtf8String()).isEqualTo("{\"a\":1,\"b\":[true,\"x\"]}");
    }

    @Test
    void handlerThatThrowsReturnsTheJavaRuntimesErrorObject() {
        String fn = EddyTestServer.unique("boom");
        Lambdas.deploy(lambda, fn, "handlers", "example.Boom");

        InvokeResponse r = lambda.invoke(b -> b.functionName(fn).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"reason\":\"bad\"}")));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.payload().asUtf8String()).isEqualTo("{\"errorMessage\":\"boom: bad\",\"errorType\":"
                + "\"java.lang.IllegalStateException\",\"stackTrace\":[\"example.Boom.handleRequest(Boom.java:12)\","
                + "\"example.Boom.handleRequest(Boom.java:9)\"]}");
        String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(log).startsWith("START RequestId: ")
                .contains("boom: bad: java.lang.IllegalStateException\njava.lang.IllegalStateException: boom: bad\n"
                        + "\tat example.Boom.handleRequest(Boom.java:12)\n")
                .containsPattern("END RequestId: [0-9a-f-]{36}\nREPORT RequestId: [0-9a-f-]{36}\tDuration: "
                        + "[0-9]+\\.[0-9]{2} ms\tBilled Duration: [0-9]+ ms\tMemory Size: 128 MB\tMax Memory Used: "
                        + "[0-9]+ MB\tInit Duration: [0-9]+\\.[0-9]{2} ms\t\n$");
    }
}
