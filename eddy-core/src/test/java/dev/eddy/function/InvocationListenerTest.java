package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.store.MemoryStore;
import dev.eddy.testing.ScriptedRuntime;
import dev.eddy.testing.ScriptedRuntime.Answer;
import dev.eddy.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the {@link Invoker} tells an {@link InvocationListener}, and what it keeps to itself. */
class InvocationListenerTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2031-05-06T07:08:09Z"));
    private final ScriptedRuntime runtime = new ScriptedRuntime();
    private final Recorder recorder = new Recorder();
    private final FunctionService service = new FunctionService(
            new MemoryStore(),
            FunctionServiceConfig.defaults().withClock(clock),
            List.of(runtime),
            () -> null,
            AsyncDestinations.NONE,
            recorder);

    @AfterEach
    void close() {
        service.close();
    }

    /** The listener's calls, in order, as text; durations kept apart. */
    private static final class Recorder implements InvocationListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Duration> durations = new CopyOnWriteArrayList<>();

        @Override
        public void started(String function) {
            calls.add("started " + function);
        }

        @Override
        public void finished(String function, Kind kind, Duration duration) {
            calls.add("finished " + function + " " + kind);
            durations.add(duration);
        }

        @Override
        public void throttled(String function, ThrottleReason reason) {
            calls.add("throttled " + function + " " + reason);
        }

        @Override
        public void deleted(String function) {
            calls.add("deleted " + function);
        }
    }

    private String deploy(String name, String runtimeName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("a.txt"));
            z.write(1);
        }
        service.create(new CreateFunction(
                name,
                runtimeName,
                "arn:aws:iam::000000000000:role/r",
                "h",
                null,
                null,
                null,
                Map.of(),
                bytes.toByteArray(),
                null,
                null,
                null));
        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> service.get(name, null).state() != FunctionConfig.State.Pending);
        return name;
    }

    private InvocationResult invoke(String name, InvocationType type, String payload) {
        return service.invoke(
                new InvokeRequest(name, null, type, payload.getBytes(StandardCharsets.UTF_8), false, null));
    }

    @Test
    void successesAndFunctionErrorsAreReportedWithTheirDuration() throws Exception {
        runtime.answer((inv, log) -> new String(inv.payload(), StandardCharsets.UTF_8).equals("\"fail\"")
                ? new InvocationOutcome.Failure("{}".getBytes(StandardCharsets.UTF_8), false)
                : new InvocationOutcome.Success(inv.payload()));
        String fn = deploy("f", "fake");

        assertThat(invoke(fn, InvocationType.RequestResponse, "{}")).isInstanceOf(InvocationResult.Success.class);
        assertThat(invoke(fn, InvocationType.RequestResponse, "\"fail\""))
                .isInstanceOf(InvocationResult.FunctionError.class);

        assertThat(recorder.calls)
                .containsExactly("started f", "finished f SUCCESS", "started f", "finished f FUNCTION_ERROR");
        assertThat(recorder.durations).allSatisfy(d -> assertThat(d).isPositive());
    }

    @Test
    void aFailedInitPhaseIsAFunctionErrorOfNoDuration() throws Exception {
        runtime.failInit("{\"errorMessage\":\"init\"}");
        String fn = deploy("broken", "fake");

        assertThat(invoke(fn, InvocationType.RequestResponse, "{}")).isInstanceOf(InvocationResult.FunctionError.class);

        assertThat(recorder.calls).containsExactly("started broken", "finished broken FUNCTION_ERROR");
        assertThat(recorder.durations).containsExactly(Duration.ZERO);
    }

    @Test
    void aThrottleIsReportedAndNothingRuns() throws Exception {
        String fn = deploy("capped", "fake");
        service.putConcurrency(fn, 0);

        assertThat(invoke(fn, InvocationType.RequestResponse, "{}")).isInstanceOf(InvocationResult.Throttled.class);

        assertThat(recorder.calls)
                .containsExactly("throttled capped ReservedFunctionConcurrentInvocationLimitExceeded");
    }

    @Test
    void dryRunsAndFunctionsThatAreNotReadyAreNotReported() throws Exception {
        String ok = deploy("ok", "fake");
        String failed = deploy("failed", "unknown-runtime");

        assertThat(invoke(ok, InvocationType.DryRun, "{}")).isInstanceOf(InvocationResult.Validated.class);
        assertThat(invoke(failed, InvocationType.RequestResponse, "{}")).isInstanceOf(InvocationResult.NotReady.class);

        assertThat(recorder.calls).isEmpty();
    }

    @Test
    void anEventIsReportedWhenItRuns() throws Exception {
        runtime.answer(Answer.echo());
        String fn = deploy("later", "fake");

        assertThat(invoke(fn, InvocationType.Event, "{}")).isInstanceOf(InvocationResult.Accepted.class);

        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .untilAsserted(
                        () -> assertThat(recorder.calls).containsExactly("started later", "finished later SUCCESS"));
    }

    @Test
    void deletingAFunctionIsReported() throws Exception {
        String fn = deploy("gone", "fake");

        service.delete(fn, null);

        assertThat(recorder.calls).containsExactly("deleted gone");
    }
}
