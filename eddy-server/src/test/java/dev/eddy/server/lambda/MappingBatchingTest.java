package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.server.lambda.MappingHarness.Invocation;
import dev.eddy.server.lambda.MappingHarness.Table;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * Batches of a mapping on a one-shard stream: BatchSize, the batching window, the starting
 * positions, the event's record shape and LastProcessingResult (spec 4.3, 4.5).
 */
class MappingBatchingTest {
    private static MappingHarness h;

    @BeforeAll
    static void start() {
        h = MappingHarness.start(1);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

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

    private static AttributeValue av(String s) {
        return AttributeValue.fromS(s);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
