package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.MemoryStore;
import dev.eddy.testing.ScriptedRuntime;
import dev.eddy.testing.ScriptedRuntime.Answer;
import dev.eddy.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every {@link InvocationResult} variant, reached through the service over a scripted runtime. */
class InvocationResultTest {
    private static final Instant START = Instant.parse("2031-05-06T07:08:09Z");
    private static final Answer RETURN_PAYLOAD = (inv, log) -> new InvocationOutcome.Success(inv.payload());
    private final ManualClock clock = new ManualClock(START);
    private final ScriptedRuntime runtime = new ScriptedRuntime();
    private FunctionService service = service(FunctionServiceConfig.defaults());

    private FunctionService service(FunctionServiceConfig config) {
        return new FunctionService(new MemoryStore(), config.withClock(clock), List.of(runtime));
    }

    @AfterEach
    void close() {
        service.close();
    }

    private String deploy(String name, String runtimeName, Integer timeout) throws IOException {
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
                timeout,
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

    private InvocationResult invoke(String name, String payload) {
        return service.invoke(new InvokeRequest(
                name, null, InvocationType.RequestResponse, payload.getBytes(StandardCharsets.UTF_8), true, null));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aReturnedValueIsASuccessWithTheLogTail() throws Exception {
        runtime.answer(RETURN_PAYLOAD);
        String fn = deploy("ok", "fake", null);

        InvocationResult r = invoke(fn, "{\"a\":1}");

        assertThat(r).isInstanceOfSatisfying(InvocationResult.Success.class, s -> {
            assertThat(text(s.payload())).isEqualTo("{\"a\":1}");
            assertThat(s.executedVersion()).isEqualTo("$LATEST");
            assertThat(text(Base64.getDecoder().decode(s.logTail())))
                    .startsWith("START RequestId: " + s.requestId() + " Version: $LATEST\n")
                    .contains("END RequestId: " + s.requestId() + "\n");
        });
        InvocationResult untailed = service.invoke(InvokeRequest.requestResponse(fn, "{}".getBytes()));
        assertThat(((InvocationResult.Success) untailed).logTail()).isNull();
    }

    @Test
    void failuresAreFunctionErrorsOfTheTypeTheRuntimeReported() throws Exception {
        byte[] error = "{\"errorMessage\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        runtime.answer((inv, log) -> text(inv.payload()).equals("\"handled\"")
                ? new InvocationOutcome.Failure(error, false, FunctionErrorType.Handled)
                : new InvocationOutcome.Failure(error, false));
        String fn = deploy("fails", "fake", null);

        assertThat(invoke(fn, "\"thrown\"")).isInstanceOfSatisfying(InvocationResult.FunctionError.class, f -> {
            assertThat(f.errorType()).isEqualTo(FunctionErrorType.Unhandled);
            assertThat(f.payload()).isEqualTo(error);
            assertThat(f.executedVersion()).isEqualTo("$LATEST");
            assertThat(f.logTail()).isNotNull();
        });
        assertThat(invoke(fn, "\"handled\""))
                .isInstanceOfSatisfying(
                        InvocationResult.FunctionError.class,
                        f -> assertThat(f.errorType()).isEqualTo(FunctionErrorType.Handled));
    }

    @Test
    void timeoutsAndOversizeResponsesAreUnhandledFunctionErrors() throws Exception {
        runtime.answer((inv, log) -> text(inv.payload()).equals("\"big\"")
                ? new InvocationOutcome.Success(new byte[Invoker.RESPONSE_LIMIT + 1])
                : new InvocationOutcome.TimedOut());
        String fn = deploy("slow", "fake", 2);

        assertThat(invoke(fn, "\"slow\"")).isInstanceOfSatisfying(InvocationResult.FunctionError.class, f -> {
            assertThat(f.errorType()).isEqualTo(FunctionErrorType.Unhandled);
            assertThat(text(f.payload()))
                    .isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":" + "\"RequestId: " + f.requestId()
                            + " Error: Task timed out after 2.00 seconds\"}");
            assertThat(text(Base64.getDecoder().decode(f.logTail())))
                    .contains("2031-05-06T07:08:09Z " + f.requestId() + " Task timed out after 2.00 seconds\n")
                    .endsWith("\tStatus: timeout\t\n");
        });
        assertThat(invoke(fn, "\"big\"")).isInstanceOfSatisfying(InvocationResult.FunctionError.class, f -> {
            assertThat(f.errorType()).isEqualTo(FunctionErrorType.Unhandled);
            assertThat(text(f.payload()))
                    .isEqualTo(
                            "{\"errorMessage\":\"Response payload size exceeded maximum "
                                    + "allowed payload size (6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}");
        });
    }

    @Test
    void aFullReservationThrottlesWithItsReason() throws Exception {
        runtime.answer(RETURN_PAYLOAD);
        String fn = deploy("reserved", "fake", null);
        service.putConcurrency(fn, 0);

        assertThat(invoke(fn, "{}"))
                .isEqualTo(new InvocationResult.Throttled(
                        ThrottleReason.ReservedFunctionConcurrentInvocationLimitExceeded));
        assertThat(runtime.started()).isEmpty();
    }

    @Test
    void aFullAccountThrottlesWithItsReason() throws Exception {
        service.close();
        service = service(FunctionServiceConfig.defaults().withAccountConcurrency(1, 0));
        CountDownLatch release = new CountDownLatch(1);
        // the first invocation to reach the runtime is the one holding the account's only slot
        runtime.answerNext(Answer.holdUntil(release, RETURN_PAYLOAD)).answer(RETURN_PAYLOAD);
        String fn = deploy("busy", "fake", null);
        CompletableFuture<InvocationResult> holding = CompletableFuture.supplyAsync(() -> invoke(fn, "\"hold\""));
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> service.concurrentExecutions(fn) == 1);

        assertThat(invoke(fn, "{}"))
                .isEqualTo(new InvocationResult.Throttled(ThrottleReason.ConcurrentInvocationLimitExceeded));

        release.countDown();
        assertThat(holding.get(10, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
        assertThat(invoke(fn, "{}")).isInstanceOf(InvocationResult.Success.class);
    }

    @Test
    void aFunctionWhoseCodeCannotRunIsNotReady() throws Exception {
        String fn = deploy("nocode", "unknown-runtime", null);

        assertThat(invoke(fn, "{}")).isEqualTo(new InvocationResult.NotReady(fn, FunctionConfig.State.Failed));
        assertThat(service.invoke(new InvokeRequest(fn, null, InvocationType.Event, "{}".getBytes(), false, null)))
                .isEqualTo(new InvocationResult.NotReady(fn, FunctionConfig.State.Failed));
    }

    @Test
    void eventsAreAcceptedAndDryRunsValidated() throws Exception {
        runtime.answer(RETURN_PAYLOAD);
        String fn = deploy("later", "fake", null);

        InvocationResult dry =
                service.invoke(new InvokeRequest(fn, null, InvocationType.DryRun, "{}".getBytes(), false, null));
        assertThat(dry)
                .isInstanceOfSatisfying(
                        InvocationResult.Validated.class,
                        v -> assertThat(v.executedVersion()).isEqualTo("$LATEST"));
        assertThat(runtime.invocations()).isEmpty();

        InvocationResult event =
                service.invoke(new InvokeRequest(fn, null, InvocationType.Event, "{}".getBytes(), false, null));
        assertThat(event).isInstanceOf(InvocationResult.Accepted.class);
        String id = ((InvocationResult.Accepted) event).requestId();
        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> runtime.invocations().stream()
                        .anyMatch(inv -> inv.requestId().equals(id)));
    }

    @Test
    void requestsThatCanNeverSucceedStillThrow() throws Exception {
        runtime.answer(RETURN_PAYLOAD);
        String fn = deploy("strict", "fake", null);

        assertThatThrownBy(() -> invoke("absent", "{}"))
                .isInstanceOfSatisfying(
                        EddyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND));
        assertThatThrownBy(() -> service.invoke(
                        new InvokeRequest(fn, "7", InvocationType.RequestResponse, "{}".getBytes(), false, null)))
                .isInstanceOfSatisfying(
                        EddyException.class, e -> assertThat(e.getMessage()).endsWith(":function:strict:7"));
        assertThatThrownBy(() ->
                        service.invoke(InvokeRequest.requestResponse(fn, new byte[Invoker.SYNC_REQUEST_LIMIT + 1])))
                .isInstanceOfSatisfying(
                        EddyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LAMBDA_REQUEST_TOO_LARGE));
    }

    @Test
    void theRuntimeGetsItsRemainingTimeFromTheServicesClock() throws Exception {
        List<Duration> seen = new ArrayList<>();
        List<Instant> deadlines = new ArrayList<>();
        runtime.answer((inv, log) -> {
            deadlines.add(inv.deadline());
            seen.add(inv.remainingTime());
            clock.advance(Duration.ofSeconds(5)); // the handler "runs" five seconds on the service's clock
            seen.add(inv.remainingTime());
            clock.advance(Duration.ofSeconds(5));
            seen.add(inv.remainingTime());
            return new InvocationOutcome.Success(inv.payload());
        });
        String fn = deploy("timed", "fake", 7);
        clock.set(START.plusSeconds(3600));

        invoke(fn, "{}");

        // the service's clock stands years away from the wall clock: only it can give these values
        assertThat(deadlines).containsExactly(START.plusSeconds(3600 + 7));
        assertThat(seen).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2), Duration.ZERO);
    }
}
