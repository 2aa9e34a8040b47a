package dev.eddy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.ExecutionEnvironment;
import dev.eddy.function.FunctionErrorType;
import dev.eddy.function.FunctionRuntime;
import dev.eddy.function.Invocation;
import dev.eddy.function.InvocationOutcome;
import dev.eddy.function.LogSink;
import dev.eddy.testing.ScriptedRuntime.Answer;
import dev.eddy.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The fake runtime does what it was scripted to, in order, and records what it saw. */
class ScriptedRuntimeTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final ScriptedRuntime runtime = new ScriptedRuntime();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final LogSink log = (bytes, offset, length) -> {
        synchronized (logged) {
            logged.write(bytes, offset, length);
        }
    };

    private static EnvironmentSpec spec(String name) {
        return new EnvironmentSpec(
                name,
                "arn:aws:lambda:us-east-1:000000000000:function:" + name,
                "$LATEST",
                "fake",
                "h",
                128,
                3,
                "/aws/lambda/" + name,
                "stream",
                Map.of(),
                () -> "sha");
    }

    private Invocation invocation(String id, String payload) {
        return new Invocation(
                id,
                "arn",
                payload.getBytes(StandardCharsets.UTF_8),
                clock.instant().plusSeconds(3),
                clock,
                null);
    }

    private static String text(InvocationOutcome outcome) {
        return switch (outcome) {
            case InvocationOutcome.Success s -> "ok " + new String(s.payload(), StandardCharsets.UTF_8);
            case InvocationOutcome.Failure f ->
                (f.fatal() ? "fatal " : "error ") + f.errorType() + " "
                        + new String(f.payload(), StandardCharsets.UTF_8);
            case InvocationOutcome.TimedOut t -> "timed out";
        };
    }

    @Test
    void runsTheFakeRuntimesOnly() {
        assertThat(runtime.supports("fake")).isTrue();
        assertThat(runtime.supports("fake1")).isTrue();
        assertThat(runtime.supports("java21")).isFalse();
    }

    @Test
    void echoesUntilScriptedThenQueuedAnswersGoFirstInOrder() throws Exception {
        ExecutionEnvironment env = runtime.start(spec("f"), log);

        assertThat(text(env.invoke(invocation("r1", "{\"a\":1}"), log))).isEqualTo("ok {\"a\":1}");
        assertThat(logged.toString(StandardCharsets.UTF_8)).isEqualTo("echo {\"a\":1}\n");

        runtime.answer(Answer.succeed("\"standing\""))
                .answerNext(Answer.fail("{\"errorMessage\":\"first\"}"))
                .answerNext(Answer.fail("{\"errorMessage\":\"second\"}", FunctionErrorType.Handled));
        assertThat(text(env.invoke(invocation("r2", "{}"), log)))
                .isEqualTo("error Unhandled {\"errorMessage\":\"first\"}");
        assertThat(text(env.invoke(invocation("r3", "{}"), log)))
                .isEqualTo("error Handled {\"errorMessage\":\"second\"}");
        assertThat(text(env.invoke(invocation("r4", "{}"), log))).isEqualTo("ok \"standing\"");
        assertThat(text(env.invoke(invocation("r5", "{}"), log))).isEqualTo("ok \"standing\"");
        assertThat(runtime.invocations())
                .extracting(Invocation::requestId)
                .containsExactly("r1", "r2", "r3", "r4", "r5");
    }

    @Test
    void initFailsWhileScriptedTo() throws Exception {
        runtime.failInit("{\"errorType\":\"Runtime.Init\"}");

        assertThatThrownBy(() -> runtime.start(spec("a"), log))
                .isInstanceOfSatisfying(FunctionRuntime.InitException.class, e -> {
                    assertThat(new String(e.payload(), StandardCharsets.UTF_8))
                            .isEqualTo("{\"errorType\":\"Runtime.Init\"}");
                    assertThat(e.timedOut()).isFalse();
                });
        runtime.failInit(null);
        runtime.start(spec("b"), log);

        assertThat(runtime.started()).extracting(EnvironmentSpec::functionName).containsExactly("a", "b");
    }

    @Test
    void aHeldInvocationAnswersWhenReleased() throws Exception {
        ExecutionEnvironment env = runtime.start(spec("f"), log);
        CountDownLatch release = new CountDownLatch(1);
        runtime.answer(Answer.holdUntil(release, Answer.succeed("\"done\"")));

        CompletableFuture<InvocationOutcome> held =
                CompletableFuture.supplyAsync(() -> env.invoke(invocation("r1", "{}"), log));
        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> runtime.invocations().size() == 1);
        assertThat(held).isNotDone();

        release.countDown();
        assertThat(text(held.get(10, TimeUnit.SECONDS))).isEqualTo("ok \"done\"");
    }

    @Test
    void aHeldInvocationTimesOutAtTheDeadlineOnTheServicesClock() throws Exception {
        ExecutionEnvironment env = runtime.start(spec("f"), log);
        runtime.answer(Answer.runUntilDeadline());

        CompletableFuture<InvocationOutcome> held =
                CompletableFuture.supplyAsync(() -> env.invoke(invocation("r1", "{}"), log));
        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> runtime.invocations().size() == 1);
        clock.advance(Duration.ofMillis(2999));
        assertThat(held).isNotDone();

        clock.advance(Duration.ofMillis(1));
        assertThat(text(held.get(10, TimeUnit.SECONDS))).isEqualTo("timed out");
    }

    @Test
    void anInterruptedInvocationFailsFatallyAndKeepsTheInterrupt() throws Exception {
        ExecutionEnvironment env = runtime.start(spec("f"), log);
        runtime.answer(Answer.holdUntil(new CountDownLatch(1), Answer.echo()));

        Thread.currentThread().interrupt();
        InvocationOutcome outcome = env.invoke(invocation("r1", "{}"), log);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(text(outcome)).startsWith("fatal Unhandled ");
        assertThat(outcome.reusable()).isFalse();
    }

    @Test
    void closingAnEnvironmentCountsOnce() throws Exception {
        ExecutionEnvironment first = runtime.start(spec("f"), log);
        ExecutionEnvironment second = runtime.start(spec("f"), log);

        first.close();
        first.close();
        assertThat(runtime.closed()).isEqualTo(1);
        second.close();
        assertThat(runtime.closed()).isEqualTo(2);
    }
}
