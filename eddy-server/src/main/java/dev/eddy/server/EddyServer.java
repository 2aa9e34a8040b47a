package dev.eddy.server;

import dev.eddy.arn.Account;
import dev.eddy.function.FunctionService;
import dev.eddy.function.FunctionServiceConfig;
import dev.eddy.runtime.java.JavaRuntime;
import dev.eddy.server.dynamodb.DynamoDbHttp;
import dev.eddy.server.http.FrontDoor;
import dev.eddy.server.http.StoreWorkers;
import dev.eddy.server.lambda.LambdaHttp;
import dev.eddy.server.streams.StreamsHttp;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.Store;
import dev.eddy.store.rocksdb.Durability;
import dev.eddy.store.rocksdb.RocksDbStore;
import dev.eddy.stream.ChangeLog;
import dev.eddy.stream.LocalCommitSignal;
import dev.eddy.stream.WatermarkSequencer;
import dev.eddy.table.TableDirectory;
import dev.eddy.table.TableEngine;
import dev.eddy.work.BackgroundWork;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Eddy node: the store, the engines above it and the HTTP listener that speaks the AWS
 * protocols. {@link #close()} stops the listener, then closes the store (flushing it).
 */
public final class EddyServer implements AutoCloseable {
    /**
     * Platform threads for store work; see {@link StoreWorkers}. Four per core: on 2 cores, 8 gave
     * the same PutItem throughput as 16 to 64 with a p99 about half as long (docs/benchmarks.md).
     * The system property eddy.storeWorkers overrides it, for measurements.
     */
    private static final int STORE_WORKERS = Integer.getInteger("eddy.storeWorkers",
            Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

    private final ServerConfig config;
    private final Store store;
    private final TableEngine tables;
    private final ChangeLog streams;
    private final FunctionService functions;
    private final StoreWorkers workers;
    private final BackgroundWork background;
    private final WebServer web;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EddyServer(ServerConfig config, Store store, FunctionServiceConfig functionConfig) {
        this.config = config;
        this.store = store;
        InstantSource clock = config.clock();
        Account account = new Account(config.region(), config.accountId());
        this.streams = new ChangeLog(store, clock, account, config.streams(), new TableDirectory(store),
                WatermarkSequencer.factory(), new LocalCommitSignal());
        this.tables = new TableEngine(store, clock, account, java.util.List.of(streams.maintainer()));
        this.workers = new StoreWorkers(STORE_WORKERS);
        this.background = BackgroundWork.singleNode(clock);
        tables.start(background, config.ttlSweepInterval());
        streams.start(background);
        JavaRuntime javaRuntime = config.inMemory() || config.dataDir() == null ? new JavaRuntime()
                : new JavaRuntime(config.dataDir().resolve("function-code"));
        this.functions = new FunctionService(store,
                functionConfig.withAccount(account),
                java.util.List.of(javaRuntime), this::listening);
        functions.start(background);
        FrontDoor door = new FrontDoor(workers);
        door.registerJson(new DynamoDbHttp(tables));
        door.registerJson(new StreamsHttp(streams, config.region()));
        door.registerRest(new LambdaHttp(functions, () -> endpoint().toString()));
        this.web = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .maxPayloadSize(FrontDoor.MAX_PAYLOAD)
                .routing(door::routing)
                .build();
    }

    /** Opens the store and starts listening. */
    public static EddyServer start(ServerConfig config) {
        return start(config, FunctionServiceConfig.defaults());
    }

    /** Like {@link #start(ServerConfig)}, with Lambda settings (concurrency limits, idle timeout). */
    public static EddyServer start(ServerConfig config, FunctionServiceConfig functionConfig) {
        Logging.bridge();
        Store store = Stores.open(config);
        try {
            EddyServer server = new EddyServer(config, store, functionConfig);
            server.web.start();
            server.background.start();
            return server;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Where functions reach this node: the listener's address once it listens, null before. */
    private URI listening() {
        WebServer w = web;
        return w != null && w.isRunning() ? endpoint() : null;
    }

    public int port() {
        return web.port();
    }

    public URI endpoint() {
        return URI.create("http://" + config.host() + ":" + port());
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

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            web.stop();
            background.close();
            functions.close();
            workers.close();
            tables.close();
            streams.close();
            store.close();
        }
    }

    /** Routes java.util.logging (Helidon's) through SLF4J, once. */
    static final class Logging {
        private static final AtomicBoolean BRIDGED = new AtomicBoolean();

        private Logging() {
        }

        static void bridge() {
            if (BRIDGED.compareAndSet(false, true)) {
                org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
                org.slf4j.bridge.SLF4JBridgeHandler.install();
            }
        }
    }

    /** Chooses the store backend for a configuration. */
    static final class Stores {
        private Stores() {
        }

        static Store open(ServerConfig config) {
            if (config.inMemory()) {
                return new MemoryStore();
            }
            return RocksDbStore.open(config.dataDir(), Durability.valueOf(config.durability()));
        }
    }
}
