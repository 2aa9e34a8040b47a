package dev.eddy.testing;

import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.ExecutionEnvironment;
import dev.eddy.function.FunctionErrorType;
import dev.eddy.function.FunctionRuntime;
import dev.eddy.function.Invocation;
import dev.eddy.function.InvocationOutcome;
import dev.eddy.function.LogSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake {@link FunctionRuntime} whose functions do what the test scripts: each invocation gets an
 * {@link Answer} (return a payload, fail with an error object, hold until released or until the
 * deadline on the service's clock), and every start and invocation is recorded. It runs the
 * functions of every runtime identifier that starts with {@code fake} ({@code fake}, {@code
 * fake1}, ...), so a test can still create a function of a runtime nothing supports.
 *
 * <p>The next invocation takes the oldest answer queued with {@link #answerNext}, or else the
 * standing one set with {@link #answer} ({@link Answer#echo()} until then). {@link #failInit}
 * makes environments fail their init phase instead.
 *
 * <p>It lives in eddy-core's test sources (and eddy-core's test JAR, for other modules' tests),
 * not in eddy-testkit, because it implements eddy-core's SPI: the testkit depends on no Eddy
 * module, so that eddy-core's own tests can use it without a dependency cycle.
 *
 * <p>Thread-safe, as the SPI requires: scripts may be changed while invocations run on the
 * service's threads; an invocation uses the answer in force when it starts.
 */
public final class ScriptedRuntime implements FunctionRuntime {
    /** How often a held invocation looks at the service's clock for its deadline. */
    private static final long DEADLINE_POLL_MILLIS = 5;

    private volatile Answer standing = Answer.echo();
    private volatile byte[] initFailure;
    private final Queue<Answer> next = new ConcurrentLinkedQueue<>();
    private final List<EnvironmentSpec> started = new CopyOnWriteArrayList<>();
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();

    /** What one invocation does, given the invocation and its log. */
    @FunctionalInterface
    public interface Answer {

        /**
         * Runs on the invoking thread.
         *
         * @throws InterruptedException when interrupted while blocked; the environment then
         *     reports a fatal failure and keeps the thread's interrupt status
         */
        InvocationOutcome answer(Invocation invocation, LogSink log) throws InterruptedException;

        /** Logs {@code echo <payload>} and returns the payload unchanged. */
        static Answer echo() {
            return (invocation, log) -> {
                log.write("echo " + new String(invocation.payload(), StandardCharsets.UTF_8) + "\n");
                return new InvocationOutcome.Success(invocation.payload());
            };
        }

        /** Returns {@code json} as the function's result. */
        static Answer succeed(String json) {
            byte[] payload = json.getBytes(StandardCharsets.UTF_8);
            return (invocation, log) -> new InvocationOutcome.Success(payload);
        }

        /** Fails with {@code errorJson} as an unhandled, non-fatal function error. */
        static Answer fail(String errorJson) {
            return fail(errorJson, FunctionErrorType.Unhandled);
        }

        /** Fails with {@code errorJson} as a non-fatal function error of {@code type}. */
        static Answer fail(String errorJson, FunctionErrorType type) {
            byte[] payload = errorJson.getBytes(StandardCharsets.UTF_8);
            return (invocation, log) -> new InvocationOutcome.Failure(payload, false, type);
        }

        /**
         * Blocks until {@code release} is counted down, then answers as {@code then}; reports a
         * timeout instead if the invocation's deadline passes first on the service's clock.
         */
        static Answer holdUntil(CountDownLatch release, Answer then) {
            return (invocation, log) -> {
                while (!release.await(DEADLINE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (invocation.remainingTime().isZero()) {
                        return new InvocationOutcome.TimedOut();
                    }
                }
                return then.answer(invocation, log);
            };
        }

        /** Runs until the invocation's deadline passes on the service's clock, then times out. */
        static Answer runUntilDeadline() {
            return holdUntil(new CountDownLatch(1), echo());
        }
    }

    /** Answers every later invocation with {@code answer}, after those queued with {@link #answerNext}. */
    public ScriptedRuntime answer(Answer answer) {
        standing = Objects.requireNonNull(answer, "answer");
        return this;
    }

    /** Answers one later invocation with {@code answer}, after those queued before it. */
    public ScriptedRuntime answerNext(Answer answer) {
        next.add(Objects.requireNonNull(answer, "answer"));
        return this;
    }

    /** Makes every later environment start fail its init phase with {@code errorJson}; null stops that. */
    public ScriptedRuntime failInit(String errorJson) {
        initFailure = errorJson == null ? null : errorJson.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The specs of the environments started, init failures included, in order. */
    public List<EnvironmentSpec> started() {
        return List.copyOf(started);
    }

    /** The invocations received, in the order they started (a held one is already listed). */
    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /** How many environments were closed. */
    public int closed() {
        return closed.get();
    }

    @Override
    public boolean supports(String runtime) {
        return runtime.startsWith("fake");
    }

    @Override
    public PreparedCode prepare(String codeSha256, byte[] zip) {
        return () -> codeSha256;
    }

    @Override
    public ExecutionEnvironment start(EnvironmentSpec spec, LogSink initLog) throws InitException {
        started.add(spec);
        byte[] failure = initFailure;
        if (failure != null) {
            throw new InitException("init failed as scripted", failure, false);
        }
        return new ScriptedEnvironment();
    }

    @Override
    public void close() {}

    private final class ScriptedEnvironment implements ExecutionEnvironment {
        private final AtomicInteger closes = new AtomicInteger();

        @Override
        public InvocationOutcome invoke(Invocation invocation, LogSink log) {
            invocations.add(invocation);
            Answer queued = next.poll();
            Answer answer = queued != null ? queued : standing;
            try {
                return answer.answer(invocation, log);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                byte[] error = "{\"errorMessage\":\"interrupted\",\"errorType\":\"Interrupted\"}"
                        .getBytes(StandardCharsets.UTF_8);
                return new InvocationOutcome.Failure(error, true);
            }
        }

        @Override
        public void close() {
            // idempotent, as the SPI requires: only the first close counts
            if (closes.getAndIncrement() == 0) {
                closed.incrementAndGet();
            }
        }
    }
}
