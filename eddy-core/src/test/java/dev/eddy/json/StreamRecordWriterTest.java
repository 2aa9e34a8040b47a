package dev.eddy.json;

import static dev.eddy.json.AttributeValueWriterTest.AWKWARD;
import static dev.eddy.json.AttributeValueWriterTest.AWKWARD_JSON;
import static dev.eddy.json.AttributeValueWriterTest.b;
import static dev.eddy.json.AttributeValueWriterTest.n;
import static dev.eddy.json.AttributeValueWriterTest.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.item.AttributeValue;
import dev.eddy.stream.ChangeRecord;
import dev.eddy.stream.ChangeRecord.EventName;
import dev.eddy.table.StreamViewType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stream records in both forms, exactly: GetRecords' and the Lambda event's. */
class StreamRecordWriterTest {
    static final String ARN = "arn:aws:dynamodb:eu-west-1:000000000000:table/t1/stream/2025-02-22T03:03:03.123";
    static final String ID = "c4ca4238a0b923820dcc509a6f75849b";
    static final long MILLIS = 1_740_193_383_999L;

    static final Map<String, AttributeValue> KEYS = Map.of("id", s("hello world"));

    static Map<String, AttributeValue> image() {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("id", s("hello world"));
        image.put("binary_key", b('f', 'o', 'o', 'b', 'a', 'r'));
        image.put("n", n("123456789012345678901234567890.0001"));
        return image;
    }

    static ChangeRecord insert() {
        return new ChangeRecord(
                42, ID, EventName.INSERT, MILLIS, KEYS, image(), null, StreamViewType.NEW_AND_OLD_IMAGES, 70, false);
    }

    static ChangeRecord ttlRemove() {
        return new ChangeRecord(
                43,
                ID,
                EventName.REMOVE,
                MILLIS,
                KEYS,
                null,
                Map.of("exp", n("1723213300")),
                StreamViewType.OLD_IMAGE,
                91,
                true);
    }

    static final String IMAGE_JSON = "{\"id\":{\"S\":\"hello world\"},\"binary_key\":{\"B\":\"Zm9vYmFy\"},"
            + "\"n\":{\"N\":\"123456789012345678901234567890.0001\"}}";

    @Test
    void getRecordsRecords() {
        ChangeRecord modify = new ChangeRecord(
                7, ID, EventName.MODIFY, 999, KEYS, image(), KEYS, StreamViewType.NEW_AND_OLD_IMAGES, 12, false);

        String json = StreamRecordWriter.getRecordsArray(List.of(insert(), modify, ttlRemove()), "eu-west-1");

        assertThat(json)
                .isEqualTo("["
                        + "{\"eventID\":\"" + ID + "\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
                        + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\","
                        + "\"dynamodb\":{\"ApproximateCreationDateTime\":1740193383,\"Keys\":{\"id\":{\"S\":\"hello world\"}},"
                        + "\"NewImage\":" + IMAGE_JSON
                        + ",\"SequenceNumber\":\"100000000000000000042\",\"SizeBytes\":70,"
                        + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}},"
                        + "{\"eventID\":\"" + ID + "\",\"eventName\":\"MODIFY\",\"eventVersion\":\"1.1\","
                        + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\","
                        + "\"dynamodb\":{\"ApproximateCreationDateTime\":0,\"Keys\":{\"id\":{\"S\":\"hello world\"}},"
                        + "\"NewImage\":" + IMAGE_JSON + ",\"OldImage\":{\"id\":{\"S\":\"hello world\"}},"
                        + "\"SequenceNumber\":\"100000000000000000007\",\"SizeBytes\":12,"
                        + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}},"
                        + "{\"eventID\":\"" + ID + "\",\"eventName\":\"REMOVE\",\"eventVersion\":\"1.1\","
                        + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\","
                        + "\"dynamodb\":{\"ApproximateCreationDateTime\":1740193383,\"Keys\":{\"id\":{\"S\":\"hello world\"}},"
                        + "\"OldImage\":{\"exp\":{\"N\":\"1723213300\"}},\"SequenceNumber\":\"100000000000000000043\","
                        + "\"SizeBytes\":91,\"StreamViewType\":\"OLD_IMAGE\"},"
                        + "\"userIdentity\":{\"PrincipalId\":\"dynamodb.amazonaws.com\",\"Type\":\"Service\"}}"
                        + "]");
        assertThat(StreamRecordWriter.getRecordsArray(List.of(), "eu-west-1")).isEqualTo("[]");
    }

    @Test
    void lambdaEvent() {
        byte[] event = StreamRecordWriter.lambdaEvent(List.of(insert()), "eu-west-1", ARN);

        assertThat(new String(event, StandardCharsets.UTF_8))
                .isEqualTo("{\"Records\":["
                        + "{\"eventID\":\"" + ID + "\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
                        + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\","
                        + "\"dynamodb\":{\"ApproximateCreationDateTime\":1740193383.0,"
                        + "\"Keys\":{\"id\":{\"S\":\"hello world\"}},\"NewImage\":" + IMAGE_JSON + ","
                        + "\"SequenceNumber\":\"100000000000000000042\",\"SizeBytes\":70,"
                        + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                        + "\"eventSourceARN\":\"" + ARN + "\"}"
                        + "]}");
        assertThat(new String(StreamRecordWriter.lambdaEvent(List.of(), "eu-west-1", ARN), StandardCharsets.UTF_8))
                .isEqualTo("{\"Records\":[]}");
    }

    @Test
    void lambdaEventOfATtlDeletionNamesTheServiceInLowercaseMembers() {
        byte[] event = StreamRecordWriter.lambdaEvent(List.of(ttlRemove()), "eu-west-1", ARN);

        assertThat(new String(event, StandardCharsets.UTF_8))
                .isEqualTo("{\"Records\":["
                        + "{\"eventID\":\"" + ID + "\",\"eventName\":\"REMOVE\",\"eventVersion\":\"1.1\","
                        + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\","
                        + "\"dynamodb\":{\"ApproximateCreationDateTime\":1740193383.0,"
                        + "\"Keys\":{\"id\":{\"S\":\"hello world\"}},\"OldImage\":{\"exp\":{\"N\":\"1723213300\"}},"
                        + "\"SequenceNumber\":\"100000000000000000043\",\"SizeBytes\":91,\"StreamViewType\":\"OLD_IMAGE\"},"
                        + "\"userIdentity\":{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"},"
                        + "\"eventSourceARN\":\"" + ARN + "\"}"
                        + "]}");
    }

    @Test
    void creationTimeIsRoundedDownToTheSecond() {
        ChangeRecord exact = new ChangeRecord(
                1, ID, EventName.INSERT, 1_700_000_000_000L, KEYS, null, null, StreamViewType.KEYS_ONLY, 13, false);
        ChangeRecord almost = new ChangeRecord(
                2, ID, EventName.INSERT, 1_700_000_000_999L, KEYS, null, null, StreamViewType.KEYS_ONLY, 13, false);

        String event =
                new String(StreamRecordWriter.lambdaEvent(List.of(exact, almost), "r", ARN), StandardCharsets.UTF_8);

        assertThat(event)
                .contains("\"dynamodb\":{\"ApproximateCreationDateTime\":1700000000.0,\"Keys\"")
                .doesNotContain("1700000001");
        assertThat(StreamRecordWriter.getRecordsArray(List.of(exact, almost), "r"))
                .contains("\"dynamodb\":{\"ApproximateCreationDateTime\":1700000000,\"Keys\"")
                .doesNotContain("1700000001");
    }

    @Test
    void lambdaEventIsUtf8WithStringsEscapedOnce() {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("id", s("hello world"));
        image.put(AWKWARD, new AttributeValue.SS(List.of(AWKWARD, "plain")));
        ChangeRecord c = new ChangeRecord(
                5, ID, EventName.INSERT, MILLIS, KEYS, image, null, StreamViewType.NEW_IMAGE, 99, false);

        byte[] event = StreamRecordWriter.lambdaEvent(List.of(c), "eu-west-1", ARN);

        String text = new String(event, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("\"NewImage\":{\"id\":{\"S\":\"hello world\"},\"" + AWKWARD_JSON + "\":{\"SS\":[\""
                        + AWKWARD_JSON + "\",\"plain\"]}}");
        // characters outside the BMP are their four UTF-8 bytes, as AWS sends them, not escapes
        assertThat(text).doesNotContain("\\uD83D").doesNotContain("\\ud83d");
        assertThat(event).containsSequence((byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80);
        assertThat(StreamRecordWriter.getRecordsArray(List.of(c), "eu-west-1"))
                .contains("\"" + AWKWARD_JSON + "\":{\"SS\":[\"" + AWKWARD_JSON + "\",\"plain\"]}");
    }
}
