package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.function.CreateFunction;
import dev.eddy.function.FunctionConfig;
import dev.eddy.function.FunctionService;
import dev.eddy.function.FunctionServiceConfig;
import dev.eddy.function.InvocationResult;
import dev.eddy.function.InvokeRequest;
import dev.eddy.runtime.java.JavaRuntime;
import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.rocksdb.RocksDbStore;
import dev.eddy.testkit.TestNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Functions (code and configuration) survive a restart on the same data directory. */
class RestartTest {

    @Test
    void functionsSurviveARestart(@TempDir Path data) {
        String fn = TestNames.unique("durable");
        String revision;
        try (EddyServer first = EddyServer.start(ServerConfig.onDisk(data))) {
            Assumptions.assumeFalse(
                    first.store() instanceof MemoryStore,
                    "the server does not open a durable store for a data directory yet");
            try (LambdaClient lambda = Lambdas.client(first)) {
                revision = Lambdas.deploy(
                                lambda,
                                fn,
                                "handlers",
                                "example.Env",
                                b -> b.timeout(9).environment(e -> e.variables(Map.of("COLOR", "green"))))
                        .revisionId();
                lambda.putFunctionConcurrency(b -> b.functionName(fn).reservedConcurrentExecutions(3));
            }
        }
        try (EddyServer second = EddyServer.start(ServerConfig.onDisk(data));
                LambdaClient lambda = Lambdas.client(second)) {
            var c = Lambdas.awaitActive(lambda, fn);
            assertThat(c.revisionId()).isEqualTo(revision);
            assertThat(c.timeout()).isEqualTo(9);
            assertThat(c.environment().variables()).isEqualTo(Map.of("COLOR", "green"));
            assertThat(lambda.getFunctionConcurrency(b -> b.functionName(fn)).reservedConcurrentExecutions())
                    .isEqualTo(3);
            assertThat(lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("[\"COLOR\"]")))
                            .payload()
                            .asUtf8String())
                    .startsWith("{\"COLOR\":\"green\",");
        }
    }

    @Test
    void theFunctionServiceReloadsFunctionsFromRocksDb(@TempDir Path data) throws Exception {
        byte[] jar = Lambdas.jar("handlers").asByteArray();
        String fn = "reloaded";
        try (RocksDbStore store = RocksDbStore.open(data.resolve("db"));
                FunctionService service = new FunctionService(
                        store, FunctionServiceConfig.defaults(), List.of(new JavaRuntime(data.resolve("code"))))) {
            service.create(new CreateFunction(
                    fn,
                    "java21",
                    Lambdas.ROLE,
                    "example.Env",
                    "kept",
                    9,
                    256,
                    Map.of("COLOR", "green"),
                    jar,
                    null,
                    null,
                    Map.of("team", "a")));
            service.putConcurrency(fn, 3);
            awaitActive(service, fn);
        }
        try (RocksDbStore store = RocksDbStore.open(data.resolve("db"));
                FunctionService service = new FunctionService(
                        store, FunctionServiceConfig.defaults(), List.of(new JavaRuntime(data.resolve("code"))))) {
            FunctionConfig c = awaitActive(service, fn);
            assertThat(c.description()).isEqualTo("kept");
            assertThat(c.timeout()).isEqualTo(9);
            assertThat(c.memorySize()).isEqualTo(256);
            assertThat(c.environment()).isEqualTo(Map.of("COLOR", "green"));
            assertThat(c.tags()).isEqualTo(Map.of("team", "a"));
            assertThat(c.reservedConcurrency()).isEqualTo(3);
            assertThat(service.code(fn)).isEqualTo(jar);
            InvocationResult r =
                    service.invoke(InvokeRequest.requestResponse(fn, "[\"COLOR\"]".getBytes(StandardCharsets.UTF_8)));
            assertThat(r)
                    .isInstanceOfSatisfying(
                            InvocationResult.Success.class,
                            s -> assertThat(new String(s.payload(), StandardCharsets.UTF_8))
                                    .startsWith("{\"COLOR\":\"green\","));
        }
    }

    private static FunctionConfig awaitActive(FunctionService service, String fn) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> service.get(fn, null), c -> c.state() == FunctionConfig.State.Active);
    }
}
