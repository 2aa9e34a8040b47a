package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.store.ReadView;
import dev.eddy.store.RetryPolicy;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.store.postgres.PostgresStore;
import dev.eddy.stream.ShardRef;
import dev.eddy.stream.StreamConfig;
import dev.eddy.stream.StreamReader;
import dev.eddy.testkit.EddyClients;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Three nodes on one PostgreSQL database write one streamed table while its shards roll over
 * every second; some commits are held back between the numbering of their record and the
 * database commit (slow writers), so that later numbers are ready to commit first. Two readers
 * follow the stream with GetRecords on other nodes meanwhile. Each must see every record exactly
 * once, in sequence order within a shard, each item's versions in write order.
 */
class StreamsAcrossNodesTest {
    private static final Duration LEASE = Duration.ofMillis(1500);
    private static final int WRITERS_PER_NODE = 2;
    private static final int PUTS_PER_WRITER = 25;
    private static final int KEYS_PER_WRITER = 4;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    /**
     * The PostgreSQL store, with one commit in three paused for up to 40 ms after the hooks that
     * number stream records and before the database commit.
     */
    private static final class SlowCommits implements Store {
        final Store delegate;

        SlowCommits(Store delegate) {
            this.delegate = delegate;
        }

        @Override
        public Transaction begin() {
            Transaction tx = delegate.begin();
            // a hook registered by a hook runs after those registered before: the body's, the stream's
            tx.beforeCommit(() -> tx.beforeCommit(() -> {
                if (ThreadLocalRandom.current().nextInt(3) == 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(
                            ThreadLocalRandom.current().nextInt(5, 40)));
                }
            }));
            return tx;
        }

        @Override
        public ReadView snapshot() {
            return delegate.snapshot();
        }

        @Override
        public RetryPolicy retryPolicy() {
            return delegate.retryPolicy();
        }

        @Override
        public void close() {}
    }

    private EddyServer node(Store store, String id) {
        EddyServer s = EddyServer.start(ServerConfig.inMemoryOnRandomPort()
                .withStore(new StoreSpec.Shared(store))
                .withStreams(StreamConfig.defaults().withShardLifetime(Duration.ofSeconds(1)))
                .withCluster(ServerConfig.Cluster.shared(id, LEASE).withPollInterval(Duration.ofMillis(200))));
        opened.add(s);
        return s;
    }

    private <T extends AutoCloseable> T open(T c) {
        opened.add(c);
        return c;
    }

    /** What a reader saw: records in reading order per shard. */
    private record Seen(String key, long version, String sequence, String shard) {}

    @Test
    void slowAndFastWritersOnThreeNodesLoseAndRepeatNothingForConcurrentReaders() throws Exception {
        Store pg = open(PostgresStore.open(EddyTestServer.postgresSchema("streams_nodes")));
        Store slow = new SlowCommits(pg);
        List<EddyServer> nodes = List.of(node(slow, "a"), node(slow, "b"), node(slow, "c"));
        DynamoDbClient first = open(EddyClients.dynamo(nodes.getFirst().endpoint()));
        String table = "orders";
        String streamArn = createTable(first, table);
        DynamoDbStreamsClient describer =
                open(EddyClients.streams(nodes.getFirst().endpoint()));
        int initialShards = shardCount(describer, streamArn);

        ExecutorService pool = Executors.newFixedThreadPool(nodes.size() * WRITERS_PER_NODE + 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<List<Seen>>> readers = new ArrayList<>();
        for (EddyServer node : nodes.subList(1, 3)) {
            DynamoDbStreamsClient streams = open(EddyClients.streams(node.endpoint()));
            readers.add(pool.submit(() -> follow(streams, streamArn, writing)));
        }
        List<Future<?>> writers = new ArrayList<>();
        // the writers go on past their puts until the shards have rolled over several times, so
        // that a fast machine still writes across rollovers
        AtomicBoolean rolledOver = new AtomicBoolean();
        AtomicInteger puts = new AtomicInteger();
        for (int n = 0; n < nodes.size(); n++) {
            DynamoDbClient client = open(EddyClients.dynamo(nodes.get(n).endpoint()));
            for (int w = 0; w < WRITERS_PER_NODE; w++) {
                String writer = "n" + n + "w" + w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < PUTS_PER_WRITER || !rolledOver.get(); i++) {
                        String key = writer + "-" + (i % KEYS_PER_WRITER);
                        long version = i;
                        client.putItem(p -> p.tableName(table)
                                .item(Map.of(
                                        "id", AttributeValue.fromS(key),
                                        "v", AttributeValue.fromN(Long.toString(version)))));
                        puts.incrementAndGet();
                    }
                    return null;
                }));
            }
        }
        // every partition rolled over at least twice (a lineage per partition, one shard each at first)
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> shardCount(describer, streamArn) >= 3 * initialShards);
        rolledOver.set(true);
        for (Future<?> w : writers) {
            w.get(3, TimeUnit.MINUTES);
        }
        writing.set(false);
        int expected = puts.get();
        for (Future<List<Seen>> reader : readers) {
            check(reader.get(3, TimeUnit.MINUTES), expected);
        }
        pool.shutdown();
    }

    private static int shardCount(DynamoDbStreamsClient streams, String arn) {
        return streams.describeStream(d -> d.streamArn(arn))
                .streamDescription()
                .shards()
                .size();
    }

    private static void check(List<Seen> seen, int expected) {
        Set<String> records = new HashSet<>();
        Set<String> sequences = new HashSet<>();
        for (Seen s : seen) {
            assertThat(records.add(s.key + "@" + s.version))
                    .as(
                            "record %s seen once; every record of its key in reading order: %s",
                            s, seen.stream().filter(x -> x.key.equals(s.key)).toList())
                    .isTrue();
            // numbers are unique per shard lineage (an item's records stay in one lineage)
            assertThat(sequences.add(s.shard + "@" + s.sequence))
                    .as("number %s seen once in its shard", s.sequence)
                    .isTrue();
        }
        assertThat(seen).as("every write has its record").hasSize(expected);
        assertThat(seen.stream().map(Seen::shard).distinct().count())
                .as("shards rolled over while the writers wrote")
                .isGreaterThan(4);
        // within one shard, in sequence order; across the lineage, each item's versions in write order
        Map<String, String> lastInShard = new HashMap<>();
        for (Seen s : seen) {
            String before = lastInShard.put(s.shard, s.sequence);
            if (before != null) {
                assertThat(new BigInteger(s.sequence)).isGreaterThan(new BigInteger(before));
            }
        }
        Map<String, List<Seen>> byKey = new HashMap<>();
        for (Seen s : seen) {
            byKey.computeIfAbsent(s.key, k -> new ArrayList<>()).add(s);
        }
        for (List<Seen> versions : byKey.values()) {
            List<Long> inSequenceOrder = versions.stream()
                    .sorted((x, y) -> new BigInteger(x.sequence).compareTo(new BigInteger(y.sequence)))
                    .map(Seen::version)
                    .toList();
            assertThat(inSequenceOrder).isSorted();
        }
    }

    @Test
    void aCommitThroughOneNodeWakesAStreamReaderWaitingOnAnotherThroughTheDatabasesNotices() throws Exception {
        StoreSpec shared = new StoreSpec.Postgres(EddyTestServer.postgresSchema("streams_wake"));
        List<EddyServer> nodes = new ArrayList<>();
        for (String id : List.of("a", "b")) {
            // polling so rare that only a notice can wake the reader in time
            nodes.add(open(EddyServer.start(ServerConfig.inMemoryOnRandomPort()
                    .withStore(shared)
                    .withStreams(StreamConfig.defaults().withShardsPerTable(1))
                    .withCluster(ServerConfig.Cluster.shared(id, LEASE).withPollInterval(Duration.ofMinutes(10))))));
        }
        DynamoDbClient atA = open(EddyClients.dynamo(nodes.get(0).endpoint()));
        String arn = createTable(atA, "wake");
        StreamReader atB = nodes.get(1).streams().reader();
        ShardRef shard = atB.lineage(atB.stream(arn)).getFirst().shard();
        // a first round trip, so that both nodes' notice connections are up
        awaitWake(atA, atB, shard, "warm-up");
        long millis = awaitWake(atA, atB, shard, "x");
        assertThat(millis).as("reader on B woken by a write through A").isLessThan(2000);
    }

    /** Milliseconds from a PutItem through A to the wake-up of a reader waiting on B. */
    static long awaitWake(DynamoDbClient atA, StreamReader atB, ShardRef shard, String id) throws Exception {
        return awaitWakeMicros(atA, atB, shard, id) / 1000;
    }

    /** Microseconds from a PutItem through A (table "wake") to the wake-up of a reader waiting on B. */
    static long awaitWakeMicros(DynamoDbClient atA, StreamReader atB, ShardRef shard, String id) throws Exception {
        CompletableFuture<Void> woken = atB.awaitAppend(atB.position(shard, dev.eddy.stream.ShardIteratorType.LATEST));
        long start = System.nanoTime();
        atA.putItem(p -> p.tableName("wake").item(Map.of("id", AttributeValue.fromS(id))));
        woken.get(30, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    }

    /** Creates a table with a stream through {@code client}; its stream's ARN. */
    static String createTable(DynamoDbClient client, String table) {
        return client.createTable(t -> t.tableName(table)
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType(KeyType.HASH)
                                .build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription()
                .latestStreamArn();
    }

    /**
     * Follows every shard of the stream from its trim horizon with GetRecords, picking up the
     * children of rollovers, until the writers are done and a last pass over every open shard
     * finds nothing new.
     */
    private static List<Seen> follow(DynamoDbStreamsClient streams, String arn, AtomicBoolean writing) {
        List<Seen> seen = new ArrayList<>();
        Map<String, String> iterators = new HashMap<>();
        Set<String> ended = new HashSet<>();
        boolean last = false;
        while (true) {
            boolean finalPass = last;
            List<Shard> shards = streams.describeStream(d -> d.streamArn(arn))
                    .streamDescription()
                    .shards();
            boolean quiet = true;
            for (Shard shard : shards) {
                String id = shard.shardId();
                if (ended.contains(id)) {
                    continue;
                }
                String it = iterators.computeIfAbsent(
                        id,
                        k -> streams.getShardIterator(g ->
                                        g.streamArn(arn).shardId(k).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                                .shardIterator());
                GetRecordsResponse page = streams.getRecords(g -> g.shardIterator(it));
                for (Record r : page.records()) {
                    Map<String, AttributeValue> image = r.dynamodb().newImage();
                    seen.add(new Seen(
                            image.get("id").s(),
                            Long.parseLong(image.get("v").n()),
                            r.dynamodb().sequenceNumber(),
                            id));
                }
                quiet &= page.records().isEmpty();
                if (page.nextShardIterator() == null) {
                    ended.add(id);
                } else {
                    iterators.put(id, page.nextShardIterator());
                }
            }
            if (finalPass && quiet) {
                return seen;
            }
            last = !writing.get();
        }
    }
}
