package dev.eddy.function;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's function API: functions stored durably in the {@link Store}, run by the {@link
 * FunctionRuntime} that supports their runtime, with Lambda's states, concurrency limits and logs.
 *
 * <p>Thread-safe. Management calls (create, update, delete) on one function serialise on its
 * store record; invocations run concurrently, each in its own execution environment.
 */
public final class FunctionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionService.class);
    static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final String NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
    static final int DEFAULT_TIMEOUT = 3;
    static final int DEFAULT_MEMORY = 128;

    private final Store store;
    private final FunctionServiceConfig config;
    private final List<FunctionRuntime> runtimes;
    private final Map<String, FunctionSlot> slots = new ConcurrentHashMap<>();
    private final ConcurrencyLimiter limiter;
    private final FunctionLogs logs;
    private final Invoker invoker;
    private final ScheduledExecutorService scheduler;
    private volatile String endpointUrl;

    public FunctionService(Store store, FunctionServiceConfig config, List<FunctionRuntime> runtimes) {
        this.store = store;
        this.config = config;
        this.runtimes = List.copyOf(runtimes);
        this.limiter = new ConcurrencyLimiter(config.accountConcurrency(), config.minimumUnreserved());
        this.logs = new FunctionLogs(config.maxLogEventsPerFunction());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eddy-function-scheduler");
            t.setDaemon(true);
            return t;
        });
        this.invoker = new Invoker(this, limiter, logs, config, scheduler);
        loadStoredFunctions();
        long period = Math.max(1, Math.min(60, config.idleTimeout().toSeconds() / 2));
        scheduler.scheduleWithFixedDelay(this::expireIdleEnvironments, period, period, TimeUnit.SECONDS);
    }

    /** The URL functions reach Eddy at (AWS_ENDPOINT_URL); set once the server listens. */
    public void setEndpointUrl(String url) {
        this.endpointUrl = url;
    }

    String endpointUrl() {
        return endpointUrl;
    }

    public FunctionServiceConfig config() {
        return config;
    }

    public FunctionLogs logs() {
        return logs;
    }

    public String functionArn(String name) {
        return config.functionArn(name);
    }

    // ---------------------------------------------------------------- management

    /** CreateFunction: stores the function as Pending and prepares its code in the background. */
    public FunctionConfig create(CreateFunction req) {
        Map<String, String> env = req.environment() == null ? Map.of() : req.environment();
        EnvironmentRules.check(env);
        ZipPackages.check(req.zipFile());
        String sha = sha256(req.zipFile());
        FunctionConfig c = new FunctionConfig(req.name(), req.runtime(), req.role(), req.handler(),
                req.description(), req.timeout() == null ? DEFAULT_TIMEOUT : req.timeout(),
                req.memorySize() == null ? DEFAULT_MEMORY : req.memorySize(), env, sha, req.zipFile().length,
                now(), UUID.randomUUID().toString(), FunctionConfig.State.Pending, "The function is being created.",
                "Creating", null, null, null,
                req.architectures() == null || req.architectures().isEmpty() ? List.of("x86_64") : req.architectures(),
                req.ephemeralStorageSize() == null ? 512 : req.ephemeralStorageSize(),
                req.tags() == null ? Map.of() : req.tags(), null);
        FunctionSlot slot = new FunctionSlot(c.name(), c);
        CompletableFuture<Void> done = new CompletableFuture<>();
        slot.ready = done;
        synchronized (slots) {
            store.run(tx -> {
                if (FunctionRecords.readConfig(tx, c.name()) != null) {
                    throw new EddyException(ErrorCode.LAMBDA_RESOURCE_CONFLICT, "Function already exist: " + c.name(),
                            Map.of("function", c.name()));
                }
                FunctionRecords.writeConfig(tx, c);
                FunctionRecords.writeCode(tx, c.name(), req.zipFile());
                return null;
            });
            slots.put(c.name(), slot);
        }
        prepareAsync(slot, req.zipFile(), done);
        return c;
    }

    /** GetFunction / GetFunctionConfiguration. */
    public FunctionConfig get(String functionName, String qualifier) {
        return slot(functionName, qualifier, true).config;
    }

    /** The deployment package of {@code $LATEST}. */
    public byte[] code(String functionName) {
        FunctionSlot s = slot(functionName, null, true);
        try (ReadView view = store.snapshot()) {
            return FunctionRecords.readCode(view, s.name);
        }
    }

    /** One page of ListFunctions; {@code marker} is the name after which to continue. */
    public record FunctionPage(List<FunctionConfig> functions, String nextMarker) {
    }

    public FunctionPage list(String marker, int maxItems) {
        String after = null;
        if (marker != null && !marker.isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new EddyException(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE, "Invalid marker: " + marker);
            }
        }
        List<FunctionConfig> page;
        try (ReadView view = store.snapshot()) {
            page = FunctionRecords.scanConfigs(view, after, maxItems + 1);
        }
        String next = null;
        if (page.size() > maxItems) {
            page = new ArrayList<>(page.subList(0, maxItems));
            next = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(page.get(maxItems - 1).name().getBytes(StandardCharsets.UTF_8));
        }
        List<FunctionConfig> live = new ArrayList<>(page.size());
        for (FunctionConfig c : page) {
            FunctionSlot s = slots.get(c.name());
            live.add(s != null ? s.config : c);
        }
        return new FunctionPage(live, next);
    }

    /** UpdateFunctionConfiguration: applies the change and re-prepares (InProgress → Successful). */
    public FunctionConfig updateConfiguration(String functionName, UpdateFunctionConfiguration u) {
        FunctionSlot slot = slot(functionName, null, true);
        if (u.environment() != null) {
            EnvironmentRules.check(u.environment());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        FunctionConfig updated = mutate(slot, u.revisionId(), done, c -> c.withSettings(u, now(),
                UUID.randomUUID().toString()).withUpdateStatus(FunctionConfig.LastUpdateStatus.InProgress, null, null));
        slot.newGeneration();
        prepareAsync(slot, null, done);
        return updated;
    }

    /** UpdateFunctionCode: stores the new package and re-prepares. */
    public FunctionConfig updateCode(String functionName, UpdateFunctionCode u) {
        FunctionSlot slot = slot(functionName, null, true);
        ZipPackages.check(u.zipFile());
        String sha = sha256(u.zipFile());
        if (u.dryRun()) {
            checkRevision(slot.config, u.revisionId());
            return slot.config.withCode(sha, u.zipFile().length, archs(u, slot.config), slot.config.lastModified(),
                    slot.config.revisionId());
        }
        FunctionConfig updated;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (slot) {
            checkNotInProgress(slot.config);
            checkRevision(slot.config, u.revisionId());
            FunctionConfig next = slot.config.withCode(sha, u.zipFile().length, archs(u, slot.config), now(),
                    UUID.randomUUID().toString()).withUpdateStatus(FunctionConfig.LastUpdateStatus.InProgress, null,
                    null);
            store.run(tx -> {
                FunctionRecords.writeConfig(tx, next);
                FunctionRecords.writeCode(tx, next.name(), u.zipFile());
                return null;
            });
            slot.ready = done; // invocations wait for the new code from now on
            slot.config = next;
            updated = next;
        }
        slot.newGeneration();
        prepareAsync(slot, u.zipFile(), done);
        return updated;
    }

    private static List<String> archs(UpdateFunctionCode u, FunctionConfig c) {
        return u.architectures() == null || u.architectures().isEmpty() ? c.architectures() : u.architectures();
    }

    /** DeleteFunction. Event source mappings are not touched (as on AWS). */
    public void delete(String functionName, String qualifier) {
        FunctionRef ref = parse(functionName, qualifier);
        if (!ref.isLatest()) {
            // versions are not supported; deleting $LATEST explicitly is refused as on AWS
            throw notFound(ref.name() + ":" + ref.qualifier());
        }
        FunctionSlot slot;
        synchronized (slots) {
            slot = slots.get(ref.name());
            if (slot == null) {
                throw notFound(ref.name());
            }
            store.run(tx -> {
                FunctionRecords.delete(tx, ref.name());
                return null;
            });
            slots.remove(ref.name());
        }
        limiter.setReserved(ref.name(), null);
        slot.delete();
    }

    /** PutFunctionConcurrency. */
    public int putConcurrency(String functionName, int reserved) {
        FunctionSlot slot = unqualifiedSlot(functionName);
        synchronized (slot) {
            limiter.checkReservation(slot.name, reserved);
            FunctionConfig next = slot.config.withReservedConcurrency(reserved, slot.config.revisionId());
            store.run(tx -> {
                FunctionRecords.writeConfig(tx, next);
                return null;
            });
            slot.config = next;
            limiter.setReserved(slot.name, reserved);
        }
        return reserved;
    }

    /** GetFunctionConcurrency: null when none is reserved. */
    public Integer getConcurrency(String functionName) {
        return unqualifiedSlot(functionName).config.reservedConcurrency();
    }

    /** DeleteFunctionConcurrency. */
    public void deleteConcurrency(String functionName) {
        FunctionSlot slot = unqualifiedSlot(functionName);
        synchronized (slot) {
            FunctionConfig next = slot.config.withReservedConcurrency(null, slot.config.revisionId());
            store.run(tx -> {
                FunctionRecords.writeConfig(tx, next);
                return null;
            });
            slot.config = next;
            limiter.setReserved(slot.name, null);
        }
    }

    // ---------------------------------------------------------------- invoke

    /**
     * Invoke. Throws {@link EddyException} for API errors (not found, throttled); function errors
     * are part of the result.
     *
     * @param clientContext the decoded X-Amz-Client-Context JSON, or null
     */
    public InvokeResult invoke(String functionName, String qualifier, InvocationType type, byte[] payload,
                               boolean tail, String clientContext) {
        FunctionSlot slot = slot(functionName, qualifier, true);
        String invokedArn = qualifier == null || qualifier.isEmpty() ? functionArn(slot.name)
                : functionArn(slot.name) + ":" + qualifier;
        awaitReady(slot);
        return switch (type) {
            case DryRun -> new InvokeResult(UUID.randomUUID().toString(), 204, new byte[0], null, null,
                    FunctionConfig.LATEST);
            case Event -> invoker.invokeAsync(slot, invokedArn, payload);
            case RequestResponse -> invoker.invokeSync(slot, invokedArn, payload, tail, clientContext);
        };
    }

    /** The slot if the function still exists (used by asynchronous retries). */
    FunctionSlot liveSlot(String name) {
        return slots.get(name);
    }

    private void awaitReady(FunctionSlot slot) {
        try {
            slot.ready.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EddyException(ErrorCode.LAMBDA_SERVICE, "Interrupted");
        } catch (Exception e) {
            // the state below tells the caller
        }
        FunctionConfig c = slot.config;
        if (c.state() != FunctionConfig.State.Active || slot.code == null) {
            throw new EddyException(ErrorCode.LAMBDA_RESOURCE_CONFLICT,
                    "The operation cannot be performed at this time. The function is currently in the following state: "
                            + c.state(), Map.of("function", c.name()));
        }
    }

    /** Builds the environment of a new execution environment (spec section 5.6). */
    EnvironmentSpec environmentSpec(FunctionSlot slot, String logStream) {
        FunctionConfig c = slot.config;
        String logGroup = "/aws/lambda/" + c.name();
        Map<String, String> env = EnvironmentRules.runtimeEnvironment(c, config, logGroup, logStream,
                endpointUrl, slot.code);
        return new EnvironmentSpec(c.name(), functionArn(c.name()), FunctionConfig.LATEST, c.runtime(), c.handler(),
                c.memorySize(), c.timeout(), logGroup, logStream, env, slot.code);
    }

    // ---------------------------------------------------------------- preparation and state

    private void prepareAsync(FunctionSlot slot, byte[] zip, CompletableFuture<Void> done) {
        slot.ready = done;
        Thread.ofVirtual().name("eddy-prepare-" + slot.name).start(() -> {
            try {
                prepare(slot, zip);
            } catch (RuntimeException e) {
                LOG.warn("preparing function {} failed", slot.name, e);
            } finally {
                done.complete(null);
            }
        });
    }

    private void prepare(FunctionSlot slot, byte[] zip) {
        FunctionConfig c = slot.config;
        FunctionRuntime runtime = runtimes.stream().filter(r -> r.supports(c.runtime())).findFirst().orElse(null);
        String failure = null;
        String failureCode = null;
        FunctionRuntime.PreparedCode code = null;
        if (runtime == null) {
            failure = "Eddy has no runtime for " + c.runtime() + " (see docs/lambda.md for the supported runtimes).";
            failureCode = "InvalidRuntime";
        } else {
            byte[] bytes = zip;
            if (bytes == null) {
                try (ReadView view = store.snapshot()) {
                    bytes = FunctionRecords.readCode(view, c.name());
                }
            }
            try {
                code = runtime.prepare(c.codeSha256(), bytes);
            } catch (FunctionRuntime.CodeLoadException e) {
                failure = e.getMessage();
                failureCode = e.reasonCode();
            }
        }
        FunctionRuntime.PreparedCode prepared = code;
        String reason = failure;
        String reasonCode = failureCode;
        synchronized (slot) {
            if (!slot.config.revisionId().equals(c.revisionId()) || liveSlot(slot.name) != slot) {
                return; // superseded by a later update or deleted; that one prepares again
            }
            FunctionConfig next = reason == null
                    ? slot.config.withState(FunctionConfig.State.Active, null, null)
                    : slot.config.withState(FunctionConfig.State.Failed, reason, reasonCode);
            next = reason == null ? next.withUpdateStatus(FunctionConfig.LastUpdateStatus.Successful, null, null)
                    : next.withUpdateStatus(FunctionConfig.LastUpdateStatus.Failed, reason, reasonCode);
            FunctionConfig fin = next;
            store.run(tx -> {
                if (FunctionRecords.readConfig(tx, fin.name()) != null) {
                    FunctionRecords.writeConfig(tx, fin);
                }
                return null;
            });
            slot.runtime = runtime;
            slot.code = prepared;
            slot.config = fin;
        }
    }

    private void loadStoredFunctions() {
        List<FunctionConfig> all = new ArrayList<>();
        try (ReadView view = store.snapshot()) {
            String after = null;
            while (true) {
                List<FunctionConfig> page = FunctionRecords.scanConfigs(view, after, 500);
                all.addAll(page);
                if (page.size() < 500) {
                    break;
                }
                after = page.get(page.size() - 1).name();
            }
        }
        for (FunctionConfig c : all) {
            FunctionSlot slot = new FunctionSlot(c.name(), c);
            CompletableFuture<Void> done = new CompletableFuture<>();
            slot.ready = done;
            slots.put(c.name(), slot);
            if (c.reservedConcurrency() != null) {
                limiter.setReserved(c.name(), c.reservedConcurrency());
            }
            // code is prepared again after a restart (unpacked packages are not durable)
            prepareAsync(slot, null, done);
        }
        if (!all.isEmpty()) {
            LOG.info("loaded {} function(s) from the store", all.size());
        }
    }

    /** Closes environments idle for longer than the configured idle timeout. */
    public int expireIdleEnvironments() {
        long cutoff = config.clock().millis() - config.idleTimeout().toMillis();
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

    @Override
    public void close() {
        scheduler.shutdownNow();
        invoker.close();
        for (FunctionSlot s : slots.values()) {
            s.newGeneration();
        }
        for (FunctionRuntime r : runtimes) {
            r.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    interface Mutation {
        FunctionConfig apply(FunctionConfig c);
    }

    private FunctionConfig mutate(FunctionSlot slot, String revisionId, CompletableFuture<Void> ready, Mutation m) {
        synchronized (slot) {
            checkNotInProgress(slot.config);
            checkRevision(slot.config, revisionId);
            FunctionConfig next = m.apply(slot.config);
            store.run(tx -> {
                FunctionRecords.writeConfig(tx, next);
                return null;
            });
            slot.ready = ready; // invocations wait for the new configuration from now on
            slot.config = next;
            return next;
        }
    }

    private void checkNotInProgress(FunctionConfig c) {
        if (c.lastUpdateStatus() == FunctionConfig.LastUpdateStatus.InProgress
                || c.state() == FunctionConfig.State.Pending) {
            throw new EddyException(ErrorCode.LAMBDA_RESOURCE_CONFLICT,
                    "The operation cannot be performed at this time. An update is in progress for resource: "
                            + functionArn(c.name()), Map.of("function", c.name()));
        }
    }

    private static void checkRevision(FunctionConfig c, String revisionId) {
        if (revisionId != null && !revisionId.equals(c.revisionId())) {
            throw new EddyException(ErrorCode.LAMBDA_PRECONDITION_FAILED,
                    "The Revision Id provided does not match the latest Revision Id. "
                            + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
                    Map.of("function", c.name()));
        }
    }

    private FunctionSlot unqualifiedSlot(String functionName) {
        FunctionRef ref = parse(functionName, null);
        if (ref.qualifier() != null) {
            throw new EddyException(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "This operation is permitted on Lambda functions only. Aliases and versions do not support this "
                            + "operation. Please specify either a function name or an unqualified function ARN.");
        }
        FunctionSlot s = slots.get(ref.name());
        if (s == null) {
            throw notFound(ref.name());
        }
        return s;
    }

    private FunctionSlot slot(String functionName, String qualifier, boolean latestInMessage) {
        FunctionRef ref = parse(functionName, qualifier);
        FunctionSlot s = slots.get(ref.name());
        if (s == null || !ref.isLatest()) {
            // only $LATEST exists: versions and aliases are not supported (docs/lambda.md)
            String q = ref.qualifier() != null ? ref.qualifier() : FunctionConfig.LATEST;
            throw notFound(latestInMessage ? ref.name() + ":" + q : ref.name());
        }
        return s;
    }

    FunctionRef parse(String functionName, String qualifier) {
        if (functionName == null || functionName.isEmpty()) {
            throw new EddyException(ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '' at 'functionName' failed to satisfy constraint: "
                            + "Member must have length greater than or equal to 1");
        }
        if (functionName.length() > 140) {
            throw new EddyException(ErrorCode.LAMBDA_VALIDATION, "1 validation error detected: Value '" + functionName
                    + "' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 140");
        }
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        if (ref == null) {
            throw new EddyException(ErrorCode.LAMBDA_VALIDATION, "1 validation error detected: Value '" + functionName
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + NAME_PATTERN);
        }
        if (ref.name().length() > 64) {
            throw new EddyException(ErrorCode.LAMBDA_VALIDATION, "1 validation error detected: Value '" + functionName
                    + "' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64");
        }
        if (ref.region() != null && !ref.region().equals(config.region())) {
            throw new EddyException(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND, "Functions from '" + ref.region()
                    + "' are not reachable in this region ('" + config.region() + "')");
        }
        if (ref.account() != null && !ref.account().equals(config.accountId())) {
            throw notFound(ref.name());
        }
        return ref;
    }

    private EddyException notFound(String nameWithQualifier) {
        return new EddyException(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND,
                "Function not found: " + functionArn(nameWithQualifier), Map.of("function", nameWithQualifier));
    }

    String now() {
        return LAST_MODIFIED.format(config.clock().instant());
    }

    static String sha256(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
