package dev.eddy.function;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.json.FunctionErrorJson;
import dev.eddy.store.Store;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs invocations on this node: waits until a function's code is prepared, takes a concurrency
 * slot, takes a warm execution environment or starts one (cold start), gives the runtime the
 * remaining time on the service's clock, writes START / END / REPORT lines around the function's
 * output and returns environments for reuse. Asynchronous invocations wait in a durable queue and
 * are retried as Lambda does ({@link AsyncInvocations}), on the service's clock.
 *
 * <p>{@link #invoke} answers with an {@link InvocationResult}, never an exception for a function
 * error, a throttle or a function that is not ready; the Lambda adapter and event source mappings
 * call it alike. Thread-safe: invocations of one function run concurrently, each in its own
 * environment.
 */
public final class Invoker implements AutoCloseable {
    static final int SYNC_REQUEST_LIMIT = 6_291_456;
    static final int ASYNC_REQUEST_LIMIT = 1_048_576;
    static final int RESPONSE_LIMIT = 6_291_556;
    static final int TAIL_BYTES = 4096;
    private static final long READY_WAIT_SECONDS = 30;

    private final FunctionRegistry registry;
    private final FunctionVersions versions;
    private final FunctionAliases aliases;
    private final CodePreparation preparation;
    private final FunctionNames names;
    private final ConcurrencyLimiter limiter;
    private final FunctionLogs logs;
    private final FunctionServiceConfig config;
    private final Supplier<URI> endpoint;
    private final InvocationListener listener;
    private final Map<String, FunctionSlot> slots = new ConcurrentHashMap<>();
    private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
    private final AsyncRetries retries = new AsyncRetries(async);
    private final AsyncInvocations asyncInvocations;

    /**
     * @param store where asynchronous invocations wait
     * @param destinations where their results go
     * @param endpoint where functions reach Eddy (AWS_ENDPOINT_URL), null while it is not listening
     * @param listener told about every attempt that ran or was throttled
     */
    Invoker(
            Store store,
            AsyncDestinations destinations,
            FunctionRegistry registry,
            FunctionVersions versions,
            FunctionAliases aliases,
            CodePreparation preparation,
            FunctionNames names,
            ConcurrencyLimiter limiter,
            FunctionLogs logs,
            FunctionServiceConfig config,
            Supplier<URI> endpoint,
            InvocationListener listener) {
        this.registry = registry;
        this.versions = versions;
        this.aliases = aliases;
        this.preparation = preparation;
        this.names = names;
        this.limiter = limiter;
        this.logs = logs;
        this.config = config;
        this.endpoint = endpoint;
        this.listener = listener;
        this.asyncInvocations =
                new AsyncInvocations(this, store, registry, limiter, destinations, config, names, async, retries);
    }

    /**
     * Invokes the named function: {@code $LATEST} when unqualified, else the published version or
     * the version the alias picks (a weighted random choice when the alias routes to two). A
     * {@code RequestResponse} invocation blocks the calling thread until the function returned or
     * timed out; every type waits up to 30 seconds while the code is being prepared. Not
     * idempotent: each call is a new invocation.
     *
     * @throws EddyException when the request can never succeed: an invalid or unknown function,
     *     version or alias, a payload over Lambda's limit, or an interrupt while waiting for the
     *     code (the interrupt flag is then set again)
     */
    public InvocationResult invoke(InvokeRequest request) {
        FunctionRef ref = names.parse(request.functionName(), request.qualifier());
        String name = ref.name();
        String q = ref.qualifier() == null || ref.qualifier().isEmpty() ? null : ref.qualifier();
        Target target = target(name, q);
        if (target == null) {
            throw names.notFound(name, q == null ? FunctionConfig.LATEST : q);
        }
        String invokedArn = names.arn(name).withQualifier(q).toString();
        FunctionSlot slot = target.slot();
        awaitPreparation(slot);
        FunctionConfig c = config(target);
        if (c == null) {
            throw names.notFound(name, q == null ? FunctionConfig.LATEST : q);
        }
        if (c.state() != FunctionConfig.State.Active || slot.code == null) {
            return new InvocationResult.NotReady(
                    name, slot.published == null ? c.state() : FunctionConfig.State.Failed);
        }
        return switch (request.type()) {
            case DryRun -> new InvocationResult.Validated(UUID.randomUUID().toString(), slot.version);
            case Event -> enqueue(name, invokedArn, request.payload());
            case RequestResponse -> invokeSync(slot, c, invokedArn, request);
        };
    }

    /** What one invocation runs: a slot (of {@code $LATEST} or a published version). */
    record Target(FunctionSlot slot) {}

    /**
     * The slot {@code qualifier} (null: {@code $LATEST}) of function {@code name} names now, or
     * null when the function, version or alias does not exist; an alias with a routing
     * configuration picks one of its versions at random by weight on each call.
     */
    Target target(String name, String qualifier) {
        FunctionSlot latest = slots.get(name);
        if (latest == null) {
            return null;
        }
        String version = qualifier == null ? FunctionConfig.LATEST : qualifier;
        if (!version.equals(FunctionConfig.LATEST) && !FunctionVersions.isNumber(version)) {
            FunctionAlias alias = aliases.find(name, version);
            if (alias == null) {
                return null;
            }
            version = alias.pick(ThreadLocalRandom.current().nextDouble());
        }
        if (version.equals(FunctionConfig.LATEST)) {
            return new Target(latest);
        }
        // "01" and "1" name the same version; the slot and ExecutedVersion use the plain number
        FunctionSlot slot = versionSlot(name, Integer.toString(Integer.parseInt(version)));
        return slot == null ? null : new Target(slot);
    }

    /** The configuration the target runs with: the version's frozen one, or {@code $LATEST}'s now. */
    FunctionConfig config(Target t) {
        FunctionSlot slot = t.slot();
        return slot.published != null
                ? slot.published
                : registry.find(slot.name).orElse(null);
    }

    /** The slot of a published version, created (and its code prepared) on first use; null when missing. */
    private FunctionSlot versionSlot(String name, String version) {
        String key = name + ":" + version;
        FunctionSlot slot = slots.get(key);
        if (slot != null) {
            return slot;
        }
        int n = Integer.parseInt(version);
        FunctionConfig c = versions.find(name, n).orElse(null);
        if (c == null) {
            return null;
        }
        FunctionSlot fresh = new FunctionSlot(name, version, c);
        fresh.ready = new CompletableFuture<>();
        FunctionSlot prior = slots.putIfAbsent(key, fresh);
        if (prior != null) {
            return prior;
        }
        preparation.prepareVersion(fresh, () -> versions.code(name, n), fresh.ready);
        return fresh;
    }

    /** Forgets the slots of published versions of {@code name} that are no longer stored. */
    void dropMissingVersions(String name) {
        String prefix = name + ":";
        for (String key : List.copyOf(slots.keySet())) {
            if (key.startsWith(prefix)) {
                String version = key.substring(prefix.length());
                if (versions.find(name, Integer.parseInt(version)).isEmpty()) {
                    removeVersion(name, version);
                }
            }
        }
    }

    /** The names of the functions this node tracks ({@code $LATEST} slots). */
    Set<String> functionNames() {
        Set<String> out = new HashSet<>();
        slots.forEach((key, slot) -> {
            if (slot.published == null) {
                out.add(slot.name);
            }
        });
        return out;
    }

    /** Forgets the slot of one published version (deleted): its environments close. */
    void removeVersion(String name, String version) {
        FunctionSlot slot = slots.remove(name + ":" + version);
        if (slot != null) {
            slot.delete();
        }
    }

    /** Waits up to 30 seconds for the function's code; throws (interrupt flag set) when interrupted. */
    void awaitPreparation(FunctionSlot slot) {
        try {
            slot.ready.get(READY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EddyException(ErrorCode.LAMBDA_SERVICE, "Interrupted");
        } catch (Exception e) {
            // the function's state tells the caller
        }
    }

    private InvocationResult invokeSync(FunctionSlot slot, FunctionConfig c, String invokedArn, InvokeRequest r) {
        checkSize(r.payload(), SYNC_REQUEST_LIMIT);
        return switch (limiter.admit(slot.name)) {
            case ConcurrencyLimiter.Refused refused -> {
                listener.throttled(slot.name, refused.reason());
                yield new InvocationResult.Throttled(refused.reason());
            }
            case ConcurrencyLimiter.Permit permit -> {
                try (permit) {
                    String requestId = UUID.randomUUID().toString();
                    Run run = observedRun(slot, c, requestId, invokedArn, r.payload(), r.clientContext());
                    String tail =
                            r.tail() ? Base64.getEncoder().encodeToString(LogBuffer.tail(run.log(), TAIL_BYTES)) : null;
                    yield run.errorType() == null
                            ? new InvocationResult.Success(requestId, run.payload(), slot.version, tail)
                            : new InvocationResult.FunctionError(
                                    requestId, run.payload(), run.errorType(), slot.version, tail);
                }
            }
        };
    }

    private static void checkSize(byte[] payload, int limit) {
        if (payload.length > limit) {
            throw new EddyException(
                    ErrorCode.LAMBDA_REQUEST_TOO_LARGE,
                    "Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
        }
    }

    // ---------------------------------------------------------------- asynchronous invocations

    private InvocationResult enqueue(String name, String invokedArn, byte[] payload) {
        checkSize(payload, ASYNC_REQUEST_LIMIT);
        return asyncInvocations.enqueue(name, invokedArn, payload);
    }

    /**
     * How many attempts of asynchronous invocations wait for their time on this node (retries and
     * throttled events whose next state is stored; for tests and metrics).
     */
    public int asyncAttemptsWaiting() {
        return retries.waiting();
    }

    /** The durable queue of asynchronous invocations. */
    AsyncInvocations asyncInvocations() {
        return asyncInvocations;
    }

    /** The attempts of asynchronous invocations waiting for their time. */
    AsyncRetries retries() {
        return retries;
    }

    // ---------------------------------------------------------------- one attempt

    /**
     * The outcome of one attempt: payload, the function error (null on success), the log, and the
     * duration its REPORT line gives.
     */
    record Run(byte[] payload, FunctionErrorType errorType, byte[] log, Duration duration) {}

    /** Tells the listener that an attempt of {@code function} found no free concurrency. */
    void throttled(String function, ThrottleReason reason) {
        listener.throttled(function, reason);
    }

    /** {@link #runOnce} between the listener's {@code started} and {@code finished}. */
    Run observedRun(
            FunctionSlot slot,
            FunctionConfig c,
            String requestId,
            String invokedArn,
            byte[] payload,
            String clientContext) {
        listener.started(slot.name);
        Run run = runOnce(slot, c, requestId, invokedArn, payload, clientContext);
        listener.finished(
                slot.name,
                run.errorType() == null ? InvocationListener.Kind.SUCCESS : InvocationListener.Kind.FUNCTION_ERROR,
                run.duration());
        return run;
    }

    /** One attempt in one environment; never throws for function failures. */
    Run runOnce(
            FunctionSlot slot,
            FunctionConfig c,
            String requestId,
            String invokedArn,
            byte[] payload,
            String clientContext) {
        LogBuffer log = new LogBuffer();
        FunctionSlot.Warm warm = slot.takeIdle();
        double initMs = -1;
        if (warm == null) {
            int generation = slot.generation();
            String stream = InvocationLog.newStream(config.clock().instant());
            long t0 = System.nanoTime();
            try {
                ExecutionEnvironment env = slot.runtime.start(environmentSpec(slot, c, stream), log);
                initMs = millis(System.nanoTime() - t0);
                warm = new FunctionSlot.Warm(
                        env, stream, generation, config.clock().millis());
            } catch (FunctionRuntime.InitException e) {
                return initFailed(slot, c, requestId, stream, log, e, millis(System.nanoTime() - t0));
            }
        }
        // the budget is measured on the service's clock, from the moment the handler is called
        Instant deadline = config.clock().instant().plusSeconds(c.timeout());
        log.write(InvocationLog.start(requestId, slot.version));
        long t1 = System.nanoTime();
        InvocationOutcome outcome = warm.env()
                .invoke(new Invocation(requestId, invokedArn, payload, deadline, config.clock(), clientContext), log);
        long durationNanos = System.nanoTime() - t1;
        double durationMs = millis(durationNanos);
        Answer answer = answer(outcome, c, requestId, log);
        log.write(InvocationLog.end(requestId));
        log.write(InvocationLog.report(
                requestId,
                durationMs,
                c.memorySize(),
                initMs,
                outcome instanceof InvocationOutcome.TimedOut ? "timeout" : null));
        if (outcome.reusable()) {
            slot.giveBack(warm.used(config.clock().millis()));
        } else {
            warm.env().close();
        }
        byte[] text = log.seal();
        logs.append(slot.name, warm.logStream(), config.clock().millis(), LogBuffer.text(text));
        return new Run(answer.payload(), answer.errorType(), text, Duration.ofNanos(durationNanos));
    }

    /** What Invoke answers for an outcome: the payload and the function error, null on success. */
    private record Answer(byte[] payload, FunctionErrorType errorType) {}

    private Answer answer(InvocationOutcome outcome, FunctionConfig c, String requestId, LogBuffer log) {
        return switch (outcome) {
            case InvocationOutcome.Success s
            when s.payload().length > RESPONSE_LIMIT ->
                new Answer(
                        FunctionErrorJson.of(
                                "Response payload size exceeded maximum allowed payload size (" + RESPONSE_LIMIT
                                        + " bytes).",
                                "Function.ResponseSizeTooLarge",
                                null),
                        FunctionErrorType.Unhandled);
            case InvocationOutcome.Success s -> new Answer(s.payload(), null);
            case InvocationOutcome.Failure f -> new Answer(f.payload(), f.errorType());
            case InvocationOutcome.TimedOut t -> {
                log.write(InvocationLog.timedOut(config.clock().instant(), requestId, c.timeout()));
                yield new Answer(
                        FunctionErrorJson.sandbox(
                                "Sandbox.Timedout",
                                "RequestId: " + requestId + " Error: Task timed out after "
                                        + InvocationLog.seconds(c.timeout()) + " seconds"),
                        FunctionErrorType.Unhandled);
            }
        };
    }

    private Run initFailed(
            FunctionSlot slot,
            FunctionConfig c,
            String requestId,
            String stream,
            LogBuffer log,
            FunctionRuntime.InitException e,
            double initMs) {
        log.write(InvocationLog.start(requestId, slot.version));
        log.write(InvocationLog.end(requestId));
        log.write(InvocationLog.report(requestId, 0, c.memorySize(), initMs, e.timedOut() ? "timeout" : "error"));
        byte[] text = log.seal();
        logs.append(slot.name, stream, config.clock().millis(), LogBuffer.text(text));
        return new Run(e.payload(), FunctionErrorType.Unhandled, text, Duration.ZERO);
    }

    /** Builds the environment of a new execution environment (spec section 5.6). */
    private EnvironmentSpec environmentSpec(FunctionSlot slot, FunctionConfig c, String logStream) {
        String logGroup = "/aws/lambda/" + c.name();
        URI url = endpoint.get();
        Map<String, String> env = new LinkedHashMap<>(EnvironmentRules.runtimeEnvironment(
                c, config, logGroup, logStream, url == null ? null : url.toString(), slot.code));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", slot.version);
        return new EnvironmentSpec(
                c.name(),
                names.arn(c.name()).toString(),
                slot.version,
                c.runtime(),
                c.handler(),
                c.memorySize(),
                c.timeout(),
                logGroup,
                logStream,
                env,
                slot.code);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    // ---------------------------------------------------------------- environments

    /**
     * Starts tracking a function that now exists; invocations wait for {@code ready}, which
     * completes once its code was prepared (either way).
     */
    FunctionSlot register(String name, CompletableFuture<Void> ready) {
        FunctionSlot slot = new FunctionSlot(name);
        slot.ready = ready;
        slots.put(name, slot);
        return slot;
    }

    /** The live state of {@code name}, or null when this node does not know it. */
    FunctionSlot slot(String name) {
        return slots.get(name);
    }

    /** Forgets a deleted function: idle environments close now, busy ones when they return. */
    void remove(String name) {
        FunctionSlot slot = slots.remove(name);
        if (slot != null) {
            slot.delete();
        }
        String prefix = name + ":";
        slots.keySet().removeIf(k -> {
            if (!k.startsWith(prefix)) {
                return false;
            }
            FunctionSlot v = slots.get(k);
            if (v != null) {
                v.delete();
            }
            return true;
        });
    }

    /**
     * Closes environments unused for longer than the configured idle timeout at {@code now};
     * returns how many. Safe to call from any thread at any time; meant for a periodic task.
     */
    public int reapIdle(Instant now) {
        long cutoff = now.toEpochMilli() - config.idleTimeout().toMillis();
        int n = 0;
        for (FunctionSlot s : slots.values()) {
            n += s.expire(cutoff);
        }
        return n;
    }

    /** How many invocations of {@code function} are running now (its concurrent executions). */
    public int concurrentExecutions(String function) {
        return limiter.running(function);
    }

    /** How many warm, idle environments {@code function} has (for tests and metrics). */
    public int idleEnvironments(String function) {
        FunctionSlot s = slots.get(function);
        return s == null ? 0 : s.idleCount();
    }

    /** Stops asynchronous invocations and closes every environment. Idempotent. */
    @Override
    public void close() {
        retries.detach();
        async.shutdownNow();
        for (FunctionSlot s : slots.values()) {
            s.newGeneration();
        }
    }
}
