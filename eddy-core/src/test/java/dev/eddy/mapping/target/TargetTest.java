package dev.eddy.mapping.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.mapping.shard.FailedBatch;
import dev.eddy.mapping.shard.InvokeOutcome;
import dev.eddy.mapping.shard.ShardRecord;
import dev.eddy.mapping.shard.Window;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event, the response reading, the filters and the on-failure record of a mapping. */
class TargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InvokeOutcome.Returned returned(String response) {
        return Invocations.returned(response == null ? null : response.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aResponseWithoutAReportIsAPlainSuccess() {
        for (String r : Arrays.asList(null, "", "null", "{}", "[]", "\"ok\"", "42", "not json")) {
            assertThat(returned(r)).as(r).isEqualTo(new InvokeOutcome.Returned(null, null));
        }
        assertThat(returned("{\"batchItemFailures\":null}").batchItemFailures()).isNull();
        assertThat(returned("{\"batchItemFailures\":[]}").batchItemFailures()).isEmpty();
    }

    @Test
    void itemIdentifiersAreReadInOrderAndUnusableOnesBecomeNull() {
        InvokeOutcome.Returned r = returned("{\"batchItemFailures\":[{\"itemIdentifier\":\"200\"},"
                + "{\"itemIdentifier\":\"\"},{\"itemIdentifier\":null},{\"foo\":123},{\"itemIdentifier\":7},"
                + "\"x\",{\"itemIdentifier\":\"100\",\"other\":{\"a\":[1]}}],\"extra\":[1,2]}");
        assertThat(r.batchItemFailures()).containsExactly("200", null, null, null, null, null, "100");
        assertThat(returned("{\"batchItemFailures\":\"all\"}").batchItemFailures())
                .containsExactly((String) null);
    }

    @Test
    void theWindowStateIsKeptAsJsonText() {
        InvokeOutcome.Returned r = returned("{\"state\":{\"1\":282,\"n\":{\"x\":[true]}},\"batchItemFailures\":[]}");
        assertThat(r.state()).isEqualTo("{\"1\":282,\"n\":{\"x\":[true]}}");
        assertThat(returned("{\"state\":null}").state()).isNull();
    }

    @Test
    void theEventJoinsRecordsAndCarriesTheWindow() throws Exception {
        List<byte[]> records = List.of(
                "{\"eventID\":\"a\"}".getBytes(StandardCharsets.UTF_8),
                "{\"eventID\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode plain = JSON.readTree(EventPayloads.event(records, null, "shardId-1", "arn:s"));
        assertThat(plain.toString()).isEqualTo("{\"Records\":[{\"eventID\":\"a\"},{\"eventID\":\"b\"}]}");

        Window first = new Window(
                Instant.parse("2020-07-30T17:00:00Z"), Instant.parse("2020-07-30T17:05:00Z"), null, false, false);
        JsonNode w = JSON.readTree(EventPayloads.event(records, first, "shard\"1", "arn:s"));
        assertThat(w.toString())
                .isEqualTo("{\"Records\":[{\"eventID\":\"a\"},{\"eventID\":\"b\"}],"
                        + "\"window\":{\"start\":\"2020-07-30T17:00:00Z\",\"end\":\"2020-07-30T17:05:00Z\"},"
                        + "\"state\":{},\"shardId\":\"shard\\\"1\",\"eventSourceARN\":\"arn:s\","
                        + "\"isFinalInvokeForWindow\":false,\"isWindowTerminatedEarly\":false}");
        Window last = new Window(first.start(), first.end(), "{\"n\":2}", true, true);
        JsonNode f = JSON.readTree(EventPayloads.event(List.of(), last, "s", "arn:s"));
        assertThat(f.get("Records")).isEmpty();
        assertThat(f.get("state").get("n").asInt()).isEqualTo(2);
        assertThat(f.get("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(f.get("isWindowTerminatedEarly").asBoolean()).isTrue();
    }

    @Test
    void filtersMatchTheLambdaRecordWithTypeDescriptors() {
        byte[] record = ("{\"eventName\":\"INSERT\",\"dynamodb\":{\"NewImage\":{\"k\":{\"S\":\"v\"},"
                        + "\"n\":{\"N\":\"101\"}}},\"userIdentity\":{\"type\":\"Service\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(RecordFilter.of(null).passes(record)).isTrue();
        assertThat(RecordFilter.of(List.of("{\"eventName\":[\"INSERT\"]}")).passes(record))
                .isTrue();
        assertThat(RecordFilter.of(List.of("{\"dynamodb\":{\"NewImage\":{\"k\":{\"S\":[\"v\"]}}}}"))
                        .passes(record))
                .isTrue();
        // without the type descriptor nothing matches (spec 4.10)
        assertThat(RecordFilter.of(List.of("{\"dynamodb\":{\"NewImage\":{\"k\":[\"v\"]}}}"))
                        .passes(record))
                .isFalse();
        // N values are strings: numeric does not match them
        assertThat(RecordFilter.of(List.of("{\"dynamodb\":{\"NewImage\":{\"n\":{\"N\":[{\"numeric\":[\">\",100]}]}}}}"))
                        .passes(record))
                .isFalse();
        assertThat(RecordFilter.of(List.of("{\"dynamodb\":{\"NewImage\":{\"gone\":[{\"exists\":false}]}}}"))
                        .passes(record))
                .isTrue();
        // filters are ORed
        assertThat(RecordFilter.of(
                                List.of("{\"eventName\":[\"REMOVE\"]}", "{\"userIdentity\":{\"type\":[\"Service\"]}}"))
                        .passes(record))
                .isTrue();
        assertThat(RecordFilter.of(List.of("{\"eventName\":[\"REMOVE\"]}")).passes(record))
                .isFalse();
    }

    @Test
    void theFailureRecordDescribesTheDiscardedRecords() throws Exception {
        Instant t1 = Instant.parse("2019-11-14T00:13:19.400Z");
        Instant t2 = Instant.parse("2019-11-14T00:13:20.900Z");
        FailedBatch failed = new FailedBatch(
                List.of(
                        new ShardRecord(1, "800000000003126276362", 0, t1, 10, false),
                        new ShardRecord(2, "800000000003126276363", 0, t2, 10, false)),
                FailedBatch.Condition.RetryAttemptsExhausted,
                3,
                true,
                "Unhandled");
        Invoked last =
                new Invoked(new InvokeOutcome.FunctionError("Unhandled"), "req-1", 200, "$LATEST", "Unhandled", "x");
        JsonNode r = JSON.readTree(FailureRecords.json(
                failed, last, "arn:fn", "shardId-1", "arn:stream", Instant.parse("2019-11-14T00:13:49.717Z")));
        assertThat(r.toString())
                .isEqualTo(
                        "{\"requestContext\":{\"requestId\":\"req-1\",\"functionArn\":\"arn:fn\","
                                + "\"condition\":\"RetryAttemptsExhausted\",\"approximateInvokeCount\":3},"
                                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"},"
                                + "\"version\":\"1.0\",\"timestamp\":\"2019-11-14T00:13:49.717Z\","
                                + "\"DDBStreamBatchInfo\":{\"shardId\":\"shardId-1\",\"startSequenceNumber\":\"800000000003126276362\","
                                + "\"endSequenceNumber\":\"800000000003126276363\",\"approximateArrivalOfFirstRecord\":\"2019-11-14T00:13:19Z\","
                                + "\"approximateArrivalOfLastRecord\":\"2019-11-14T00:13:20Z\",\"batchSize\":2,\"streamArn\":\"arn:stream\"}}");

        FailedBatch aged = new FailedBatch(failed.records(), FailedBatch.Condition.RecordAgeExceeded, 1, false, null);
        JsonNode a = JSON.readTree(FailureRecords.json(aged, null, "arn:fn", "s", "arn:stream", t2));
        assertThat(a.has("responseContext")).isFalse();
        assertThat(a.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(a.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(a.get("timestamp").asText()).isEqualTo("2019-11-14T00:13:20.900Z");
    }
}
