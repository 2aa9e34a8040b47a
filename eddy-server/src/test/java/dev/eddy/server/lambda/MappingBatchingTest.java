package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.server.lambda.MappingHarness.Invocation;
import dev.eddy.server.lambda.MappingHarness.Table;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * Batches of a mapping on a one-shard stream: BatchSize, the batching window, the starting
 * positions, the event's record shape, LastProcessingResult, lanes (ParallelizationFactor) and
 * tumbling windows (spec 4.3 to 4.5, 4.11).
 */
class MappingBatchingTest {
    private static final MappingHarness h = MappingHarness.shared();

    @Test
    void batchSizeCutsTheWaitingRecordsInOrder() {
        Table t = h.table();
        for (int i = 0; i < 7; i++) {
            h.put(t, "k" + i);
        }
        String uuid = h.map(t, b -> b.batchSize(3));
        assertThat(h.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
                .isEqualTo("No records processed");

        h.drain(uuid);

        assertThat(h.batches(t)).containsExactly(List.of("k0", "k1", "k2"), List.of("k3", "k4", "k5"), List.of("k6"));
        assertThat(h.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
                .isEqualTo("OK");
    }

    @Test
    void theEventCarriesLambdaShapedRecords() {
        Table t = h.table();
        h.put(t, "a", "v", "1");
        h.put(t, "a", "v", "2");
        h.ddb.deleteItem(b -> b.tableName(t.name()).key(Map.of("id", av("a"))));
        String uuid = h.map(t, b -> b.batchSize(10));
        h.drain(uuid);

        List<Invocation> calls = h.invocations(t);
        assertThat(calls).hasSize(1);
        List<JsonNode> records = calls.getFirst().records();
        assertThat(records).extracting(r -> r.get("eventName").asText()).containsExactly("INSERT", "MODIFY", "REMOVE");
        JsonNode modify = records.get(1);
        assertThat(modify.get("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(modify.get("eventVersion").asText()).isEqualTo("1.1");
        assertThat(modify.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(modify.get("eventSourceARN").asText()).isEqualTo(t.streamArn());
        assertThat(modify.at("/dynamodb/OldImage/v/S").asText()).isEqualTo("1");
        assertThat(modify.at("/dynamodb/NewImage/v/S").asText()).isEqualTo("2");
        assertThat(modify.at("/dynamodb/StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(modify.at("/dynamodb/ApproximateCreationDateTime").isNumber())
                .isTrue();
        assertThat(records.get(2).at("/dynamodb/NewImage").isMissingNode()).isTrue();
        assertThat(calls.getFirst().sequenceNumbers())
                .isSortedAccordingTo((x, y) -> new BigInteger(x).compareTo(new BigInteger(y)));
    }

    @Test
    void aBatchWaitsForTheBatchingWindow() {
        Table t = h.table();
        String uuid = h.map(t, b -> b.batchSize(100).maximumBatchingWindowInSeconds(1));
        Mappings.awaitState(h.lambda, uuid, "Enabled");

        long firstWrite = micros(Instant.now());
        for (int i = 0; i < 5; i++) {
            h.put(t, "w" + i);
        }
        h.drain(uuid);

        List<Invocation> calls = h.invocations(t);
        assertThat(calls).extracting(Invocation::ids).containsExactly(List.of("w0", "w1", "w2", "w3", "w4"));
        // the window opened when the first record arrived: nothing was sent before it closed
        assertThat(calls.getFirst().startMicros() - firstWrite).isGreaterThanOrEqualTo(950_000);
    }

    @Test
    void aFullBatchDoesNotWaitForTheWindow() {
        Table t = h.table();
        for (int i = 0; i < 4; i++) {
            h.put(t, "f" + i);
        }
        long created = micros(Instant.now());
        String uuid = h.map(t, b -> b.batchSize(2).maximumBatchingWindowInSeconds(300));
        h.drain(uuid);

        List<Invocation> calls = h.invocations(t);
        assertThat(calls).extracting(Invocation::ids).containsExactly(List.of("f0", "f1"), List.of("f2", "f3"));
        assertThat(calls.getLast().endMicros() - created).isLessThan(5_000_000);
    }

    @Test
    void latestDeliversOnlyRecordsWrittenAfterTheMappingWasCreated() {
        Table t = h.table();
        h.put(t, "before1");
        h.put(t, "before2");
        String uuid = h.map(t, b -> b.startingPosition(EventSourcePosition.LATEST));
        h.put(t, "after1");
        h.put(t, "after2");
        h.drain(uuid);

        assertThat(h.batches(t).stream().flatMap(List::stream)).containsExactly("after1", "after2");
    }

    @Test
    void recordsWrittenWhileTheMappingRunsArriveWithoutAWindow() {
        Table t = h.table();
        String uuid = h.map(t, b -> b.batchSize(1));
        Mappings.awaitState(h.lambda, uuid, "Enabled");
        for (int i = 0; i < 3; i++) {
            h.put(t, "live" + i);
            h.drain(uuid);
        }

        assertThat(h.batches(t)).containsExactly(List.of("live0"), List.of("live1"), List.of("live2"));
    }

    @Test
    void lanesRunConcurrentlyAndKeepEachKeyInOrder() {
        Table t = h.table();
        int keys = 10;
        int writes = 6;
        for (int n = 0; n < writes; n++) {
            for (int k = 0; k < keys; k++) {
                h.put(t, "key" + k, "n", Integer.toString(n), "mode", "sleep", "sleepMs", "20");
            }
        }
        String uuid = h.map(t, b -> b.batchSize(6).parallelizationFactor(5));
        h.drain(uuid);

        List<Invocation> calls = h.invocations(t);
        Map<String, List<Integer>> perKey = new HashMap<>();
        Map<String, Integer> lane = new HashMap<>();
        for (Invocation call : calls) {
            for (JsonNode r : call.records()) {
                String key = r.at("/dynamodb/Keys/id/S").asText();
                perKey.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(r.at("/dynamodb/NewImage/n/S").asInt());
            }
        }
        // every record once, each key in write order
        assertThat(perKey).hasSize(keys);
        perKey.values()
                .forEach(ns -> assertThat(ns)
                        .containsExactlyElementsOf(
                                IntStream.range(0, writes).boxed().toList()));
        // a key stays in its lane: keys batched together form groups, more than one
        for (Invocation call : calls) {
            List<String> ids = call.ids();
            int group = lane.getOrDefault(ids.getFirst(), lane.size());
            for (String id : ids) {
                Integer before = lane.putIfAbsent(id, group);
                assertThat(before == null ? group : before).as("lane of %s", id).isEqualTo(group);
            }
        }
        assertThat(lane.values().stream().distinct().count()).isGreaterThan(1);
        boolean overlapping = calls.stream().anyMatch(a -> calls.stream().anyMatch(b -> a != b && a.overlaps(b)));
        assertThat(overlapping)
                .as("some batches of the shard ran at the same time")
                .isTrue();
    }

    @Test
    void tumblingWindowsPassTheStateAndEndWithAFinalInvoke() {
        Table t = h.table();
        for (int i = 0; i < 5; i++) {
            h.put(t, "t" + i);
        }
        String uuid = h.map(t, b -> b.batchSize(2).tumblingWindowInSeconds(1));
        h.drain(uuid);

        List<Invocation> calls = h.invocations(t);
        assertThat(calls.stream().flatMap(c -> c.ids().stream())).containsExactly("t0", "t1", "t2", "t3", "t4");
        Map<String, List<Invocation>> windows = new LinkedHashMap<>();
        for (Invocation c : calls) {
            windows.computeIfAbsent(c.event().at("/window/start").asText(), k -> new ArrayList<>())
                    .add(c);
        }
        boolean passed = false;
        for (Map.Entry<String, List<Invocation>> w : windows.entrySet()) {
            Instant start = Instant.parse(w.getKey());
            assertThat(start.getNano()).isZero();
            List<Invocation> in = w.getValue();
            int seen = 0;
            for (int i = 0; i < in.size(); i++) {
                JsonNode e = in.get(i).event();
                boolean last = i == in.size() - 1;
                assertThat(Instant.parse(e.at("/window/end").asText())).isEqualTo(start.plusSeconds(1));
                assertThat(e.get("isFinalInvokeForWindow").asBoolean()).isEqualTo(last);
                assertThat(e.get("isWindowTerminatedEarly").asBoolean()).isFalse();
                assertThat(e.get("shardId").asText()).startsWith("shardId-");
                assertThat(e.get("eventSourceARN").asText()).isEqualTo(t.streamArn());
                JsonNode state = e.get("state");
                if (seen == 0) {
                    assertThat(state.isObject() && state.isEmpty())
                            .as(state.toString())
                            .isTrue();
                } else {
                    assertThat(state.get("count").asText()).isEqualTo(Integer.toString(seen));
                }
                if (last) {
                    assertThat(in.get(i).records()).isEmpty();
                } else {
                    assertThat(in.get(i).records()).isNotEmpty();
                    for (JsonNode r : in.get(i).records()) {
                        Instant created = Instant.ofEpochSecond(
                                r.at("/dynamodb/ApproximateCreationDateTime").asLong());
                        assertThat(created).isEqualTo(start);
                    }
                }
                seen += in.get(i).records().size();
                passed |= i > 0 && !last;
            }
        }
        assertThat(passed).as("some window had several invocations").isTrue();
    }

    private static AttributeValue av(String s) {
        return AttributeValue.fromS(s);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
