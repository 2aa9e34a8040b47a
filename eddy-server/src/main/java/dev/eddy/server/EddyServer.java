package dev.eddy.server;

import dev.eddy.arn.Account;
import dev.eddy.cluster.ClusterSignal;
import dev.eddy.cluster.LeaseCoordinator;
import dev.eddy.cluster.LocalClusterSignal;
import dev.eddy.function.FunctionRuntime;
import dev.eddy.function.FunctionService;
import dev.eddy.function.InvokeRequest;
import dev.eddy.mapping.MappingEngine;
import dev.eddy.mapping.run.MappingRunner;
import dev.eddy.mapping.run.ShardLeases;
import dev.eddy.queue.LocalQueueSignal;
import dev.eddy.queue.OutgoingMessage;
import dev.eddy.queue.PollingQueueSignal;
import dev.eddy.queue.QueueEngine;
import dev.eddy.queue.QueueSignal;
import dev.eddy.runtime.java.JavaRuntime;
import dev.eddy.runtime.process.ProcessRuntime;
import dev.eddy.server.dynamodb.DynamoDbHttp;
import dev.eddy.server.http.FrontDoor;
import dev.eddy.server.http.StoreWorkers;
import dev.eddy.server.lambda.ClusterHttp;
import dev.eddy.server.lambda.EventInvokeConfigHttp;
import dev.eddy.server.lambda.EventSourceMappingHttp;
import dev.eddy.server.lambda.LambdaHttp;
import dev.eddy.server.lambda.LayersHttp;
import dev.eddy.server.lambda.MappingProcessingHttp;
import dev.eddy.server.lambda.VersionsHttp;
import dev.eddy.server.metrics.FunctionMetrics;
import dev.eddy.server.metrics.MappingMetrics;
import dev.eddy.server.metrics.MetricsHttp;
import dev.eddy.server.sqs.SqsHttp;
import dev.eddy.server.sqs.SqsQuery;
import dev.eddy.server.streams.StreamsHttp;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.Store;
import dev.eddy.store.postgres.PostgresNotices;
import dev.eddy.store.postgres.PostgresStore;
import dev.eddy.store.rocksdb.RocksDbStore;
import dev.eddy.stream.ChangeLog;
import dev.eddy.stream.LocalCommitSignal;
import dev.eddy.stream.WatermarkSequencer;
import dev.eddy.table.TableDirectory;
import dev.eddy.table.TableEngine;
import dev.eddy.work.BackgroundWork;
import io.helidon.webserver.WebServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One Eddy node, and its composition root: the store, the engines above it, the background work
 * and the HTTP listener that speaks the AWS protocols.
 *
 * <p>{@link #start} builds them in dependency order, each complete when constructed (no setter
 * closes a cycle afterwards): the store; the change log, reading table descriptions through a
 * {@link TableDirectory}; the table engine with the change log's maintainer; the background work,
 * on which the engines register their tasks; the queue engine, on that background work; the
 * function service, asking for the listener's address when an environment starts and sending the
 * results of asynchronous invocations to the queues; the event source mappings, over the streams,
 * the functions and the queues; the listener. The background work
 * starts last, once everything
 * it may touch is up. {@link #close()} closes them in the reverse order (listener, background
 * work, engines, store last), and a start that fails closes what it had opened the same way, so
 * the data directory can be opened again at once.
 */
public final class EddyServer implements AutoCloseable {
    /**
     * Platform threads for store work; see {@link StoreWorkers}. Four per core: on 2 cores, 8 gave
     * the same PutItem throughput as 16 to 64 with a p99 about half as long (docs/benchmarks.md).
     * The system property eddy.storeWorkers overrides it, for measurements.
     */
    private static final int STORE_WORKERS = Integer.getInteger(
            "eddy.storeWorkers", Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

    private final ServerConfig config;
    private final Teardown teardown;
    private final Store store;
    private final ChangeLog streams;
    private final TableEngine tables;
    private final FunctionService functions;
    private final MappingEngine mappings;
    private final MappingRunner runner;
    private final QueueEngine queues;
    private final StoreWorkers workers;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MappingMetrics mappingMetrics;
    private final BackgroundWork background;
    private final ClusterNode cluster;
    private final WebServer web;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Builds and starts every part; on failure, {@link #start} closes {@code opened}. */
    private EddyServer(ServerConfig config, Function<StoreSpec, Store> stores, Teardown opened) {
        this.config = config;
        this.teardown = opened;
        InstantSource clock = config.clock();
        Account account = config.account();
        this.store = opened.add("store", stores.apply(config.store()));
        // nodes sharing a PostgreSQL database notify each other (queue sends, stream commits and changes)
        PostgresNotices notices = config.store() instanceof StoreSpec.Postgres pg
                ? opened.add("notices", PostgresNotices.start(pg.config()))
                : null;
        this.streams = opened.add("change log", changeLog(config, store, notices));
        this.tables = opened.add("table engine", new TableEngine(store, clock, account, List.of(streams.maintainer())));
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "eddy.dynamodb.index.backfill.skipped", tables, TableEngine::indexBackfillSkippedItems)
                .description(
                        "Items a global secondary index backfill left out (wrong key type, empty or oversized key)")
                .register(metrics);
        // closed before the engines that register tasks on it (added to the teardown after them);
        // it runs nothing before its start, so a failure before that leaves nothing running
        this.cluster = config.cluster().enabled()
                ? opened.add("cluster", new ClusterNode(config.cluster(), store, clock, this::advertised))
                : null;
        this.background = cluster == null ? BackgroundWork.singleNode(clock) : cluster.background(clock);
        QueueSignal queueSignal = notices != null ? notices.queueSignal() : new LocalQueueSignal();
        if (cluster != null) {
            // a notice may be lost, or the store carries none: waiting long polls also look again
            queueSignal = new PollingQueueSignal(queueSignal, config.cluster().pollInterval());
        }
        this.queues = opened.add("queue engine", new QueueEngine(store, clock, account, background, queueSignal));
        // asynchronous invocations deliver their results to the queues
        FunctionMetrics functionMetrics = new FunctionMetrics(metrics, this::concurrentExecutions);
        this.functions = opened.add(
                "function service",
                new FunctionService(
                        store,
                        config.functions(),
                        runtimes(config.store()),
                        this::listening,
                        new QueueDestinations(queues),
                        functionMetrics));
        this.workers = opened.add("store workers", new StoreWorkers(STORE_WORKERS));
        // an on-failure queue must exist when a mapping names it, as on AWS
        this.mappings = opened.add(
                "event source mappings",
                new MappingEngine(store, clock, account, streams.reader(), functions.registry(), queues::exists));
        this.runner = opened.add(
                "event source mapping processing",
                new MappingRunner(
                        store,
                        clock,
                        account.region(),
                        mappings,
                        streams.reader(),
                        (functionArn, payload) -> functions.invoke(InvokeRequest.requestResponse(functionArn, payload)),
                        (tx, queue, body) -> queues.send(tx, queue, OutgoingMessage.of(body)),
                        cluster == null ? ShardLeases.SINGLE_NODE : cluster.shards()));
        this.mappingMetrics = new MappingMetrics(metrics, runner::statuses);
        opened.add("background work", background);
        tables.start(background, config.tables().ttlSweepInterval());
        streams.start(background);
        functions.start(background);
        mappings.start(background);
        runner.start(background);
        if (cluster != null) {
            // other nodes' changes of functions and mappings reach this node's memory
            ClusterSignal signal = notices != null ? notices : new LocalClusterSignal();
            functions.followCluster(signal, background, cluster.nodeId(), cluster.leaseDuration());
            mappings.followCluster(signal);
            cluster.onLiveNodes(functions::shareAccountConcurrency);
            cluster.start(background);
        }
        queues.start();
        this.web = listener(config);
        opened.add("listener", web::stop);
        web.start();
        if (!web.isRunning()) {
            // Helidon logs why (an address in use, say) and returns instead of throwing
            throw new IllegalStateException("cannot listen on "
                    + config.listener().host() + ":" + config.listener().port());
        }
        background.start();
    }

    /**
     * The change log: numbering in memory on a single node; with {@code --cluster}, numbering
     * through a counter per lineage in the store, with wake-ups and stream changes carried by the
     * database's notices when it has them, else found by polling.
     */
    private static ChangeLog changeLog(ServerConfig config, Store store, PostgresNotices notices) {
        TableDirectory tables = new TableDirectory(store);
        if (!config.cluster().enabled()) {
            return new ChangeLog(
                    store,
                    config.clock(),
                    config.account(),
                    config.streams(),
                    tables,
                    WatermarkSequencer.factory(),
                    new LocalCommitSignal());
        }
        return ChangeLog.shared(
                store,
                config.clock(),
                config.account(),
                config.streams(),
                tables,
                notices != null ? notices : new LocalClusterSignal(),
                config.cluster().pollInterval());
    }

    /** Opens the store, builds the engines and starts listening. */
    public static EddyServer start(ServerConfig config) {
        return start(config, Stores::open);
    }

    /** Like {@link #start(ServerConfig)}, over the store {@code stores} opens (tests watch the store). */
    static EddyServer start(ServerConfig config, Function<StoreSpec, Store> stores) {
        Logging.bridge();
        Teardown opened = new Teardown();
        try {
            return new EddyServer(config, stores, opened);
        } catch (RuntimeException | Error e) {
            opened.abort(e);
            throw e;
        }
    }

    private WebServer listener(ServerConfig config) {
        FrontDoor door = new FrontDoor(workers, config.auth(), config.account().region(), config.clock());
        door.registerJson(new DynamoDbHttp(tables));
        door.registerJson(new StreamsHttp(streams, config.account().region()));
        SqsHttp sqs = new SqsHttp(queues, config.account());
        door.registerJson(sqs);
        door.registerQuery(new SqsQuery(sqs));
        door.registerRest(new LambdaHttp(functions, () -> endpoint().toString()));
        door.registerRest(new EventInvokeConfigHttp(functions.eventInvokeConfigs()));
        door.registerRest(new VersionsHttp(functions));
        door.registerRest(new LayersHttp(functions.layers(), () -> endpoint().toString()));
        door.registerRest(new EventSourceMappingHttp(mappings));
        door.registerRest(new MappingProcessingHttp(mappings, runner));
        door.registerRest(new ClusterHttp(leaseCoordinator(), runner, config.clock()));
        door.registerRest(new MetricsHttp(metrics, mappingMetrics));
        return WebServer.builder()
                .host(config.listener().host())
                .port(config.listener().port())
                .maxPayloadSize(FrontDoor.MAX_PAYLOAD)
                .routing(door::routing)
                .update(FrontDoor::configure)
                .build();
    }

    /** Where functions reach this node: the listener's address once it listens, null before. */
    private URI listening() {
        WebServer w = web;
        return w != null && w.isRunning() ? endpoint() : null;
    }

    /** This node's host:port once it listens, empty before. */
    private String advertised() {
        URI at = listening();
        return at == null ? "" : at.getAuthority();
    }

    /** This node's part in a cluster sharing the store; null on a single node. */
    ClusterNode cluster() {
        return cluster;
    }

    /** The lease coordinator of this node when it shares its store with others; empty on a single node. */
    public Optional<LeaseCoordinator> leaseCoordinator() {
        return Optional.ofNullable(cluster).map(ClusterNode::leases);
    }

    /** The gauge of concurrent executions; asked at a scrape, when the function service exists. */
    private int concurrentExecutions(String function) {
        return functions.concurrentExecutions(function);
    }

    private static JavaRuntime javaRuntime(StoreSpec spec) {
        return switch (spec) {
            case StoreSpec.Memory memory -> new JavaRuntime();
            // code lives in the database: unpacked again on each node
            case StoreSpec.Postgres postgres -> new JavaRuntime();
            case StoreSpec.Shared shared -> new JavaRuntime();
            // unpacked handler JARs live beside the data; they are unpacked again after a restart
            case StoreSpec.RocksDb rocks -> new JavaRuntime(rocks.dir().resolve("function-code"));
        };
    }

    /**
     * Java in this JVM (or, per function, in its own), and Node.js, Python and custom runtimes as
     * processes. The system property eddy.javaRuntime=process makes the own JVM the default.
     */
    private static List<FunctionRuntime> runtimes(StoreSpec spec) {
        ProcessRuntime process = switch (spec) {
            case StoreSpec.Memory memory -> new ProcessRuntime();
            case StoreSpec.Postgres postgres -> new ProcessRuntime();
            case StoreSpec.Shared shared -> new ProcessRuntime();
            case StoreSpec.RocksDb rocks -> new ProcessRuntime(rocks.dir().resolve("process-code"));
        };
        boolean processDefault = "process".equalsIgnoreCase(System.getProperty("eddy.javaRuntime"));
        return List.of(new JavaRuntimeChoice(javaRuntime(spec), process, processDefault), process);
    }

    public int port() {
        return web.port();
    }

    public URI endpoint() {
        return URI.create("http://" + config.listener().host() + ":" + port());
    }

    public ServerConfig config() {
        return config;
    }

    public Store store() {
        return store;
    }

    /** Runs blocking engine work off the request's virtual thread (for every adapter). */
    public StoreWorkers workers() {
        return workers;
    }

    public TableEngine tables() {
        return tables;
    }

    /** DynamoDB Streams: the change log of every table with a stream (in-process consumer API). */
    public ChangeLog streams() {
        return streams;
    }

    public FunctionService functions() {
        return functions;
    }

    /** Event source mappings: their configuration, states and checkpoints. */
    public MappingEngine mappings() {
        return mappings;
    }

    /** The processing of event source mappings: statuses and the drain wait. */
    public MappingRunner mappingRunner() {
        return runner;
    }

    /** The SQS-compatible queues. */
    public QueueEngine queues() {
        return queues;
    }

    /** The node's one scheduler of background tasks. */
    BackgroundWork background() {
        return background;
    }

    /**
     * Stops listening, stops the background work, closes the engines and then the store (which
     * flushes it). Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            teardown.close();
        }
    }

    /** Routes java.util.logging (Helidon's) through SLF4J, once. */
    static final class Logging {
        private static final AtomicBoolean BRIDGED = new AtomicBoolean();

        private Logging() {}

        static void bridge() {
            if (BRIDGED.compareAndSet(false, true)) {
                org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
                org.slf4j.bridge.SLF4JBridgeHandler.install();
            }
        }
    }

    /** Opens the store a configuration names. */
    static final class Stores {
        private Stores() {}

        static Store open(StoreSpec spec) {
            return switch (spec) {
                case StoreSpec.Memory memory -> new MemoryStore();
                case StoreSpec.Shared shared -> new BorrowedStore(shared.store());
                case StoreSpec.RocksDb rocks -> RocksDbStore.open(rocks.dir(), rocks.durability());
                case StoreSpec.Postgres postgres -> PostgresStore.open(postgres.config());
            };
        }
    }
}
