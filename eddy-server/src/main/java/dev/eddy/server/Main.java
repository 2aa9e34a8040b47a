package dev.eddy.server;

import dev.eddy.arn.Account;
import dev.eddy.function.FunctionServiceConfig;
import dev.eddy.runtime.process.ProcessRuntime;
import dev.eddy.server.http.AccessKeys;
import dev.eddy.store.StoreException;
import dev.eddy.store.rocksdb.Durability;
import dev.eddy.stream.StreamConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The eddy command line. */
@Command(
        name = Main.NAME,
        mixinStandardHelpOptions = true,
        version = Main.VERSION,
        description = Main.DESCRIPTION,
        subcommands = {
            Main.Serve.class,
            dev.eddy.server.lambda.LogsCommand.class,
            dev.eddy.server.lambda.MappingsCommand.class,
            dev.eddy.server.lambda.ClusterCommand.class,
            dev.eddy.server.demo.DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    static final String NAME = "eddy";
    static final String VERSION = "eddy 0.1.0";
    static final String DESCRIPTION = "A DynamoDB, DynamoDB Streams and Lambda compatible server.";

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line that runs {@code args}. For {@code serve} it knows no other subcommand:
     * picocli reads the annotations of every subcommand when the command line is built, and the
     * others' took about as long as serve's own, on the way to the server's first answer. What
     * serve accepts and prints (its usage, its errors) is the same either way.
     */
    static CommandLine commandLine(String... args) {
        return new CommandLine(args.length > 0 && args[0].equals("serve") ? new ServeOnly() : new Main());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** {@code eddy serve}: runs a server until SIGINT or SIGTERM. */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Eddy server.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host = "127.0.0.1";

        @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
        int port = 8000;

        @Option(names = "--data", description = "Data directory (default: ${DEFAULT-VALUE}).")
        Path data = Path.of("eddy-data");

        @Option(names = "--in-memory", description = "Keep everything in memory; nothing survives a restart.")
        boolean inMemory;

        @Option(
                names = "--store",
                description = "Keep the data in PostgreSQL (12 or newer), which several nodes may share: "
                        + "postgresql://user:password@host:port/database, or 'postgresql' for the PGHOST, PGPORT, "
                        + "PGUSER, PGPASSWORD and PGDATABASE environment variables. Default: RocksDB in --data.")
        String storeUrl;

        @Option(
                names = "--store-pool-size",
                description = "Most connections to PostgreSQL at once (default: ${DEFAULT-VALUE}).")
        int storePoolSize = dev.eddy.store.postgres.PostgresConfig.DEFAULT_POOL_SIZE;

        @Option(
                names = "--durability",
                description = "SYNC (fsync every commit), PROCESS (default: acknowledged "
                        + "writes survive a crash of the process, not of the machine) or NONE (no write-ahead log: a crash "
                        + "loses recent writes).")
        String durability = "PROCESS";

        @Option(names = "--region", description = "Region the server reports (default: ${DEFAULT-VALUE}).")
        String region = Account.DEFAULT.region();

        @Option(names = "--account", description = "Account id in ARNs (default: ${DEFAULT-VALUE}).")
        String account = Account.DEFAULT.id();

        @Option(
                names = "--ttl-sweep-interval",
                description = "How often expired items (TTL) are deleted, in "
                        + "seconds; they go within about that long after expiring (default: ${DEFAULT-VALUE}).")
        double ttlSweepSeconds = ServerConfig.Tables.DEFAULTS.ttlSweepInterval().toSeconds();

        @Option(names = "--stream-shards", description = "Open shards per stream (default: ${DEFAULT-VALUE}).")
        int streamShards = 4;

        @Option(
                names = "--stream-shard-lifetime",
                description =
                        "How long a stream shard stays open before it "
                                + "rolls over to a child, as an ISO-8601 duration (default: ${DEFAULT-VALUE}, as observed on AWS).")
        Duration shardLifetime = Duration.ofHours(4);

        @Option(
                names = "--stream-retention",
                description = "How long stream records are kept, as an ISO-8601 "
                        + "duration, or 'unlimited' (default: ${DEFAULT-VALUE}, AWS's 24 hours). A table tag "
                        + StreamConfig.RETENTION_TAG + " (hours or 'unlimited') overrides it per table.")
        String retention = "PT24H";

        @Option(
                names = "--function-concurrency",
                description = "Account-wide limit of concurrent Lambda " + "executions (default: ${DEFAULT-VALUE}).")
        int functionConcurrency = 1000;

        @Option(
                names = "--function-idle-timeout",
                description = "Seconds a warm Lambda execution environment "
                        + "may stay unused before it is closed (default: ${DEFAULT-VALUE}).")
        long functionIdleSeconds = 600;

        @Option(
                names = "--runtime-command",
                paramLabel = "RUNTIME=COMMAND",
                description = "The interpreter of a process runtime: nodejs=, python= (all versions) or an exact "
                        + "runtime such as python3.12= (default: node and python3 on PATH). Repeatable.")
        java.util.Map<String, String> runtimeCommands = new java.util.LinkedHashMap<>();

        @Option(
                names = "--java-runtime",
                description = "Where java* functions run unless their variable EDDY_JAVA_RUNTIME says: jvm (in "
                        + "Eddy's JVM) or process (a JVM of their own) (default: ${DEFAULT-VALUE}).")
        String javaRuntime = "jvm";

        @Option(
                names = "--cluster",
                description = "Share the store with other nodes: shards of event source mappings and singleton "
                        + "background tasks are leased, one node at a time each.")
        boolean cluster;

        @Option(names = "--node-id", description = "This node's id in a cluster (default: a random one).")
        String nodeId = "";

        @Option(
                names = "--advertised-address",
                paramLabel = "HOST:PORT",
                description = "Where other nodes reach this one (default: the listener's address).")
        String advertisedAddress = "";

        @Option(
                names = "--lease-duration",
                description = "Seconds a lease lasts without renewal; renewed every third (default: ${DEFAULT-VALUE}).")
        double leaseSeconds = 10;

        @Option(
                names = "--poll-interval",
                description = "Seconds between a node's re-reads of the streams' state and wake-ups of its stream "
                        + "readers and waiting queue long polls, the bound on cross-node wake-ups without "
                        + "notices (default: ${DEFAULT-VALUE}).")
        double pollSeconds = 1;

        @Option(
                names = "--auth",
                description = "Verify the SigV4 signature of every request; the keys come from --auth-keys, else from "
                        + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN).")
        boolean auth;

        @Option(
                names = "--auth-keys",
                paramLabel = "FILE",
                description = "With --auth: a file of access keys, one 'ACCESS_KEY_ID SECRET [SESSION_TOKEN]' a line.")
        Path authKeys;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            ServerConfig config;
            try {
                config = config();
            } catch (InvalidOption e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("eddy: " + e.getMessage());
                err.flush();
                return 2;
            }
            if (config.store() instanceof StoreSpec.RocksDb rocks && rocks.durability() == Durability.NONE) {
                System.err.println("eddy: durability NONE: no write-ahead log, a crash loses recent writes");
            }
            if (!javaRuntime.equals("jvm") && !javaRuntime.equals("process")) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("eddy: --java-runtime must be jvm or process");
                err.flush();
                return 2;
            }
            runtimeCommands.forEach(ProcessRuntime::useCommand);
            System.setProperty("eddy.javaRuntime", javaRuntime);
            EddyServer server;
            try {
                server = EddyServer.start(config);
            } catch (IllegalStateException | StoreException e) {
                // a port in use, a data directory another process holds: what to fix, not a stack trace
                PrintWriter err = spec.commandLine().getErr();
                err.println("eddy: cannot start: " + e.getMessage());
                err.flush();
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                server.close();
                                stopped.countDown();
                            },
                            "eddy-shutdown"));
            String kept = switch (config.store()) {
                case StoreSpec.RocksDb rocks -> "in " + rocks.dir();
                case StoreSpec.Postgres postgres -> "in " + postgres.config().jdbcUrl();
                case StoreSpec.Memory memory -> "in memory (not kept)";
                case StoreSpec.Shared shared -> "in a shared store";
            };
            System.out.println("eddy listening on http://" + host + ":" + server.port() + ", data " + kept);
            System.out.flush();
            stopped.await();
            return 0;
        }

        private ServerConfig.Cluster clusterConfig() {
            if (!cluster) {
                return ServerConfig.Cluster.SINGLE_NODE;
            }
            Duration lease = Duration.ofMillis(Math.round(leaseSeconds * 1000));
            return new ServerConfig.Cluster(true, nodeId, advertisedAddress, lease, lease.dividedBy(3))
                    .withPollInterval(Duration.ofMillis(Math.max(1, Math.round(pollSeconds * 1000))));
        }

        /** The configuration the options describe. */
        ServerConfig config() throws InvalidOption {
            Durability mode;
            try {
                mode = Durability.valueOf(durability.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidOption("--durability must be SYNC, PROCESS or NONE");
            }
            StoreSpec store = inMemory ? new StoreSpec.Memory() : new StoreSpec.RocksDb(data.toAbsolutePath(), mode);
            if (storeUrl != null) {
                if (!PostgresUrl.isPostgres(storeUrl)) {
                    throw new InvalidOption("--store must be a postgresql:// URL or 'postgresql'");
                }
                if (inMemory) {
                    throw new InvalidOption("--store and --in-memory exclude each other");
                }
                try {
                    store = new StoreSpec.Postgres(PostgresUrl.parse(storeUrl, System.getenv(), storePoolSize));
                } catch (IllegalArgumentException e) {
                    throw new InvalidOption(e.getMessage());
                }
            }
            StreamConfig streams;
            try {
                streams = new StreamConfig(
                        streamShards,
                        shardLifetime,
                        retention.equalsIgnoreCase("unlimited") ? null : Duration.parse(retention));
            } catch (RuntimeException e) {
                throw new InvalidOption("invalid stream settings: " + e.getMessage());
            }
            try {
                return ServerConfig.defaults(store)
                        .withListener(new ServerConfig.Listener(host, port))
                        .withAccount(new Account(region, account))
                        .withStreams(streams)
                        .withTtlSweepInterval(Duration.ofMillis(Math.max(1, Math.round(ttlSweepSeconds * 1000))))
                        .withFunctions(FunctionServiceConfig.defaults()
                                .withAccountConcurrency(functionConcurrency, 100)
                                .withIdleTimeout(Duration.ofSeconds(functionIdleSeconds)))
                        .withCluster(clusterConfig())
                        .withAuth(accessKeys());
            } catch (IllegalArgumentException e) {
                throw new InvalidOption(e.getMessage());
            }
        }

        /** The access keys --auth and --auth-keys name ({@link AccessKeys#OFF} without --auth). */
        private AccessKeys accessKeys() throws InvalidOption {
            if (!auth) {
                if (authKeys != null) {
                    throw new InvalidOption("--auth-keys needs --auth");
                }
                return AccessKeys.OFF;
            }
            try {
                return authKeys == null ? AccessKeys.fromEnvironment(System.getenv()) : AccessKeys.fromFile(authKeys);
            } catch (IOException e) {
                throw new InvalidOption("cannot read the key file " + authKeys + ": " + e.getMessage());
            }
        }
    }

    /** {@link Main} with {@code serve} as its only subcommand; see {@link #commandLine}. */
    @Command(
            name = NAME,
            mixinStandardHelpOptions = true,
            version = VERSION,
            description = DESCRIPTION,
            subcommands = {Serve.class})
    static final class ServeOnly implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.out);
        }
    }

    /** An option value the server cannot run with; reported in one line, exit code 2. */
    static final class InvalidOption extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidOption(String message) {
            super(message);
        }
    }
}
