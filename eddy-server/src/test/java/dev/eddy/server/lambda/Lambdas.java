package dev.eddy.server.lambda;

import dev.eddy.server.EddyServer;
import dev.eddy.testkit.EddyClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.State;

/** Helpers for the Lambda black-box tests: SDK clients, the example JARs, deploying a function. */
final class Lambdas {
    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private Lambdas() {}

    /** A Lambda client that does not retry (so throttles and errors reach the test as they are). */
    static LambdaClient client(EddyServer server) {
        return EddyClients.lambda(server.endpoint());
    }

    /** The bytes of an example handler JAR: "handlers", "sdk-writer" or "old-jackson". */
    static SdkBytes jar(String example) {
        String path = System.getProperty("eddy.example." + example);
        if (path == null) {
            throw new IllegalStateException("system property eddy.example." + example + " is not set (run with Maven)");
        }
        try {
            return SdkBytes.fromByteArray(Files.readAllBytes(Path.of(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a java21 function from an example JAR and waits until it is Active. */
    static GetFunctionConfigurationResponse deploy(
            LambdaClient lambda,
            String name,
            String example,
            String handler,
            Consumer<CreateFunctionRequest.Builder> more) {
        lambda.createFunction(b -> {
            b.functionName(name).runtime("java21").role(ROLE).handler(handler).code(c -> c.zipFile(jar(example)));
            more.accept(b);
        });
        return awaitActive(lambda, name);
    }

    static GetFunctionConfigurationResponse deploy(LambdaClient lambda, String name, String example, String handler) {
        return deploy(lambda, name, example, handler, b -> {});
    }

    static GetFunctionConfigurationResponse awaitActive(LambdaClient lambda, String name) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> lambda.getFunctionConfiguration(b -> b.functionName(name)),
                        c -> c.state() == State.ACTIVE && c.lastUpdateStatus() == LastUpdateStatus.SUCCESSFUL);
    }
}
