package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.store.MemoryStore;
import dev.eddy.testing.ScriptedRuntime;
import dev.eddy.testkit.ManualClock;
import dev.eddy.work.BackgroundWork;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries of asynchronous invocations on a manual clock: a failed event runs again about one and
 * two minutes later (as Lambda retries it twice), when the retry task's pass is given a time at or
 * past the attempt's due time, and never a fourth time.
 */
class AsyncRetriesTest {
    private static final Instant START = Instant.parse("2031-05-06T07:08:09Z");
    private final ManualClock clock = new ManualClock(START);
    private final ScriptedRuntime runtime = new ScriptedRuntime();
    private final List<Instant> attempts = new CopyOnWriteArrayList<>();
    private final FunctionService service = new FunctionService(
            new MemoryStore(), FunctionServiceConfig.defaults().withClock(clock), List.of(runtime));

    AsyncRetriesTest() {
        runtime.answer((inv, log) -> {
            attempts.add(clock.instant());
            return new InvocationOutcome.Failure("{\"errorMessage\":\"no\"}".getBytes(StandardCharsets.UTF_8), false);
        });
    }

    @AfterEach
    void close() {
        service.close();
    }

    private void deployFailingFunction() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("a.txt"));
            z.write(1);
        }
        service.create(new CreateFunction(
                "failing",
                "fake",
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
                .until(() -> service.get("failing", null).state() == FunctionConfig.State.Active);
    }

    private void invokeAsynchronously() {
        assertThat(service.invoke(
                        new InvokeRequest("failing", null, InvocationType.Event, "{}".getBytes(), false, null)))
                .isInstanceOf(InvocationResult.Accepted.class);
    }

    private AsyncRetries retries() {
        return service.invoker().retries();
    }

    /** Waits until {@code n} attempts ran and the last one's retry, if any, is queued. */
    private void awaitAttempts(int n, int waiting) {
        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> attempts.size() == n && retries().waiting() == waiting);
    }

    private Instant at(Duration sinceStart) {
        clock.set(START.plus(sinceStart));
        return clock.instant();
    }

    @Test
    void aFailedEventIsRetriedAfterOneMinuteThenAfterTwoMoreAndThenDropped() throws Exception {
        deployFailingFunction();
        invokeAsynchronously();
        awaitAttempts(1, 1);

        retries().runOnce(at(Duration.ofSeconds(59)));
        assertThat(retries().waiting()).isEqualTo(1);
        retries().runOnce(at(Duration.ofSeconds(60)));
        awaitAttempts(2, 1);

        retries().runOnce(at(Duration.ofSeconds(179)));
        assertThat(retries().waiting()).isEqualTo(1);
        retries().runOnce(at(Duration.ofSeconds(180)));
        awaitAttempts(3, 0);

        retries().runOnce(at(Duration.ofHours(1)));
        assertThat(attempts).containsExactly(START, START.plusSeconds(60), START.plusSeconds(180));
        assertThat(retries().waiting()).isZero();
    }

    @Test
    void theBackgroundWorkRunsRetriesAtTheTimeOfItsClock() throws Exception {
        try (BackgroundWork work = BackgroundWork.singleNode(clock)) {
            service.start(work);
            work.start();
            deployFailingFunction();
            invokeAsynchronously();
            awaitAttempts(1, 1);

            at(Duration.ofSeconds(60));
            awaitAttempts(2, 1);
            at(Duration.ofSeconds(180));
            awaitAttempts(3, 0);
            assertThat(attempts).containsExactly(START, START.plusSeconds(60), START.plusSeconds(180));
        }
    }

    @Test
    void dueAttemptsGoEarliestFirstAndLaterOnesWait() {
        List<String> ran = new CopyOnWriteArrayList<>();
        AsyncRetries queue = new AsyncRetries(Runnable::run);
        queue.add(START.plusSeconds(2), () -> ran.add("late"));
        queue.add(START.plusSeconds(1), () -> ran.add("first"));
        queue.add(START.plusSeconds(1), () -> ran.add("second"));

        queue.runOnce(START);
        assertThat(ran).isEmpty();
        queue.runOnce(START.plusSeconds(1));
        assertThat(ran).containsExactly("first", "second");
        assertThat(queue.waiting()).isEqualTo(1);
        queue.runOnce(START.plusSeconds(5));
        assertThat(ran).containsExactly("first", "second", "late");
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void attemptsDueAfterTheServiceClosedAreDropped() {
        AsyncRetries queue = new AsyncRetries(r -> {
            throw new RejectedExecutionException("closed");
        });
        queue.add(START, () -> {});

        queue.runOnce(START);

        assertThat(queue.waiting()).isZero();
    }
}
