package dev.eddy.server.lambda.process;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.State;

/** Helpers for the process runtime tests: zips written in the test, deploying and invoking them. */
final class ProcessFunctions {
    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private ProcessFunctions() {}

    /**
     * Fails (never skips) when an interpreter the tests need is missing: the machines that run
     * the suite have Node.js 20 and Python 3.
     */
    static void requireInterpreters() {
        require(List.of("node", "--version"), "Node.js ('node' on PATH)");
        require(List.of("python3", "--version"), "Python 3 ('python3' on PATH)");
    }

    private static void require(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(what + " is required by the process runtime tests but does not run");
            }
        } catch (IOException e) {
            fail(what + " is required by the process runtime tests but is not installed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** A zip of {@code files} (path to UTF-8 content). */
    static SdkBytes zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    /** Creates a function of {@code runtime} from {@code files} and waits until it is Active. */
    static void deploy(
            LambdaClient lambda,
            String name,
            String runtime,
            String handler,
            Map<String, String> files,
            Consumer<CreateFunctionRequest.Builder> more) {
        lambda.createFunction(b -> {
            b.functionName(name).runtime(runtime).role(ROLE).handler(handler).code(c -> c.zipFile(zip(files)));
            more.accept(b);
        });
        awaitActive(lambda, name);
    }

    /** Waits until {@code name} is Active and its last update succeeded. */
    static void awaitActive(LambdaClient lambda, String name) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> lambda.getFunctionConfiguration(b -> b.functionName(name)),
                        c -> c.state() == State.ACTIVE && c.lastUpdateStatus() == LastUpdateStatus.SUCCESSFUL);
    }

    static void deploy(LambdaClient lambda, String name, String runtime, String handler, Map<String, String> files) {
        deploy(lambda, name, runtime, handler, files, b -> {});
    }

    /** Invokes synchronously with the log tail. */
    static InvokeResponse invoke(LambdaClient lambda, String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
    }

    /** The decoded log tail of {@code r}. */
    static String tail(InvokeResponse r) {
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }
}
