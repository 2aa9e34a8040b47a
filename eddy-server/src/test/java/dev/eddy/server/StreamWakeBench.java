package dev.eddy.server;

import dev.eddy.store.Store;
import dev.eddy.store.postgres.PostgresStore;
import dev.eddy.stream.ShardRef;
import dev.eddy.stream.StreamConfig;
import dev.eddy.stream.StreamReader;
import dev.eddy.testkit.EddyClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Measures how long a stream reader waiting on one node takes to wake after a PutItem through
 * another node, on the test PostgreSQL cluster: one node (writer and reader on it, for
 * comparison), two nodes with the database's notices, two nodes polling every second (no notices).
 * Not a test: run its main method. {@code StreamWakeBench [round trips]}
 */
public final class StreamWakeBench {
    private static final Duration LEASE = Duration.ofSeconds(3);

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        run("one node", false, false, rounds);
        run("two nodes, notices", true, false, rounds);
        run("two nodes, polling every 1 s", true, true, Math.min(rounds, 30));
        System.exit(0);
    }

    private static void run(String mode, boolean twoNodes, boolean polling, int rounds) throws Exception {
        Store pg = polling ? PostgresStore.open(EddyTestServer.postgresSchema("wake_bench")) : null;
        StoreSpec spec = polling
                ? new StoreSpec.Shared(pg)
                : new StoreSpec.Postgres(EddyTestServer.postgresSchema("wake_bench"));
        List<EddyServer> nodes = new ArrayList<>();
        try {
            for (String id : twoNodes ? List.of("a", "b") : List.of("a")) {
                ServerConfig config = ServerConfig.inMemoryOnRandomPort()
                        .withStore(spec)
                        .withStreams(StreamConfig.defaults().withShardsPerTable(1));
                if (twoNodes) {
                    config = config.withCluster(ServerConfig.Cluster.shared(id, LEASE)
                            .withPollInterval(polling ? Duration.ofSeconds(1) : Duration.ofMinutes(10)));
                }
                nodes.add(EddyServer.start(config));
            }
            try (DynamoDbClient atA = EddyClients.dynamo(nodes.getFirst().endpoint())) {
                String arn = StreamsAcrossNodesTest.createTable(atA, "wake");
                StreamReader atB = nodes.getLast().streams().reader();
                ShardRef shard = atB.lineage(atB.stream(arn)).getFirst().shard();
                for (int i = 0; i < 5; i++) {
                    StreamsAcrossNodesTest.awaitWakeMicros(atA, atB, shard, "warm-up-" + i);
                }
                long[] micros = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    micros[i] = StreamsAcrossNodesTest.awaitWakeMicros(atA, atB, shard, "k" + i);
                }
                java.util.Arrays.sort(micros);
                System.out.printf(
                        "%-30s %4d round trips: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        mode,
                        rounds,
                        micros[rounds / 2] / 1000.0,
                        micros[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1)] / 1000.0,
                        micros[rounds - 1] / 1000.0);
            }
        } finally {
            for (EddyServer n : nodes.reversed()) {
                n.close();
            }
            if (pg != null) {
                pg.close();
            }
        }
    }
}
