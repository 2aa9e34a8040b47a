package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.server.Main;
import dev.eddy.testkit.TestNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@code eddy logs FUNCTION} prints the function's log from a running server. */
class LogsCommandTest extends InMemoryServerTest {

    @Test
    void printsTheLogOfAFunction() {
        try (EddyServer server = EddyTestServer.startInMemory();
                LambdaClient lambda = Lambdas.client(server)) {
            String fn = TestNames.unique("cli");
            Lambdas.deploy(lambda, fn, "handlers", "example.Logs");
            String id = lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{\"text\":\"hello\"}")))
                    .responseMetadata()
                    .requestId();

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = new CommandLine(new Main())
                    .setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err))
                    .execute("logs", "--endpoint", server.endpoint().toString(), fn);

            assertThat(code).isZero();
            assertThat(out.toString())
                    .startsWith("START RequestId: " + id + " Version: $LATEST\nout hello\nerr hello\n"
                            + "logger hello\nEND RequestId: " + id + "\nREPORT RequestId: " + id + "\tDuration: ");

            StringWriter missingErr = new StringWriter();
            int missing = new CommandLine(new Main())
                    .setErr(new PrintWriter(missingErr))
                    .execute("logs", "--endpoint", server.endpoint().toString(), "no-such-fn");
            assertThat(missing).isEqualTo(1);
            assertThat(missingErr.toString())
                    .isEqualTo("eddy logs: Function not found: "
                            + "arn:aws:lambda:us-east-1:000000000000:function:no-such-fn:$LATEST\n");
        }
    }
}
