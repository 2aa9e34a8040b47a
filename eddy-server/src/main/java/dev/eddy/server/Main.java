package dev.eddy.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The eddy command line. */
@Command(name = "eddy", mixinStandardHelpOptions = true, version = "eddy 0.1.0",
        description = "A DynamoDB, DynamoDB Streams and Lambda compatible server.",
        subcommands = {Main.Serve.class, dev.eddy.server.lambda.LogsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
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

        @Option(names = "--durability", description = "SYNC (fsync every commit), PROCESS (default: acknowledged "
                + "writes survive a crash of the process, not of the machine) or NONE (no write-ahead log: a crash "
                + "loses recent writes).")
        String durability = "PROCESS";

        @Option(names = "--region", description = "Region the server reports (default: ${DEFAULT-VALUE}).")
        String region = ServerConfig.DEFAULT_REGION;

        @Option(names = "--account", description = "Account id in ARNs (default: ${DEFAULT-VALUE}).")
        String account = ServerConfig.DEFAULT_ACCOUNT;

        @Option(names = "--ttl-sweep-interval", description = "How often expired items (TTL) are deleted, in "
                + "seconds; they go within about that long after expiring (default: ${DEFAULT-VALUE}).")
        double ttlSweepSeconds = ServerConfig.DEFAULT_TTL_SWEEP_INTERVAL.toSeconds();

        @Option(names = "--stream-shards", description = "Open shards per stream (default: ${DEFAULT-VALUE}).")
        int streamShards = 4;

        @Option(names = "--stream-shard-lifetime", description = "How long a stream shard stays open before it "
                + "rolls over to a child, as an ISO-8601 duration (default: ${DEFAULT-VALUE}, as observed on AWS).")
        java.time.Duration shardLifetime = java.time.Duration.ofHours(4);

        @Option(names = "--stream-retention", description = "How long stream records are kept, as an ISO-8601 "
                + "duration, or 'unlimited' (default: ${DEFAULT-VALUE}, AWS's 24 hours). A table tag "
                + dev.eddy.stream.StreamConfig.RETENTION_TAG + " (hours or 'unlimited') overrides it per table.")
        String retention = "PT24H";

        @Option(names = "--function-concurrency", description = "Account-wide limit of concurrent Lambda "
                + "executions (default: ${DEFAULT-VALUE}).")
        int functionConcurrency = 1000;

        @Option(names = "--function-idle-timeout", description = "Seconds a warm Lambda execution environment "
                + "may stay unused before it is closed (default: ${DEFAULT-VALUE}).")
        long functionIdleSeconds = 600;

        @Override
        public Integer call() throws InterruptedException {
            String mode = durability.toUpperCase(java.util.Locale.ROOT);
            if (!java.util.Set.of("SYNC", "PROCESS", "NONE").contains(mode)) {
                System.err.println("eddy: --durability must be SYNC, PROCESS or NONE");
                return 2;
            }
            if (mode.equals("NONE") && !inMemory) {
                System.err.println("eddy: durability NONE: no write-ahead log, a crash loses recent writes");
            }
            ServerConfig config = new ServerConfig(host, port, data.toAbsolutePath(), inMemory,
                    durability.toUpperCase(java.util.Locale.ROOT), region, account,
                    java.time.Duration.ofMillis(Math.max(1, Math.round(ttlSweepSeconds * 1000))));
            dev.eddy.stream.StreamConfig streams;
            try {
                streams = new dev.eddy.stream.StreamConfig(streamShards, shardLifetime,
                        retention.equalsIgnoreCase("unlimited") ? null : java.time.Duration.parse(retention));
            } catch (RuntimeException e) {
                System.err.println("eddy: invalid stream settings: " + e.getMessage());
                return 2;
            }
            config = config.withStreams(streams);
            EddyServer server = EddyServer.start(config, dev.eddy.function.FunctionServiceConfig.defaults()
                    .withAccountConcurrency(functionConcurrency, 100)
                    .withIdleTimeout(java.time.Duration.ofSeconds(functionIdleSeconds)));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "eddy-shutdown"));
            System.out.println("eddy listening on http://" + host + ":" + server.port() + ", data "
                    + (inMemory ? "in memory (not kept)" : "in " + config.dataDir()));
            System.out.flush();
            stopped.await();
            return 0;
        }
    }
}
