package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.server.lambda.MappingHarness.Invocation;
import dev.eddy.server.lambda.MappingHarness.Queue;
import dev.eddy.server.lambda.MappingHarness.Table;
import dev.eddy.testkit.EddyClients;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A failing batch blocks its shard and is retried until MaximumRetryAttempts or
 * MaximumRecordAgeInSeconds gives up on it; the on-failure record then describes it field by field
 * (spec 4.6, 4.9), and processing goes on after it.
 */
class MappingFailureTest {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final MappingHarness h = MappingHarness.shared();

    @Test
    void retriesRunOutAndTheOnFailureRecordDescribesTheBatch() {
        Table t = h.table();
        Queue q = h.queue();
        h.put(t, "poison", "mode", "throw");
        Instant before = h.now();
        String uuid = h.map(
                t, b -> b.maximumRetryAttempts(2).destinationConfig(d -> d.onFailure(f -> f.destination(q.arn()))));
        h.drain(uuid);
        Instant after = h.now();

        List<Invocation> calls = h.invocations(t);
        assertThat(calls)
                .extracting(Invocation::ids)
                .containsExactly(List.of("poison"), List.of("poison"), List.of("poison"));
        JsonNode record = calls.getFirst().records().getFirst();
        List<JsonNode> sent = h.messages(q);
        assertThat(sent).hasSize(1);
        JsonNode m = sent.getFirst();
        assertThat(names(m))
                .containsExactly("requestContext", "responseContext", "version", "timestamp", "DDBStreamBatchInfo");
        assertThat(names(m.get("requestContext")))
                .containsExactly("requestId", "functionArn", "condition", "approximateInvokeCount");
        assertThat(m.at("/requestContext/requestId").asText())
                .isEqualTo(calls.getLast().requestId());
        assertThat(m.at("/requestContext/functionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + h.probe);
        assertThat(m.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(m.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(names(m.get("responseContext"))).containsExactly("statusCode", "executedVersion", "functionError");
        assertThat(m.at("/responseContext/statusCode").asInt()).isEqualTo(200);
        assertThat(m.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(m.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(m.get("version").asText()).isEqualTo("1.0");
        String timestamp = m.get("timestamp").asText();
        assertThat(timestamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(timestamp)).isBetween(before.minusMillis(1), after.plusMillis(1));
        JsonNode info = m.get("DDBStreamBatchInfo");
        assertThat(names(info))
                .containsExactly(
                        "shardId",
                        "startSequenceNumber",
                        "endSequenceNumber",
                        "approximateArrivalOfFirstRecord",
                        "approximateArrivalOfLastRecord",
                        "batchSize",
                        "streamArn");
        assertThat(info.get("shardId").asText()).isEqualTo(shardId(t));
        String seq = record.at("/dynamodb/SequenceNumber").asText();
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(seq);
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(seq);
        String arrival = SECONDS.format(Instant.ofEpochSecond(
                record.at("/dynamodb/ApproximateCreationDateTime").asLong()));
        assertThat(info.get("approximateArrivalOfFirstRecord").asText()).isEqualTo(arrival);
        assertThat(info.get("approximateArrivalOfLastRecord").asText()).isEqualTo(arrival);
        assertThat(info.get("batchSize").asInt()).isEqualTo(1);
        assertThat(info.get("streamArn").asText()).isEqualTo(t.streamArn());
        assertThat(h.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
                .isEqualTo("PROBLEM: Function call failed");

        // the shard goes on after the batch it gave up on
        h.put(t, "next");
        h.drain(uuid);
        assertThat(h.batches(t)).hasSize(4).last().isEqualTo(List.of("next"));
        assertThat(h.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
                .isEqualTo("OK");
        assertThat(h.messages(q)).isEmpty();
    }

    @Test
    void aFailingBatchBlocksItsShardUntilARetrySucceeds() {
        Table t = h.table();
        Queue q = h.queue();
        h.put(t, "flaky", "mode", "flaky", "failTimes", "2");
        h.put(t, "after");
        String uuid = h.map(
                t,
                b -> b.batchSize(1)
                        .maximumRetryAttempts(2)
                        .destinationConfig(d -> d.onFailure(f -> f.destination(q.arn()))));
        h.drain(uuid);

        assertThat(h.batches(t))
                .containsExactly(List.of("flaky"), List.of("flaky"), List.of("flaky"), List.of("after"));
        assertThat(h.messages(q)).isEmpty();
    }

    @Test
    void zeroRetriesMeansOneAttemptAndWithoutDestinationTheBatchIsDropped() {
        Table t = h.table();
        h.put(t, "poison", "mode", "throw");
        h.put(t, "after");
        String uuid = h.map(t, b -> b.batchSize(1).maximumRetryAttempts(0));
        h.drain(uuid);

        assertThat(h.batches(t)).containsExactly(List.of("poison"), List.of("after"));
        JsonNode shard = h.status(uuid).get("Shards").get(0);
        assertThat(shard.get("DroppedEventCount").asLong()).isEqualTo(1);
        assertThat(shard.get("OnFailureDestinationDeliveredEventCount").asLong())
                .isZero();
    }

    @Test
    void recordsOlderThanTheMaximumAgeWhenTheMappingStartsAreNeverSent() {
        Table t = h.table();
        Queue q = h.queue();
        h.put(t, "old1");
        h.put(t, "old2");
        h.skip(Duration.ofSeconds(61));
        String uuid = h.map(
                t,
                b -> b.maximumRecordAgeInSeconds(60)
                        .maximumRetryAttempts(0)
                        .destinationConfig(d -> d.onFailure(f -> f.destination(q.arn()))));
        h.drain(uuid);

        assertThat(h.invocations(t)).isEmpty();
        List<JsonNode> sent = h.messages(q);
        assertThat(sent).hasSize(1);
        JsonNode m = sent.getFirst();
        assertThat(m.has("responseContext")).isFalse();
        assertThat(m.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(m.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(m.at("/requestContext/requestId").isNull()).isTrue();
        assertThat(m.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(2);
        assertThat(m.at("/DDBStreamBatchInfo/startSequenceNumber").asText())
                .isNotEqualTo(m.at("/DDBStreamBatchInfo/endSequenceNumber").asText());

        h.put(t, "young");
        h.drain(uuid);
        assertThat(h.batches(t)).containsExactly(List.of("young"));
    }

    @Test
    void aBatchRetriedPastTheMaximumAgeIsGivenUpWithItsLastResponse() {
        Table t = h.table();
        Queue q = h.queue();
        h.put(t, "poison", "mode", "throw");
        String uuid = h.map(
                t,
                b -> b.maximumRecordAgeInSeconds(60).destinationConfig(d -> d.onFailure(f -> f.destination(q.arn()))));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> h.invocations(t).size() >= 2);
        h.skip(Duration.ofSeconds(61));
        h.drain(uuid);

        int calls = h.invocations(t).size();
        List<JsonNode> sent = h.messages(q);
        assertThat(sent).hasSize(1);
        JsonNode m = sent.getFirst();
        assertThat(m.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(m.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(calls);
        assertThat(m.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(m.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
    }

    private static String shardId(Table t) {
        try (DynamoDbStreamsClient streams = EddyClients.streams(h.server.endpoint())) {
            return streams.describeStream(b -> b.streamArn(t.streamArn()))
                    .streamDescription()
                    .shards()
                    .getFirst()
                    .shardId();
        }
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
