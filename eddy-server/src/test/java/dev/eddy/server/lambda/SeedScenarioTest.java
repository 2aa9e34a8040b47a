package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.MappingDrain;
import dev.eddy.testkit.Seeded;
import dev.eddy.testkit.TestNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The seed scenario end to end: a table with a NEW_AND_OLD_IMAGES stream, mapped to a handler
 * ({@code example.sdk.MirrorHandler}) that applies each change to a mirror table idempotently by
 * eventID and fails a share of its invocations halfway through a batch. After 10,000 random
 * inserts, overwrites, updates and deletes from eight writers, and once the mapping has drained,
 * the mirror equals the source, and the change log holds exactly the eventIDs of the stream.
 *
 * <p>The writes come from a seed, printed at the start; {@code -Deddy.seed=N} replays them (the
 * interleaving of the writers and the failures of the handler remain random).
 */
@SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
class SeedScenarioTest extends InMemoryServerTest {
    private static final int WRITERS = 8;
    private static final int WRITES = 10_000;
    private static final int FAIL_PERCENT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMirrorEndsEqualToTheSourceAndEveryChangeIsLoggedOnce() throws Exception {
        long seed = Long.getLong(Seeded.SEED_PROPERTY, new SplittableRandom().nextLong());
        System.out.println(
                "SeedScenarioTest seed=" + seed + " (replay with -D" + Seeded.SEED_PROPERTY + "=" + seed + ")");
        String source = TestNames.unique("seedsrc");
        String mirror = TestNames.unique("seedmirror");
        String changes = TestNames.unique("seedlog");
        ddb.createTable(keyed(source)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build());
        ddb.createTable(keyed(mirror).build());
        ddb.createTable(b -> b.tableName(changes)
                .attributeDefinitions(a -> a.attributeName("eventID").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("eventID").keyType(KeyType.HASH))
                .billingMode("PAY_PER_REQUEST"));
        String streamArn = ddb.describeTable(b -> b.tableName(source)).table().latestStreamArn();

        String uuid;
        try (LambdaClient lambda = Lambdas.client(server)) {
            String fn = TestNames.unique("mirror");
            Lambdas.deploy(
                    lambda,
                    fn,
                    "sdk-writer",
                    "example.sdk.MirrorHandler",
                    b -> b.timeout(60)
                            .memorySize(512)
                            .environment(e -> e.variables(Map.of(
                                    "MIRROR_TABLE", mirror,
                                    "CHANGE_TABLE", changes,
                                    "FAIL_PERCENT", String.valueOf(FAIL_PERCENT)))));
            uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(streamArn)
                            .functionName(fn)
                            .startingPosition("TRIM_HORIZON")
                            .batchSize(100)
                            .parallelizationFactor(3)
                            .bisectBatchOnFunctionError(true)
                            .maximumRetryAttempts(-1))
                    .uuid();
            Mappings.awaitState(lambda, uuid, "Enabled");
        }

        long t0 = System.nanoTime();
        write(source, new SplittableRandom(seed));
        long t1 = System.nanoTime();
        MappingDrain.await(endpoint(), uuid, Duration.ofSeconds(120));
        long t2 = System.nanoTime();
        System.out.printf(
                "SeedScenarioTest: writes %d ms, drain after them %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

        var expected = SeedWrites.contents(ddb, source);
        var actual = SeedWrites.contents(ddb, mirror);
        assertThat(SeedWrites.differences(expected, actual, 10))
                .as("mirror vs source, seed=%d", seed)
                .isEmpty();
        assertThat(expected).as("the writes leave items behind").hasSizeGreaterThan(100);

        Map<String, String> streamed = streamEventIds(streamArn);
        Map<String, String> logged = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName(changes))
                .items()
                .forEach(i ->
                        logged.put(i.get("eventID").s(), i.get("sequenceNumber").s()));
        assertThat(logged).as("change log vs stream, seed=%d", seed).isEqualTo(streamed);
        assertThat(streamed).hasSizeGreaterThan(WRITES / 2);
        // the forced failures happened, so the replays were exercised
        assertThat(failedInvokeEvents(uuid)).as("FailedInvokeEventCount").isPositive();
        System.out.printf(
                "SeedScenarioTest seed=%d: %d stream records, %d items, %d records in failed invocations%n",
                seed, streamed.size(), expected.size(), failedInvokeEvents(uuid));
    }

    private static CreateTableRequest.Builder keyed(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                .keySchema(
                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .billingMode("PAY_PER_REQUEST");
    }

    /** WRITES writes from WRITERS threads, each on keys of its own, each with a random source split from the seed. */
    private static void write(String table, SplittableRandom seeded) throws Exception {
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            randoms.add(seeded.split());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                SeedWrites writes = new SeedWrites(ddb, table, "w" + w + "-", 60);
                SplittableRandom random = randoms.get(w);
                done.add(pool.submit(() -> writes.run(random, WRITES / WRITERS)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    /** eventID to sequence number of every record in the stream, read through the Streams API. */
    private static Map<String, String> streamEventIds(String arn) {
        Map<String, String> out = new HashMap<>();
        try (DynamoDbStreamsClient streams = EddyClients.streams(endpoint())) {
            List<Shard> shards = new ArrayList<>();
            String start = null;
            do {
                String from = start;
                var d = streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(from))
                        .streamDescription();
                shards.addAll(d.shards());
                start = d.lastEvaluatedShardId();
            } while (start != null);
            for (Shard shard : shards) {
                String it = streams.getShardIterator(b -> b.streamArn(arn)
                                .shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                while (it != null) {
                    String current = it;
                    GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(current));
                    for (Record rec : r.records()) {
                        out.put(rec.eventID(), rec.dynamodb().sequenceNumber());
                    }
                    boolean open = shard.sequenceNumberRange().endingSequenceNumber() == null;
                    it = open && r.records().isEmpty() ? null : r.nextShardIterator();
                }
            }
        }
        return out;
    }

    /** The mapping's FailedInvokeEventCount over its shards, from Eddy's processing view. */
    private static long failedInvokeEvents(String uuid) throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(
                        URI.create(endpoint().toString().replaceAll("/+$", "") + "/eddy/v1/mappings"))
                .build();
        String body;
        try (HttpClient http = HttpClient.newHttpClient()) {
            body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
        }
        long failed = 0;
        for (JsonNode m : JSON.readTree(body).path("Mappings")) {
            if (m.path("UUID").asText().equals(uuid)) {
                for (JsonNode s : m.path("Shards")) {
                    failed += s.path("FailedInvokeEventCount").asLong();
                }
            }
        }
        return failed;
    }
}
