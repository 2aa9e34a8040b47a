package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.store.MemoryStore;
import dev.eddy.testing.ScriptedRuntime;
import dev.eddy.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The function service over a fake runtime: states, durability, warm reuse, idle expiry. */
class FunctionServiceTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-02T03:04:05.678Z"));
    // answers every invocation with ScriptedRuntime.Answer.echo(): the payload back, "echo <payload>" logged
    private final ScriptedRuntime runtime = new ScriptedRuntime();

    private FunctionService service(MemoryStore store) {
        return new FunctionService(
                store,
                FunctionServiceConfig.defaults().withClock(clock).withIdleTimeout(Duration.ofMinutes(5)),
                List.of(runtime));
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("a.txt"));
            z.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static CreateFunction create(String name, String runtime) throws IOException {
        return new CreateFunction(
                name,
                runtime,
                "arn:aws:iam::000000000000:role/r",
                "h",
                null,
                null,
                null,
                Map.of("K", "v"),
                zip(),
                null,
                null,
                null);
    }

    private static FunctionConfig await(FunctionService s, String name) {
        return org.awaitility.Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> s.get(name, null), c -> c.state() != FunctionConfig.State.Pending);
    }

    @Test
    void createdFunctionsArePendingThenActiveAndSurviveARestart() throws Exception {
        MemoryStore store = new MemoryStore();
        try (FunctionService s = service(store)) {
            FunctionConfig c = s.create(create("f", "fake1"));
            assertThat(c.state()).isEqualTo(FunctionConfig.State.Pending);
            assertThat(c.lastModified()).isEqualTo("2026-01-02T03:04:05.678+0000");
            assertThat(c.timeout()).isEqualTo(3);
            assertThat(c.memorySize()).isEqualTo(128);
            FunctionConfig active = await(s, "f");
            assertThat(active.state()).isEqualTo(FunctionConfig.State.Active);
            assertThat(active.lastUpdateStatus()).isEqualTo(FunctionConfig.LastUpdateStatus.Successful);
            s.putConcurrency("f", 7);
        }
        try (FunctionService s = service(store)) {
            FunctionConfig c = await(s, "f");
            assertThat(c.state()).isEqualTo(FunctionConfig.State.Active);
            assertThat(c.environment()).isEqualTo(Map.of("K", "v"));
            assertThat(s.getConcurrency("f")).isEqualTo(7);
            InvocationResult r = s.invoke(
                    new InvokeRequest("f", null, InvocationType.RequestResponse, "{\"x\":1}".getBytes(), true, null));
            assertThat(r)
                    .isInstanceOfSatisfying(
                            InvocationResult.Success.class,
                            ok -> assertThat(new String(ok.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo("{\"x\":1}"));
        }
    }

    @Test
    void functionsOfRuntimesEddyCannotRunFail() throws Exception {
        try (FunctionService s = service(new MemoryStore())) {
            s.create(create("py", "python3.12"));
            FunctionConfig c = await(s, "py");
            assertThat(c.state()).isEqualTo(FunctionConfig.State.Failed);
            assertThat(c.stateReasonCode()).isEqualTo("InvalidRuntime");
            assertThat(s.invoke(InvokeRequest.requestResponse("py", "{}".getBytes())))
                    .isInstanceOfSatisfying(InvocationResult.NotReady.class, n -> {
                        assertThat(n).isEqualTo(new InvocationResult.NotReady("py", FunctionConfig.State.Failed));
                        assertThat(n.message())
                                .isEqualTo("The operation cannot be performed at this time. "
                                        + "The function is currently in the following state: Failed");
                    });
        }
    }

    @Test
    void warmEnvironmentsAreReusedAndExpireWhenIdle() throws Exception {
        try (FunctionService s = service(new MemoryStore())) {
            s.create(create("w", "fake1"));
            await(s, "w");
            for (int i = 0; i < 3; i++) {
                s.invoke(InvokeRequest.requestResponse("w", "{}".getBytes()));
            }
            assertThat(runtime.started()).hasSize(1);
            assertThat(s.idleEnvironments("w")).isEqualTo(1);

            clock.advance(Duration.ofMinutes(4));
            assertThat(s.expireIdleEnvironments()).isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(s.expireIdleEnvironments()).isEqualTo(1);
            assertThat(runtime.closed()).isEqualTo(1);
            assertThat(s.idleEnvironments("w")).isZero();
        }
    }

    @Test
    void logsGetStartEndAndReportLines() throws Exception {
        try (FunctionService s = service(new MemoryStore())) {
            s.create(create("l", "fake1"));
            await(s, "l");
            var r = (InvocationResult.Success)
                    s.invoke(new InvokeRequest("l", null, InvocationType.RequestResponse, "{}".getBytes(), true, null));
            List<String> lines = s.logs().read("l", 0, 0).events().stream()
                    .map(FunctionLogs.LogEvent::message)
                    .toList();
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).isEqualTo("START RequestId: " + r.requestId() + " Version: $LATEST");
            assertThat(lines.get(1)).isEqualTo("echo {}");
            assertThat(lines.get(2)).isEqualTo("END RequestId: " + r.requestId());
            assertThat(lines.get(3))
                    .startsWith("REPORT RequestId: " + r.requestId() + "\tDuration: ")
                    .contains("\tMemory Size: 128 MB\t", "\tInit Duration: ");
        }
    }
}
