package dev.eddy.function;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs invocations: takes a warm environment or starts one (cold start), enforces the timeout
 * through the environment, writes START / END / REPORT lines around the function's output and
 * returns environments for reuse. Asynchronous invocations are retried as Lambda does.
 */
final class Invoker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);
    static final int SYNC_REQUEST_LIMIT = 6_291_456;
    static final int ASYNC_REQUEST_LIMIT = 1_048_576;
    static final int RESPONSE_LIMIT = 6_291_556;
    static final int TAIL_BYTES = 4096;
    private static final long[] ASYNC_RETRY_DELAYS_SECONDS = {60, 120};
    private static final long MAX_EVENT_AGE_MILLIS = TimeUnit.HOURS.toMillis(6);
    private static final DateTimeFormatter STREAM_DATE =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final FunctionService service;
    private final ConcurrencyLimiter limiter;
    private final FunctionLogs logs;
    private final FunctionServiceConfig config;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();

    Invoker(FunctionService service, ConcurrencyLimiter limiter, FunctionLogs logs, FunctionServiceConfig config,
            ScheduledExecutorService scheduler) {
        this.service = service;
        this.limiter = limiter;
        this.logs = logs;
        this.config = config;
        this.scheduler = scheduler;
    }

    /** The outcome of one attempt: payload, FunctionError header value (or null), the log. */
    record Run(byte[] payload, String functionError, byte[] log) {
    }

    InvokeResult invokeSync(FunctionSlot slot, String invokedArn, byte[] payload, boolean tail, String clientContext) {
        if (payload.length > SYNC_REQUEST_LIMIT) {
            throw new EddyException(ErrorCode.LAMBDA_REQUEST_TOO_LARGE,
                    "Request must be smaller than " + SYNC_REQUEST_LIMIT + " bytes for the InvokeFunction operation");
        }
        String requestId = UUID.randomUUID().toString();
        try (ConcurrencyLimiter.Permit ignored = limiter.acquire(slot.name)) {
            Run run = runOnce(slot, requestId, invokedArn, payload, clientContext);
            String logTail = tail ? Base64.getEncoder().encodeToString(LogBuffer.tail(run.log(), TAIL_BYTES)) : null;
            return new InvokeResult(requestId, 200, run.payload(), run.functionError(), logTail, FunctionConfig.LATEST);
        }
    }

    InvokeResult invokeAsync(FunctionSlot slot, String invokedArn, byte[] payload) {
        if (payload.length > ASYNC_REQUEST_LIMIT) {
            throw new EddyException(ErrorCode.LAMBDA_REQUEST_TOO_LARGE,
                    "Request must be smaller than " + ASYNC_REQUEST_LIMIT + " bytes for the InvokeFunction operation");
        }
        String requestId = UUID.randomUUID().toString();
        long accepted = config.clock().millis();
        async.execute(() -> attemptAsync(slot.name, requestId, invokedArn, payload, 0, accepted, 0));
        return new InvokeResult(requestId, 202, new byte[0], null, null, FunctionConfig.LATEST);
    }

    private void attemptAsync(String name, String requestId, String arn, byte[] payload, int attempt, long accepted,
                              int throttles) {
        FunctionSlot slot = service.liveSlot(name);
        if (slot == null || slot.code == null) {
            LOG.info("dropping event {} for function {}: the function is gone or not active", requestId, name);
            return;
        }
        if (config.clock().millis() - accepted > MAX_EVENT_AGE_MILLIS) {
            LOG.info("dropping event {} for function {}: older than the maximum event age", requestId, name);
            return;
        }
        try (ConcurrencyLimiter.Permit ignored = limiter.acquire(name)) {
            Run run = runOnce(slot, requestId, arn, payload, null);
            if (run.functionError() != null && attempt < ASYNC_RETRY_DELAYS_SECONDS.length) {
                schedule(ASYNC_RETRY_DELAYS_SECONDS[attempt] * 1000,
                        () -> attemptAsync(name, requestId, arn, payload, attempt + 1, accepted, 0));
            }
        } catch (EddyException e) {
            if (e.code() != ErrorCode.LAMBDA_TOO_MANY_REQUESTS) {
                throw e;
            }
            // throttled events wait in the queue and are tried again with backoff, as on Lambda
            long delay = Math.min(60_000, 100L << Math.min(throttles, 9)) + ThreadLocalRandom.current().nextLong(50);
            schedule(delay, () -> attemptAsync(name, requestId, arn, payload, attempt, accepted, throttles + 1));
        }
    }

    private void schedule(long delayMillis, Runnable r) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> async.execute(r), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** One attempt in one environment; never throws for function failures. */
    Run runOnce(FunctionSlot slot, String requestId, String invokedArn, byte[] payload, String clientContext) {
        LogBuffer log = new LogBuffer();
        FunctionConfig c = slot.config;
        FunctionSlot.Warm warm = slot.takeIdle();
        double initMs = -1;
        if (warm == null) {
            int generation = slot.generation();
            String stream = newLogStream();
            long t0 = System.nanoTime();
            try {
                ExecutionEnvironment env = slot.runtime.start(service.environmentSpec(slot, stream), log);
                initMs = millis(System.nanoTime() - t0);
                warm = new FunctionSlot.Warm(env, stream, generation, config.clock().millis());
            } catch (FunctionRuntime.InitException e) {
                initMs = millis(System.nanoTime() - t0);
                return initFailed(slot, requestId, stream, log, e, initMs);
            }
        }
        long deadline = config.clock().millis() + c.timeout() * 1000L;
        log.write("START RequestId: " + requestId + " Version: " + FunctionConfig.LATEST + "\n");
        long t1 = System.nanoTime();
        InvocationOutcome outcome = warm.env().invoke(
                new Invocation(requestId, invokedArn, payload, deadline, clientContext), log);
        double durationMs = millis(System.nanoTime() - t1);
        byte[] out;
        String functionError = null;
        String status = null;
        switch (outcome) {
            case InvocationOutcome.Success s -> {
                out = s.payload();
                if (out.length > RESPONSE_LIMIT) {
                    out = error("Response payload size exceeded maximum allowed payload size (" + RESPONSE_LIMIT
                            + " bytes).", "Function.ResponseSizeTooLarge");
                    functionError = "Unhandled";
                }
            }
            case InvocationOutcome.Failure f -> {
                out = f.payload();
                functionError = "Unhandled";
            }
            case InvocationOutcome.TimedOut t -> {
                String seconds = String.format(Locale.ROOT, "%.2f", (double) c.timeout());
                log.write(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(config.clock().millis()))
                        + " " + requestId + " Task timed out after " + seconds + " seconds\n");
                out = ("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: " + requestId
                        + " Error: Task timed out after " + seconds + " seconds\"}").getBytes(StandardCharsets.UTF_8);
                functionError = "Unhandled";
                status = "timeout";
            }
        }
        log.write("END RequestId: " + requestId + "\n");
        log.write(report(requestId, durationMs, c.memorySize(), initMs, status));
        if (outcome.reusable()) {
            slot.giveBack(warm.used(config.clock().millis()));
        } else {
            warm.env().close();
        }
        byte[] text = log.seal();
        logs.append(slot.name, warm.logStream(), config.clock().millis(), LogBuffer.text(text));
        return new Run(out, functionError, text);
    }

    private Run initFailed(FunctionSlot slot, String requestId, String stream, LogBuffer log,
                           FunctionRuntime.InitException e, double initMs) {
        log.write("START RequestId: " + requestId + " Version: " + FunctionConfig.LATEST + "\n");
        log.write("END RequestId: " + requestId + "\n");
        log.write(report(requestId, 0, slot.config.memorySize(), initMs, e.timedOut() ? "timeout" : "error"));
        byte[] text = log.seal();
        logs.append(slot.name, stream, config.clock().millis(), LogBuffer.text(text));
        return new Run(e.payload(), "Unhandled", text);
    }

    private static String report(String requestId, double durationMs, int memory, double initMs, String status) {
        long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        StringBuilder sb = new StringBuilder("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", durationMs)).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.ceil(durationMs)).append(" ms")
                .append("\tMemory Size: ").append(memory).append(" MB")
                .append("\tMax Memory Used: ").append(Math.min(usedMb, memory)).append(" MB");
        if (initMs >= 0) {
            sb.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", initMs)).append(" ms");
        }
        if (status != null) {
            sb.append("\tStatus: ").append(status);
        }
        return sb.append("\t\n").toString();
    }

    private String newLogStream() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return STREAM_DATE.format(config.clock().instant()) + "/[" + FunctionConfig.LATEST + "]"
                + HexFormat.of().formatHex(id);
    }

    static byte[] error(String message, String type) {
        return ("{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    @Override
    public void close() {
        async.shutdownNow();
    }
}
