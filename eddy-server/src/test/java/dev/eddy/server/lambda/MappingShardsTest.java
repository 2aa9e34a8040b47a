package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.server.ServerConfig;
import dev.eddy.server.lambda.MappingHarness.Invocation;
import dev.eddy.server.lambda.MappingHarness.Table;
import dev.eddy.stream.StreamConfig;
import dev.eddy.testkit.EddyClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A mapping of a stream with several shards that roll over every few hundred milliseconds: a
 * batch never mixes shards, and records written while shards close and children open all arrive,
 * once, each key in order (a parent shard is finished before its child starts).
 */
class MappingShardsTest {
    private static MappingHarness h;
    private static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() {
        ServerConfig config = ServerConfig.inMemoryOnRandomPort()
                .withStreams(StreamConfig.defaults().withShardLifetime(Duration.ofMillis(300)));
        h = MappingHarness.start(config, 3);
        streams = EddyClients.streams(h.server.endpoint());
    }

    @AfterAll
    static void stop() {
        streams.close();
        h.close();
    }

    @Test
    void aBatchNeverMixesShards() {
        Table t = h.table();
        String uuid = h.map(t, b -> b.batchSize(100).maximumBatchingWindowInSeconds(1));
        for (int i = 0; i < 30; i++) {
            h.put(t, "k" + i);
        }
        h.drain(uuid);

        Map<String, String> shardOf = shardsByEventId(t);
        List<Invocation> calls = h.invocations(t);
        Set<String> shardsSeen = new HashSet<>();
        for (Invocation call : calls) {
            Set<String> inCall = new HashSet<>();
            call.records().forEach(r -> inCall.add(shardOf.get(r.get("eventID").asText())));
            assertThat(inCall).as("shards of one batch").hasSize(1);
            shardsSeen.addAll(inCall);
        }
        assertThat(shardsSeen).hasSizeGreaterThan(1);
        assertThat(calls.stream().mapToInt(c -> c.records().size()).sum()).isEqualTo(30);
    }

    @Test
    void recordsWrittenAcrossRolloversArriveOnceAndInOrderPerKey() {
        Table t = h.table();
        String uuid = h.map(t, b -> b.batchSize(10).parallelizationFactor(2));
        int keys = 6;
        int n = 0;
        // write until every first shard has closed and some of their children have too
        while (n < 40 || closedShards(t) < 5) {
            for (int k = 0; k < keys; k++) {
                h.put(t, "key" + k, "n", Integer.toString(n));
            }
            n++;
            assertThat(n).as("rollovers within the writes").isLessThan(2000);
        }
        h.drain(uuid);

        Map<String, List<Integer>> perKey = new HashMap<>();
        for (Invocation call : h.invocations(t)) {
            for (JsonNode r : call.records()) {
                perKey.computeIfAbsent(r.at("/dynamodb/Keys/id/S").asText(), k -> new ArrayList<>())
                        .add(r.at("/dynamodb/NewImage/n/S").asInt());
            }
        }
        int written = n;
        assertThat(perKey).hasSize(keys);
        perKey.forEach((key, ns) -> assertThat(ns)
                .as(key)
                .containsExactlyElementsOf(IntStream.range(0, written).boxed().toList()));
        Set<String> shardsSeen = new HashSet<>();
        Map<String, String> shardOf = shardsByEventId(t);
        h.invocations(t)
                .forEach(c -> c.records()
                        .forEach(
                                r -> shardsSeen.add(shardOf.get(r.get("eventID").asText()))));
        assertThat(shardsSeen)
                .as("records came from children of rolled-over shards")
                .hasSizeGreaterThan(3);
    }

    private static int closedShards(Table t) {
        return (int) shards(t).stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() != null)
                .count();
    }

    private static List<Shard> shards(Table t) {
        List<Shard> out = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            var d = streams.describeStream(b -> b.streamArn(t.streamArn()).exclusiveStartShardId(from))
                    .streamDescription();
            out.addAll(d.shards());
            start = d.lastEvaluatedShardId();
        } while (start != null);
        return out;
    }

    /** The shard of every record of the stream, by eventID. */
    private static Map<String, String> shardsByEventId(Table t) {
        Map<String, String> out = new HashMap<>();
        for (Shard s : shards(t)) {
            String it = streams.getShardIterator(b -> b.streamArn(t.streamArn())
                            .shardId(s.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (it != null) {
                String cur = it;
                GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(cur));
                r.records().forEach(rec -> out.put(rec.eventID(), s.shardId()));
                if (r.records().isEmpty() && s.sequenceNumberRange().endingSequenceNumber() == null) {
                    break;
                }
                it = r.nextShardIterator();
            }
        }
        return out;
    }
}
