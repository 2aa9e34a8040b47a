package dev.eddy.runtime.process;

import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.ExecutionEnvironment;
import dev.eddy.function.FunctionRuntime.InitException;
import dev.eddy.function.Invocation;
import dev.eddy.function.InvocationOutcome;
import dev.eddy.function.LogSink;
import dev.eddy.json.FunctionErrorJson;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment in a child process that speaks the Lambda Runtime API to its own
 * {@link RuntimeApi}. The child's stdout and stderr go, merged, to a file of the environment that
 * never blocks the child; after each phase the environment copies what was written since into that
 * phase's log, so everything a handler printed before it answered is in its invocation's log.
 *
 * <p>A timeout or a runtime that exits ends the environment: the process tree is stopped (SIGTERM,
 * then SIGKILL after a grace period) and the environment is never reused. {@link #invoke} is called
 * by one thread at a time; {@link #close} from any thread.
 */
final class ProcessEnvironment implements ExecutionEnvironment {
    private final Process process;
    private final RuntimeApi api;
    private final Path logFile;
    private final ProcessReaper reaper;
    private long logPosition;
    private volatile boolean closed;

    private ProcessEnvironment(Process process, RuntimeApi api, Path logFile, ProcessReaper reaper) {
        this.process = process;
        this.api = api;
        this.logFile = logFile;
        this.reaper = reaper;
    }

    /**
     * Starts {@code command} in the task root with {@code environment} (plus {@code
     * AWS_LAMBDA_RUNTIME_API}) and waits until the
     * runtime asks for its first invocation (init done), reports an init error, exits, or {@code
     * initTimeoutMillis} passed.
     */
    static ProcessEnvironment start(
            EnvironmentSpec spec,
            List<String> command,
            Map<String, String> environment,
            Path logDir,
            ProcessReaper reaper,
            LogSink initLog,
            long initTimeoutMillis)
            throws InitException {
        RuntimeApi api = RuntimeApi.open();
        Path logFile;
        Process process;
        try {
            logFile = Files.createTempFile(logDir, "env-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(new File(spec.code().taskRoot()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().clear();
            pb.environment().putAll(environment);
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            api.close();
            String message = "Error: Runtime failed to start: " + e.getMessage();
            initLog.write(message + "\n");
            throw new InitException(
                    "runtime did not start", FunctionErrorJson.sandbox("Runtime.InvalidEntrypoint", message), false);
        }
        reaper.track(process);
        ProcessEnvironment env = new ProcessEnvironment(process, api, logFile, reaper);
        process.onExit().thenRun(() -> api.fail(id -> new InvocationOutcome.Failure(env.exited(id), true)));
        env.awaitInit(initLog, initTimeoutMillis);
        return env;
    }

    private void awaitInit(LogSink initLog, long initTimeoutMillis) throws InitException {
        CompletableFuture<Object> first = CompletableFuture.anyOf(api.polled(), api.initError(), process.onExit());
        byte[] failure = null;
        boolean timedOut = false;
        try {
            first.get(initTimeoutMillis, TimeUnit.MILLISECONDS);
            if (api.initError().isDone()) {
                failure = api.initError().join();
            } else if (!api.polled().isDone()) {
                failure = FunctionErrorJson.sandbox("Runtime.ExitError", "Error: " + exitReason(process));
            }
        } catch (TimeoutException e) {
            timedOut = true;
            failure = FunctionErrorJson.sandbox(
                    "Sandbox.Timedout",
                    "Error: Init phase timed out after "
                            + String.format(Locale.ROOT, "%.2f", initTimeoutMillis / 1000.0) + " seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = FunctionErrorJson.of("Interrupted", null, null);
        } catch (ExecutionException e) {
            failure = FunctionErrorJson.of(String.valueOf(e.getCause()), null, null);
        }
        copyLog(initLog);
        if (failure != null) {
            close();
            throw new InitException("init failed", failure, timedOut);
        }
    }

    @Override
    public InvocationOutcome invoke(Invocation invocation, LogSink log) {
        if (closed || !process.isAlive()) {
            copyLog(log);
            return new InvocationOutcome.Failure(exited(invocation.requestId()), true);
        }
        long remainingNanos = invocation.remainingTime().toNanos();
        // the runtime computes getRemainingTimeInMillis() from the wall clock
        long deadline = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(remainingNanos);
        CompletableFuture<InvocationOutcome> result = api.submit(invocation, deadline, traceId(deadline));
        if (!process.isAlive()) {
            // it exited before the invocation was handed in: its exit handler found nothing to fail
            api.fail(id -> new InvocationOutcome.Failure(exited(id), true));
        }
        InvocationOutcome outcome;
        try {
            outcome = result.get(remainingNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            outcome = new InvocationOutcome.TimedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new InvocationOutcome.TimedOut();
        } catch (ExecutionException e) {
            outcome =
                    new InvocationOutcome.Failure(FunctionErrorJson.of(String.valueOf(e.getCause()), null, null), true);
        }
        copyLog(log);
        if (!outcome.reusable()) {
            close();
        }
        return outcome;
    }

    /**
     * Lambda's error object for a runtime that exited during invocation {@code requestId}: {@code
     * Runtime.OutOfMemory} when it died of exhausted memory (Lambda's shape for an environment its
     * memory limit killed), else {@code Runtime.ExitError}.
     */
    private byte[] exited(String requestId) {
        if (outOfMemory()) {
            return FunctionErrorJson.sandbox(
                    "Runtime.OutOfMemory",
                    "RequestId: " + requestId + " Error: Runtime exited with error: signal: killed");
        }
        return exited(requestId, process);
    }

    /**
     * Whether the child died of exhausted memory: killed by a SIGKILL Eddy did not send (the Python
     * bootstrap past its address-space limit, or the kernel's out-of-memory killer), or its runtime
     * reported an exhausted heap (V8, a JVM with ExitOnOutOfMemoryError) since the last phase's log.
     */
    private boolean outOfMemory() {
        if (process.isAlive()) {
            return false;
        }
        if (process.exitValue() == 137 && !closed) {
            return true;
        }
        String output = unreadOutput(16_384);
        return output.contains("JavaScript heap out of memory")
                || output.contains("Terminating due to java.lang.OutOfMemoryError");
    }

    /** The last {@code max} bytes the child wrote since the last {@link #copyLog}, as text. */
    private synchronized String unreadOutput(int max) {
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.max(logPosition, f.length() - max);
            byte[] buf = new byte[(int) Math.max(0, f.length() - from)];
            f.seek(from);
            f.readFully(buf);
            return new String(buf, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Lambda's error object for a runtime that exited during invocation {@code requestId}. */
    private static byte[] exited(String requestId, Process process) {
        return FunctionErrorJson.sandbox(
                "Runtime.ExitError", "RequestId: " + requestId + " Error: " + exitReason(process));
    }

    private static String exitReason(Process process) {
        if (process.isAlive()) {
            return "Runtime exited without providing a reason";
        }
        int status = process.exitValue();
        // the JDK reports death by signal N as 128 + N
        return switch (status) {
            case 137 -> "Runtime exited with error: signal: killed";
            case 143 -> "Runtime exited with error: signal: terminated";
            case 134 -> "Runtime exited with error: signal: aborted";
            case 139 -> "Runtime exited with error: signal: segmentation fault";
            default -> "Runtime exited with error: exit status " + status;
        };
    }

    /** An X-Ray trace header of the shape Lambda passes: {@code Root=1-<time>-<id>;Parent=<id>;Sampled=0}. */
    private static String traceId(long nowMillis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        r.nextBytes(root);
        r.nextBytes(parent);
        return "Root=1-" + Long.toHexString(nowMillis / 1000) + "-" + hex.formatHex(root) + ";Parent="
                + hex.formatHex(parent) + ";Sampled=0";
    }

    /** Copies what the child wrote since the last copy into {@code sink}. */
    private synchronized void copyLog(LogSink sink) {
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            long end = f.length();
            if (end <= logPosition) {
                return;
            }
            f.seek(logPosition);
            byte[] buf = new byte[(int) Math.min(end - logPosition, 1 << 16)];
            while (logPosition < end) {
                int n = f.read(buf, 0, (int) Math.min(buf.length, end - logPosition));
                if (n <= 0) {
                    break;
                }
                sink.write(buf, 0, n);
                logPosition += n;
            }
        } catch (IOException e) {
            sink.write("[eddy] cannot read the runtime's output: " + e.getMessage() + "\n");
        }
    }

    /** Stops the process tree (SIGTERM, SIGKILL after the grace period) and the Runtime API. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        api.close();
        reaper.stop(process).whenComplete((v, e) -> {
            try {
                Files.deleteIfExists(logFile);
            } catch (IOException ignored) {
                // a temporary file in Eddy's work directory, removed with it
            }
        });
    }
}
