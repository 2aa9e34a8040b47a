package dev.eddy.function;

import dev.eddy.arn.Arn;
import dev.eddy.cluster.ClusterSignal;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.Store;
import dev.eddy.work.BackgroundWork;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Lambda's function API, the door the server uses: management calls validate and apply Lambda's
 * rules, then change the {@link FunctionRegistry} (configurations and packages in the {@link
 * Store}), have the code prepared in the background ({@link CodePreparation}) and restart the
 * function's environments; {@link #invoke} goes to the {@link Invoker}.
 *
 * <p>Lifecycle: constructed over the store (stored functions are opened), {@linkplain
 * #start started} on the node's background work (idle environments, asynchronous retries), closed
 * before the store.
 *
 * <p>Thread-safe. Management calls on one function serialise; invocations run concurrently, each
 * in its own execution environment.
 */
public final class FunctionService implements AutoCloseable {
    static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    static final int DEFAULT_TIMEOUT = 3;
    static final int DEFAULT_MEMORY = 128;
    /** The idle reaper's task name on the background work. */
    static final String IDLE_REAPER = "function-idle-reaper";

    private final FunctionServiceConfig config;
    private final List<FunctionRuntime> runtimes;
    private final FunctionNames names;
    private final FunctionRegistry registry;
    private final CodePreparation preparation;
    private final ConcurrencyLimiter limiter;
    private final FunctionLogs logs;
    private final Invoker invoker;
    private final FunctionVersions versions;
    private final FunctionAliases aliases;
    private final FunctionLayers layers;
    private final InvocationListener listener;
    private final DestinationRules destinationRules;
    private final EventInvokeConfigs eventInvokeConfigs;
    private final FunctionFollower follower;
    private final Store store;
    private volatile BackgroundWork.Registration concurrencyRenewal;
    private volatile BackgroundWork.Registration idleReaper;
    // serialises creating and deleting functions (a name's slot and its stored record change together)
    private final Object lifecycle = new Object();

    /** A service whose functions are not told where Eddy listens (no AWS_ENDPOINT_URL). */
    public FunctionService(Store store, FunctionServiceConfig config, List<FunctionRuntime> runtimes) {
        this(store, config, runtimes, () -> null);
    }

    /**
     * Opens the functions stored in {@code store}; their code is prepared again in the background.
     *
     * @param endpoint the URL functions reach Eddy at (AWS_ENDPOINT_URL of environments started
     *     later), asked when an environment starts; null while Eddy does not listen yet
     */
    public FunctionService(
            Store store, FunctionServiceConfig config, List<FunctionRuntime> runtimes, Supplier<URI> endpoint) {
        this(store, config, runtimes, endpoint, AsyncDestinations.NONE, InvocationListener.NONE);
    }

    /**
     * Opens the functions stored in {@code store} and the asynchronous invocations still queued
     * there (they run once the service is {@linkplain #start started}).
     *
     * @param endpoint the URL functions reach Eddy at (AWS_ENDPOINT_URL of environments started
     *     later), asked when an environment starts; null while Eddy does not listen yet
     * @param destinations the queues that destinations and dead-letter queues name
     * @param listener told about every invocation attempt (see {@link InvocationListener})
     */
    public FunctionService(
            Store store,
            FunctionServiceConfig config,
            List<FunctionRuntime> runtimes,
            Supplier<URI> endpoint,
            AsyncDestinations destinations,
            InvocationListener listener) {
        this.listener = listener;
        this.store = store;
        this.config = config;
        this.runtimes = List.copyOf(runtimes);
        this.names = new FunctionNames(config);
        this.registry = new FunctionRegistry(store);
        this.layers = new FunctionLayers(store, config);
        this.preparation = new CodePreparation(registry, layers, this.runtimes, this::changed);
        this.limiter = new ConcurrencyLimiter(config.accountConcurrency(), config.minimumUnreserved());
        this.logs = new FunctionLogs(config.maxLogEventsPerFunction());
        this.versions = new FunctionVersions(store, names);
        this.aliases = new FunctionAliases(store, names);
        this.invoker = new Invoker(
                store,
                destinations,
                registry,
                versions,
                aliases,
                preparation,
                names,
                limiter,
                logs,
                config,
                endpoint,
                listener);
        this.destinationRules = new DestinationRules(config.account(), destinations);
        this.eventInvokeConfigs = new EventInvokeConfigs(store, names, destinationRules, config.clock());
        this.follower = new FunctionFollower(registry, invoker, preparation, limiter, listener, lifecycle);
        openStoredFunctions();
        invoker.asyncInvocations().recover();
    }

    /**
     * Registers the service's background tasks with {@code work}: the idle reaper
     * ({@code function-idle-reaper}, every half idle timeout within 1 s to 60 s) and the retries of
     * asynchronous invocations ({@code function-async-retries}). Call once.
     */
    public void start(BackgroundWork work) {
        Duration period =
                Duration.ofSeconds(Math.max(1, Math.min(60, config.idleTimeout().toSeconds() / 2)));
        idleReaper = work.schedule(IDLE_REAPER, period, invoker::reapIdle);
        invoker.retries().attach(work);
    }

    /**
     * Shares this node's functions with the other nodes of a cluster on one store: every change is
     * published on {@code signal} after its commit, the notices of other nodes make this node
     * re-read the function (its configuration, code, versions and reserved concurrency), and every
     * function is re-read every {@code leaseDuration} in case a notice was lost. Reserved
     * concurrency is counted across the nodes in the store from now on, this node's counts valid
     * for {@code leaseDuration} and renewed every third of it (task
     * {@code function-concurrency}). Call once, after {@link #start}, only when other nodes share
     * the store.
     *
     * @param nodeId this node's id in the cluster
     */
    public void followCluster(ClusterSignal signal, BackgroundWork work, String nodeId, Duration leaseDuration) {
        SharedSlots slots = new SharedSlots(store, config.clock(), nodeId, leaseDuration);
        limiter.shareWith(slots);
        concurrencyRenewal = work.schedule("function-concurrency", leaseDuration.dividedBy(3), now -> slots.renew());
        follower.follow(signal, work, leaseDuration);
    }

    /**
     * Sets this node's share of the account's unreserved concurrency: it is node {@code index}
     * (0-based, in an order all nodes agree on) of {@code liveNodes}. On a single node the share is
     * the whole pool.
     */
    public void shareAccountConcurrency(int liveNodes, int index) {
        limiter.share(liveNodes, index);
    }

    /** Re-reads every function from the store, as the periodic pass of a cluster node does; returns how many. */
    public int resync() {
        return follower.resync();
    }

    public FunctionServiceConfig config() {
        return config;
    }

    public FunctionLogs logs() {
        return logs;
    }

    /** The stored functions, for readers that need no Lambda API rules. */
    public FunctionRegistry registry() {
        return registry;
    }

    /** What runs invocations; what an in-process caller (an event source mapping) needs. */
    public Invoker invoker() {
        return invoker;
    }

    /** The functions' configurations for asynchronous invocation (retries, event age, destinations). */
    public EventInvokeConfigs eventInvokeConfigs() {
        return eventInvokeConfigs;
    }

    /** Published versions: PublishVersion and ListVersionsByFunction. */
    public FunctionVersions versions() {
        return versions;
    }

    /** The functions' aliases. */
    public FunctionAliases aliases() {
        return aliases;
    }

    /** The account's layers. */
    public FunctionLayers layers() {
        return layers;
    }

    /** The unqualified ARN of function {@code name}. */
    public Arn.Function functionArn(String name) {
        return config.functionArn(name);
    }

    // ---------------------------------------------------------------- management

    /** CreateFunction: stores the function as Pending and prepares its code in the background. */
    public FunctionConfig create(CreateFunction req) {
        Map<String, String> env = req.environment() == null ? Map.of() : req.environment();
        EnvironmentRules.check(env);
        destinationRules.checkDeadLetterTarget(req.deadLetterTarget());
        String sha = CodePreparation.check(req.zipFile());
        List<FunctionLayer> functionLayers = req.layers() == null ? List.of() : layers.resolve(req.layers());
        FunctionConfig c = new FunctionConfig(
                req.name(),
                req.runtime(),
                req.role(),
                req.handler(),
                req.description(),
                req.timeout() == null ? DEFAULT_TIMEOUT : req.timeout(),
                req.memorySize() == null ? DEFAULT_MEMORY : req.memorySize(),
                env,
                sha,
                req.zipFile().length,
                now(),
                UUID.randomUUID().toString(),
                FunctionConfig.State.Pending,
                "The function is being created.",
                "Creating",
                null,
                null,
                null,
                req.architectures() == null || req.architectures().isEmpty() ? List.of("x86_64") : req.architectures(),
                req.ephemeralStorageSize() == null ? 512 : req.ephemeralStorageSize(),
                req.tags() == null ? Map.of() : req.tags(),
                null,
                req.deadLetterTarget() == null || req.deadLetterTarget().isEmpty() ? null : req.deadLetterTarget(),
                functionLayers);
        CompletableFuture<Void> done = new CompletableFuture<>();
        FunctionSlot slot;
        synchronized (lifecycle) {
            try {
                registry.create(c, req.zipFile());
            } catch (EddyException e) {
                // the registry knows functions by name; the account is known here
                throw e.withFunction(names.arn(c.name()));
            }
            slot = invoker.register(c.name(), done);
            slot.revision = c.revisionId();
        }
        preparation.prepareAsync(slot, c, req.zipFile(), done);
        changed(c.name());
        return c;
    }

    /** GetFunction / GetFunctionConfiguration. */
    public FunctionConfig get(String functionName, String qualifier) {
        String name = names.latest(functionName, qualifier);
        return registry.find(name).orElseThrow(() -> names.latestNotFound(name));
    }

    /**
     * GetFunction / GetFunctionConfiguration with any qualifier: {@code $LATEST}, a published
     * version, or an alias (shown with the version it points at; its routing is not applied).
     */
    public QualifiedFunction describe(String functionName, String qualifier) {
        FunctionRef ref = names.parse(functionName, qualifier);
        String name = ref.name();
        String q = ref.qualifier() == null || ref.qualifier().isEmpty() ? null : ref.qualifier();
        FunctionConfig latest = registry.find(name).orElseThrow(() -> names.latestNotFound(name));
        Arn.Function arn = names.arn(name).withQualifier(q);
        if (q == null || q.equals(FunctionConfig.LATEST)) {
            return new QualifiedFunction(latest, FunctionConfig.LATEST, arn);
        }
        String version = q;
        if (!FunctionVersions.isNumber(q)) {
            FunctionAlias a = aliases.find(name, q);
            if (a == null) {
                throw names.notFound(name, q);
            }
            version = a.functionVersion();
            if (version.equals(FunctionConfig.LATEST)) {
                return new QualifiedFunction(latest, version, arn);
            }
        }
        FunctionConfig c = versions.find(name, Integer.parseInt(version)).orElseThrow(() -> names.notFound(name, q));
        return new QualifiedFunction(c, version, arn);
    }

    /** The deployment package of {@code $LATEST}. */
    public byte[] code(String functionName) {
        return code(functionName, null);
    }

    /** The deployment package of {@code $LATEST}, of a published version or of an alias's version. */
    public byte[] code(String functionName, String qualifier) {
        QualifiedFunction f = describe(functionName, qualifier);
        return f.version().equals(FunctionConfig.LATEST)
                ? registry.code(f.config().name())
                : versions.code(f.config().name(), Integer.parseInt(f.version()));
    }

    /** One page of ListFunctions; {@code nextMarker} is null on the last page. */
    public record FunctionPage(List<FunctionConfig> functions, String nextMarker) {}

    /** ListFunctions; {@code marker} is what the previous page returned, or null for the first. */
    public FunctionPage list(String marker, int maxItems) {
        String after = null;
        if (marker != null && !marker.isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new EddyException(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE, "Invalid marker: " + marker);
            }
        }
        List<FunctionConfig> page = registry.scan(after, maxItems + 1);
        String next = null;
        if (page.size() > maxItems) {
            page = new ArrayList<>(page.subList(0, maxItems));
            next = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(page.get(maxItems - 1).name().getBytes(StandardCharsets.UTF_8));
        }
        return new FunctionPage(List.copyOf(page), next);
    }

    /** UpdateFunctionConfiguration: applies the change and re-prepares (InProgress → Successful). */
    public FunctionConfig updateConfiguration(String functionName, UpdateFunctionConfiguration u) {
        FunctionSlot slot = slot(functionName);
        if (u.environment() != null) {
            EnvironmentRules.check(u.environment());
        }
        destinationRules.checkDeadLetterTarget(u.deadLetterTarget());
        List<FunctionLayer> newLayers = u.layers() == null ? null : layers.resolve(u.layers());
        String modified = now();
        String revision = UUID.randomUUID().toString();
        return reprepare(slot, null, u.revisionId(), c -> c.withSettings(u, modified, revision, newLayers));
    }

    /** UpdateFunctionCode: stores the new package and re-prepares. */
    public FunctionConfig updateCode(String functionName, UpdateFunctionCode u) {
        FunctionSlot slot = slot(functionName);
        String sha = CodePreparation.check(u.zipFile());
        if (u.dryRun()) {
            FunctionConfig c = config(slot);
            checkRevision(c, u.revisionId());
            return c.withCode(sha, u.zipFile().length, archs(u, c), c.lastModified(), c.revisionId());
        }
        String modified = now();
        String revision = UUID.randomUUID().toString();
        return reprepare(
                slot,
                u.zipFile(),
                u.revisionId(),
                c -> c.withCode(sha, u.zipFile().length, archs(u, c), modified, revision));
    }

    private static List<String> archs(UpdateFunctionCode u, FunctionConfig c) {
        return u.architectures() == null || u.architectures().isEmpty() ? c.architectures() : u.architectures();
    }

    /**
     * Stores a change of code or configuration as InProgress, makes invocations wait for the new
     * preparation and closes the environments of the old one.
     */
    private FunctionConfig reprepare(FunctionSlot slot, byte[] zip, String revisionId, Mutation m) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        FunctionConfig updated;
        synchronized (slot) {
            updated = registry.update(
                            slot.name,
                            c -> {
                                checkNotInProgress(c);
                                checkRevision(c, revisionId);
                                return m.apply(c)
                                        .withUpdateStatus(FunctionConfig.LastUpdateStatus.InProgress, null, null);
                            },
                            zip)
                    .orElseThrow(() -> names.latestNotFound(slot.name));
            slot.ready = done; // invocations wait for the new code and configuration from now on
            slot.revision = updated.revisionId();
        }
        slot.newGeneration();
        preparation.prepareAsync(slot, updated, zip, done);
        changed(slot.name);
        return updated;
    }

    /**
     * DeleteFunction: without qualifier the function with its versions and aliases; with a version
     * number only that version. Event source mappings are not touched (as on AWS).
     */
    public void delete(String functionName, String qualifier) {
        FunctionRef ref = names.parse(functionName, qualifier);
        String name = ref.name();
        String q = ref.qualifier() == null || ref.qualifier().isEmpty() ? null : ref.qualifier();
        if (FunctionConfig.LATEST.equals(q)) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "$LATEST version cannot be deleted without deleting the function.");
        }
        if (q != null) {
            if (!FunctionVersions.isNumber(q)) {
                // an alias is deleted with DeleteAlias (docs/lambda.md)
                throw names.notFound(name, q);
            }
            synchronized (lifecycle) {
                versions.delete(name, Integer.parseInt(q));
                invoker.removeVersion(name, Integer.toString(Integer.parseInt(q)));
            }
            changed(name);
            return;
        }
        synchronized (lifecycle) {
            if (invoker.slot(name) == null) {
                throw names.notFound(name, null);
            }
            registry.delete(name);
            invoker.remove(name);
        }
        limiter.setReserved(name, null);
        listener.deleted(name);
        changed(name);
    }

    /** PutFunctionConcurrency. */
    public int putConcurrency(String functionName, int reserved) {
        FunctionSlot slot = unqualifiedSlot(functionName);
        synchronized (slot) {
            limiter.checkReservation(names.arn(slot.name), reserved);
            registry.update(slot.name, c -> c.withReservedConcurrency(reserved, c.revisionId()), null)
                    .orElseThrow(() -> names.notFound(slot.name, null));
            limiter.setReserved(slot.name, reserved);
        }
        changed(slot.name);
        return reserved;
    }

    /** GetFunctionConcurrency: null when none is reserved. */
    public Integer getConcurrency(String functionName) {
        return config(unqualifiedSlot(functionName)).reservedConcurrency();
    }

    /** DeleteFunctionConcurrency. */
    public void deleteConcurrency(String functionName) {
        FunctionSlot slot = unqualifiedSlot(functionName);
        synchronized (slot) {
            registry.update(slot.name, c -> c.withReservedConcurrency(null, c.revisionId()), null)
                    .orElseThrow(() -> names.notFound(slot.name, null));
            limiter.setReserved(slot.name, null);
        }
        changed(slot.name);
    }

    // ---------------------------------------------------------------- invoke and environments

    /**
     * Invoke; see {@link Invoker#invoke}. Function errors, throttles and functions that are not
     * ready are results; requests that can never succeed throw {@link EddyException}.
     */
    public InvocationResult invoke(InvokeRequest request) {
        return invoker.invoke(request);
    }

    /** Closes environments idle for longer than the configured idle timeout, now on the service's clock. */
    public int expireIdleEnvironments() {
        return invoker.reapIdle(config.clock().instant());
    }

    /** How many invocations of {@code function} are running now (its concurrent executions). */
    public int concurrentExecutions(String function) {
        return invoker.concurrentExecutions(function);
    }

    /** How many warm, idle environments {@code function} has (for tests and metrics). */
    public int idleEnvironments(String function) {
        return invoker.idleEnvironments(function);
    }

    /** Takes the background tasks off, closes every environment and the runtimes. Idempotent. */
    @Override
    public void close() {
        BackgroundWork.Registration reaper = idleReaper;
        if (reaper != null) {
            reaper.cancel();
        }
        follower.close();
        BackgroundWork.Registration renewal = concurrencyRenewal;
        if (renewal != null) {
            renewal.cancel();
        }
        invoker.close();
        for (FunctionRuntime r : runtimes) {
            r.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void openStoredFunctions() {
        for (FunctionConfig c : registry.load()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            FunctionSlot slot = invoker.register(c.name(), done);
            if (c.reservedConcurrency() != null) {
                limiter.setReserved(c.name(), c.reservedConcurrency());
            }
            // code is prepared again after a restart (unpacked packages are not durable)
            preparation.prepareAsync(slot, c, null, done);
        }
    }

    /** Tells the other nodes of a cluster that function {@code name} changed (committed). */
    private void changed(String name) {
        follower.changed(name);
    }

    /** A change of one function's configuration; pure, as it may run again on a write conflict. */
    private interface Mutation {
        FunctionConfig apply(FunctionConfig c);
    }

    private FunctionConfig config(FunctionSlot slot) {
        return registry.find(slot.name).orElseThrow(() -> names.latestNotFound(slot.name));
    }

    private void checkNotInProgress(FunctionConfig c) {
        if (c.lastUpdateStatus() == FunctionConfig.LastUpdateStatus.InProgress
                || c.state() == FunctionConfig.State.Pending) {
            throw new EddyException(
                            ErrorCode.LAMBDA_RESOURCE_CONFLICT,
                            "The operation cannot be performed at this time. An update is in progress for resource: "
                                    + functionArn(c.name()))
                    .withFunction(functionArn(c.name()));
        }
    }

    private void checkRevision(FunctionConfig c, String revisionId) {
        if (revisionId != null && !revisionId.equals(c.revisionId())) {
            throw new EddyException(
                            ErrorCode.LAMBDA_PRECONDITION_FAILED,
                            "The Revision Id provided does not match the latest Revision Id. "
                                    + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
                    .withFunction(names.arn(c.name()));
        }
    }

    /** The function's live state, addressed as {@code $LATEST}. */
    private FunctionSlot slot(String functionName) {
        String name = names.latest(functionName, null);
        FunctionSlot s = invoker.slot(name);
        if (s == null) {
            throw names.latestNotFound(name);
        }
        return s;
    }

    private FunctionSlot unqualifiedSlot(String functionName) {
        String name = names.unqualified(functionName);
        FunctionSlot s = invoker.slot(name);
        if (s == null) {
            throw names.notFound(name, null);
        }
        return s;
    }

    private String now() {
        return LAST_MODIFIED.format(config.clock().instant());
    }
}
