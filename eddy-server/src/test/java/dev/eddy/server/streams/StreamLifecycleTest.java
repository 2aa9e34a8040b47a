package dev.eddy.server.streams;

import static dev.eddy.server.streams.StreamsApiTest.assertError;
import static dev.eddy.server.streams.StreamsApiTest.item;
import static dev.eddy.server.streams.StreamsClients.readAll;
import static dev.eddy.server.streams.StreamsClients.shards;
import static dev.eddy.server.streams.StreamsClients.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.server.ServerConfig;
import dev.eddy.stream.StreamConfig;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.ManualClock;
import dev.eddy.testkit.TestNames;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Rollover with a short shard lifetime, disable and re-enable, iterator expiry and retention. */
@SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
class StreamLifecycleTest extends InMemoryServerTest {

    @Test
    void rolloverKeepsEveryRecordOnceAndInPerItemOrderAcrossLineage() throws Exception {
        ServerConfig config = ServerConfig.inMemoryOnRandomPort()
                .withStreams(StreamConfig.defaults().withShardsPerTable(2).withShardLifetime(Duration.ofMillis(400)));
        try (EddyServer server = EddyServer.start(config);
                DynamoDbClient ddb = EddyClients.dynamo(server.endpoint());
                DynamoDbStreamsClient streams = StreamsClients.streams(server)) {
            String name = TestNames.unique("roll");
            String arn = ddb.createTable(table(name, StreamViewType.NEW_IMAGE))
                    .tableDescription()
                    .latestStreamArn();
            int writers = 4;
            int perWriter = 150;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        String v = Integer.toString(i);
                        // 5 items per writer, each written many times: per-item order is checkable
                        ddb.putItem(b ->
                                b.tableName(name).item(item("w" + writer + "-" + (Integer.parseInt(v) % 5), "n", v)));
                    }
                }));
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> shards(streams, arn).stream()
                            .anyMatch(s -> s.parentShardId() != null
                                    && s.sequenceNumberRange().endingSequenceNumber() != null));
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();

            List<Shard> all = shards(streams, arn);
            List<String> ids = all.stream().map(Shard::shardId).toList();
            assertThat(ids).isSorted();
            for (Shard s : all) {
                if (s.parentShardId() != null) {
                    assertThat(ids.indexOf(s.parentShardId())).isLessThan(ids.indexOf(s.shardId()));
                }
            }
            Shard closed = all.stream()
                    .filter(s -> s.sequenceNumberRange().endingSequenceNumber() != null)
                    .findFirst()
                    .orElseThrow();
            assertThat(new BigInteger(closed.sequenceNumberRange().endingSequenceNumber()))
                    .isGreaterThanOrEqualTo(
                            new BigInteger(closed.sequenceNumberRange().startingSequenceNumber()));
            StreamDescription children = streams.describeStream(b -> b.streamArn(arn)
                            .shardFilter(
                                    f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(closed.shardId())))
                    .streamDescription();
            assertThat(children.shards()).hasSize(1);
            assertThat(children.shards().getFirst().parentShardId()).isEqualTo(closed.shardId());
            assertThat(new BigInteger(
                            children.shards().getFirst().sequenceNumberRange().startingSequenceNumber()))
                    .isGreaterThan(new BigInteger(closed.sequenceNumberRange().endingSequenceNumber()));

            // a closed shard read to its end has no NextShardIterator
            String it = streams.getShardIterator(
                            b -> b.streamArn(arn).shardId(closed.shardId()).shardIteratorType(ShardIteratorType.LATEST))
                    .shardIterator();
            assertThat(streams.getRecords(b -> b.shardIterator(it)).nextShardIterator())
                    .isNull();

            List<Record> records = readAll(streams, arn);
            assertThat(records).hasSize(writers * perWriter);
            assertThat(records.stream().map(Record::eventID).distinct().count()).isEqualTo(writers * perWriter);
            Map<String, List<Integer>> perItem = new HashMap<>();
            for (Record r : records) {
                perItem.computeIfAbsent(r.dynamodb().keys().get("id").s(), k -> new ArrayList<>())
                        .add(Integer.parseInt(r.dynamodb().newImage().get("n").s()));
            }
            assertThat(perItem).hasSize(writers * 5);
            perItem.values().forEach(ns -> assertThat(ns).isSorted().hasSize(perWriter / 5));
        }
    }

    @Test
    void disableThenEnableMintsANewStreamAndKeepsTheOldOneReadable() {
        try (EddyServer server = EddyTestServer.startInMemory();
                DynamoDbClient ddb = EddyClients.dynamo(server.endpoint());
                DynamoDbStreamsClient streams = StreamsClients.streams(server)) {
            String name = TestNames.unique("toggle");
            String first = ddb.createTable(table(name, StreamViewType.KEYS_ONLY))
                    .tableDescription()
                    .latestStreamArn();
            ddb.putItem(b -> b.tableName(name).item(item("a")));
            TableDescription disabled = ddb.updateTable(
                            b -> b.tableName(name).streamSpecification(s -> s.streamEnabled(false)))
                    .tableDescription();
            assertThat(disabled.streamSpecification()).isNull();
            assertThat(disabled.latestStreamArn()).isEqualTo(first);
            ddb.putItem(b -> b.tableName(name).item(item("not-captured")));

            StreamDescription old =
                    streams.describeStream(b -> b.streamArn(first)).streamDescription();
            assertThat(old.streamStatus()).isEqualTo(StreamStatus.DISABLED);
            assertThat(old.shards())
                    .allSatisfy(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber())
                            .isNotNull());
            List<Record> oldRecords = readAll(streams, first);
            assertThat(oldRecords)
                    .extracting(r -> r.dynamodb().keys().get("id").s())
                    .containsExactly("a");

            TableDescription enabled = ddb.updateTable(b -> b.tableName(name)
                            .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                    .tableDescription();
            String second = enabled.latestStreamArn();
            assertThat(second).isNotEqualTo(first);
            assertThat(enabled.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
            ddb.putItem(b -> b.tableName(name).item(item("b", "x", "1")));
            List<Record> newRecords = readAll(streams, second);
            assertThat(newRecords)
                    .extracting(r -> r.dynamodb().keys().get("id").s())
                    .containsExactly("b");
            assertThat(newRecords.getFirst().dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
            assertThat(streams.listStreams(b -> b.tableName(name)).streams())
                    .extracting(s -> s.streamArn())
                    .containsExactlyInAnyOrder(first, second);
            assertThat(readAll(streams, first)).hasSize(1);

            // deleting the table disables its stream; it stays listed and readable
            ddb.deleteTable(b -> b.tableName(name));
            assertThat(streams.describeStream(b -> b.streamArn(second))
                            .streamDescription()
                            .streamStatus())
                    .isEqualTo(StreamStatus.DISABLED);
            assertThat(readAll(streams, second)).hasSize(1);
        }
    }

    @Test
    void iteratorsExpireAndOldRecordsAreTrimmed() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        ServerConfig config = ServerConfig.inMemoryOnRandomPort()
                .withClock(clock)
                .withStreams(StreamConfig.defaults().withShardsPerTable(1).withRetention(Duration.ofHours(2)));
        try (EddyServer server = EddyServer.start(config);
                DynamoDbClient ddb = EddyClients.dynamo(server.endpoint());
                DynamoDbStreamsClient streams = StreamsClients.streams(server)) {
            String name = TestNames.unique("trim");
            String arn = ddb.createTable(table(name, StreamViewType.KEYS_ONLY))
                    .tableDescription()
                    .latestStreamArn();
            ddb.putItem(b -> b.tableName(name).item(item("old")));
            Shard shard = shards(streams, arn).getFirst();
            String oldSeq = readAll(streams, arn).getFirst().dynamodb().sequenceNumber();
            String iterator = streams.getShardIterator(b ->
                            b.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();

            clock.advance(Duration.ofMinutes(16));
            assertError(
                    () -> streams.getRecords(b -> b.shardIterator(iterator)),
                    "ExpiredIteratorException",
                    "Shard iterator has expired");

            clock.advance(Duration.ofHours(2));
            ddb.putItem(b -> b.tableName(name).item(item("young")));
            server.streams().maintain();
            assertThat(StreamsClients.readShard(streams, arn, shard))
                    .extracting(r -> r.dynamodb().keys().get("id").s())
                    .containsExactly("young");
            assertThat(StreamsApiTest.catchCode(() -> streams.getShardIterator(b -> b.streamArn(arn)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                            .sequenceNumber(oldSeq))))
                    .isEqualTo("TrimmedDataAccessException");

            // a table tag keeps records longer than the server's retention
            ddb.tagResource(b -> b.resourceArn(
                            ddb.describeTable(d -> d.tableName(name)).table().tableArn())
                    .tags(t -> t.key(StreamConfig.RETENTION_TAG).value("unlimited")));
            clock.advance(Duration.ofHours(5));
            server.streams().maintain();
            assertThat(StreamsClients.readShard(streams, arn, shard)).hasSize(1);
        }
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }
}
