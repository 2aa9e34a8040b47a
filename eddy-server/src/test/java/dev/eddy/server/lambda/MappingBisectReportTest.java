package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.server.lambda.MappingHarness.Invocation;
import dev.eddy.server.lambda.MappingHarness.Queue;
import dev.eddy.server.lambda.MappingHarness.Table;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;

/**
 * BisectBatchOnFunctionError (spec 4.7) and every ReportBatchItemFailures case of spec 4.8: which
 * batches are sent again, and what reaches the on-failure destination.
 */
class MappingBisectReportTest {
    private static final MappingHarness h = MappingHarness.shared();

    @Test
    void bisectSplitsUntilThePoisonRecordFailsAlone() {
        Table t = h.table();
        Queue q = h.queue();
        h.put(t, "a");
        h.put(t, "b");
        h.put(t, "c", "mode", "throw");
        h.put(t, "d");
        String uuid = h.map(
                t,
                b -> b.batchSize(4)
                        .bisectBatchOnFunctionError(true)
                        .maximumRetryAttempts(1)
                        .destinationConfig(d -> d.onFailure(f -> f.destination(q.arn()))));
        h.drain(uuid);

        List<Invocation> calls = h.invocations(t);
        assertThat(calls)
                .extracting(Invocation::ids)
                .containsExactly(
                        List.of("a", "b", "c", "d"),
                        List.of("a", "b"),
                        List.of("c", "d"),
                        List.of("c"),
                        List.of("c"),
                        List.of("d"));
        List<JsonNode> sent = h.messages(q);
        assertThat(sent).hasSize(1);
        JsonNode m = sent.getFirst();
        String c = calls.get(3).sequenceNumbers().getFirst();
        assertThat(m.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
        assertThat(m.at("/DDBStreamBatchInfo/startSequenceNumber").asText()).isEqualTo(c);
        assertThat(m.at("/DDBStreamBatchInfo/endSequenceNumber").asText()).isEqualTo(c);
        // splitting uses no attempt: the single record had its own 1 + MaximumRetryAttempts
        assertThat(m.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(m.at("/requestContext/requestId").asText())
                .isEqualTo(calls.get(4).requestId());
        assertThat(m.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        // the configured BatchSize holds for later batches (written while paused, to be read at once)
        h.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
        Mappings.awaitState(h.lambda, uuid, "Disabled");
        for (String id : List.of("e", "f", "g", "h", "i")) {
            h.put(t, id);
        }
        h.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
        Mappings.awaitState(h.lambda, uuid, "Enabled");
        h.drain(uuid);
        assertThat(h.batches(t)).hasSize(8).endsWith(List.of("e", "f", "g", "h"), List.of("i"));
    }

    @Test
    void withoutBisectTheWholeBatchIsRetried() {
        Table t = h.table();
        h.put(t, "a");
        h.put(t, "b", "mode", "throw");
        String uuid = h.map(t, b -> b.maximumRetryAttempts(1));
        h.drain(uuid);
        assertThat(h.batches(t)).containsExactly(List.of("a", "b"), List.of("a", "b"));
    }

    @Test
    void responsesThatMeanCompleteSuccess() {
        for (String reply : List.of(
                "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}", "{}", "[]", "null", "", "\"done\"")) {
            Outcome o = report(reply, true);
            assertThat(o.batches()).as(reply).containsExactly(List.of("r0", "r1", "r2"));
            assertThat(o.sent()).as(reply).isEmpty();
        }
    }

    @Test
    void responsesThatMeanCompleteFailure() {
        for (String reply : List.of(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
                "{\"batchItemFailures\":[{\"foo\":123}]}",
                "{\"batchItemFailures\":[{}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"123\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"$SEQ\"},{\"itemIdentifier\":\"123\"}]}",
                "{\"batchItemFailures\":{\"itemIdentifier\":\"$SEQ\"}}")) {
            Outcome o = report(reply, true);
            assertThat(o.batches()).as(reply).containsExactly(List.of("r0", "r1", "r2"), List.of("r0", "r1", "r2"));
            assertThat(o.sent()).as(reply).hasSize(1);
            JsonNode m = o.sent().getFirst();
            assertThat(m.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
            assertThat(m.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
            assertThat(m.at("/responseContext/statusCode").asInt()).isEqualTo(200);
            assertThat(m.at("/responseContext/functionError").isNull())
                    .as(reply)
                    .isTrue();
            assertThat(m.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(3);
        }
    }

    @Test
    void theSuffixFromTheLowestReportedRecordIsRetried() {
        Outcome o = report("{\"batchItemFailures\":[{\"itemIdentifier\":\"$SEQ\"}]}", true);
        // r1 answers the reply naming itself: r0 is done, r1 and r2 are sent again
        assertThat(o.batches()).containsExactly(List.of("r0", "r1", "r2"), List.of("r1", "r2"));
        assertThat(o.sent()).hasSize(1);
        JsonNode m = o.sent().getFirst();
        assertThat(m.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(2);
        List<String> seqs = o.calls().getFirst().sequenceNumbers();
        assertThat(m.at("/DDBStreamBatchInfo/startSequenceNumber").asText()).isEqualTo(seqs.get(1));
        assertThat(m.at("/DDBStreamBatchInfo/endSequenceNumber").asText()).isEqualTo(seqs.get(2));
        assertThat(m.at("/responseContext/functionError").isNull()).isTrue();
    }

    @Test
    void severalReportedRecordsRetryFromTheLowest() {
        Table t = h.table();
        Queue q = h.queue();
        h.put(t, "r0");
        h.put(t, "r1");
        h.put(t, "r2", "mode", "fail");
        h.put(t, "r3", "mode", "fail");
        h.put(t, "r4");
        String uuid = h.map(t, b -> rbif(b, q).batchSize(5));
        h.drain(uuid);
        assertThat(h.batches(t)).containsExactly(List.of("r0", "r1", "r2", "r3", "r4"), List.of("r2", "r3", "r4"));
        assertThat(h.messages(q))
                .hasSize(1)
                .first()
                .satisfies(m -> assertThat(m.at("/DDBStreamBatchInfo/batchSize").asInt())
                        .isEqualTo(3));
    }

    @Test
    void aFailingLastRecordAloneReachesTheDestination() {
        Table t = h.table();
        Queue q = h.queue();
        h.put(t, "r0");
        h.put(t, "r1");
        h.put(t, "r2", "mode", "fail");
        String uuid = h.map(t, b -> rbif(b, q));
        h.drain(uuid);
        assertThat(h.batches(t)).containsExactly(List.of("r0", "r1", "r2"), List.of("r2"));
        assertThat(h.messages(q))
                .hasSize(1)
                .first()
                .satisfies(m -> assertThat(m.at("/DDBStreamBatchInfo/batchSize").asInt())
                        .isEqualTo(1));
    }

    @Test
    void withoutReportBatchItemFailuresTheResponseIsIgnored() {
        Outcome o = report("{\"batchItemFailures\":[{\"itemIdentifier\":\"123\"}]}", false);
        assertThat(o.batches()).containsExactly(List.of("r0", "r1", "r2"));
        assertThat(o.sent()).isEmpty();
    }

    private record Outcome(List<Invocation> calls, List<JsonNode> sent) {
        List<List<String>> batches() {
            return calls.stream().map(Invocation::ids).toList();
        }
    }

    /** A batch r0, r1, r2 where r1 makes the probe answer {@code reply}; one retry. */
    private static Outcome report(String reply, boolean reportFailures) {
        Table t = h.table();
        Queue q = h.queue();
        h.put(t, "r0");
        h.put(t, "r1", "mode", "reply", "reply", reply);
        h.put(t, "r2");
        String uuid = h.map(t, b -> {
            rbif(b, q);
            if (!reportFailures) {
                b.functionResponseTypes(List.<FunctionResponseType>of());
            }
        });
        h.drain(uuid);
        return new Outcome(h.invocations(t), h.messages(q));
    }

    private static CreateEventSourceMappingRequest.Builder rbif(CreateEventSourceMappingRequest.Builder b, Queue q) {
        return b.maximumRetryAttempts(1)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .destinationConfig(d -> d.onFailure(f -> f.destination(q.arn())));
    }
}
