package dev.eddy.json;

import static dev.eddy.json.AttributeValueWriterTest.AWKWARD;
import static dev.eddy.json.AttributeValueWriterTest.b;
import static dev.eddy.json.AttributeValueWriterTest.n;
import static dev.eddy.json.AttributeValueWriterTest.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.eddy.item.AttributeValue;
import dev.eddy.stream.ChangeRecord;
import dev.eddy.stream.ChangeRecord.EventName;
import dev.eddy.table.StreamViewType;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Eddy writes for a function is what a Java handler reads: the event deserializes into
 * {@code aws-lambda-java-events}' {@link DynamodbEvent} with the serializer the AWS Java runtime
 * uses for it, every member and every attribute type intact.
 */
class LambdaEventCompatibilityTest {
    private static final String ARN = StreamRecordWriterTest.ARN;

    private final PojoSerializer<DynamodbEvent> serializer =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader());

    @Test
    void aJavaHandlerReadsEveryMemberAndAttributeType() {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("id", s("hello world"));
        image.put("n", n("-12.50"));
        image.put("b", b(0x00, 0xff, 0xfe));
        image.put("bool", new AttributeValue.Bool(true));
        image.put("null", AttributeValue.NULL);
        image.put("ss", new AttributeValue.SS(List.of("x", AWKWARD)));
        image.put("ns", new AttributeValue.NS(List.of(new BigDecimal("1"), new BigDecimal("2.5"))));
        image.put("bs", new AttributeValue.BS(List.of(b('f', 'o', 'o'), b(0xff))));
        image.put("l", new AttributeValue.L(List.of(s("a"), n("1"))));
        image.put("m", new AttributeValue.M(Map.of("inner", s(AWKWARD))));
        ChangeRecord insert = new ChangeRecord(
                42,
                StreamRecordWriterTest.ID,
                EventName.INSERT,
                1_740_193_383_999L,
                Map.of("id", s("hello world")),
                image,
                null,
                StreamViewType.NEW_IMAGE,
                70,
                false);

        DynamodbEvent event = read(StreamRecordWriter.lambdaEvent(List.of(insert), "eu-west-1", ARN));

        assertThat(event.getRecords()).hasSize(1);
        DynamodbEvent.DynamodbStreamRecord r = event.getRecords().getFirst();
        assertThat(r.getEventID()).isEqualTo(StreamRecordWriterTest.ID);
        assertThat(r.getEventName()).isEqualTo("INSERT");
        assertThat(r.getEventVersion()).isEqualTo("1.1");
        assertThat(r.getEventSource()).isEqualTo("aws:dynamodb");
        assertThat(r.getAwsRegion()).isEqualTo("eu-west-1");
        assertThat(r.getEventSourceARN()).isEqualTo(ARN);
        assertThat(r.getUserIdentity()).isNull();
        StreamRecord d = r.getDynamodb();
        assertThat(d.getApproximateCreationDateTime()).isEqualTo(new Date(1_740_193_383_000L));
        assertThat(d.getKeys()).containsOnlyKeys("id");
        assertThat(d.getKeys().get("id").getS()).isEqualTo("hello world");
        assertThat(d.getOldImage()).isNull();
        assertThat(d.getSequenceNumber()).isEqualTo("100000000000000000042");
        assertThat(d.getSizeBytes()).isEqualTo(70L);
        assertThat(d.getStreamViewType()).isEqualTo("NEW_IMAGE");
        assertImage(d.getNewImage());
    }

    private static void assertImage(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> img) {
        assertThat(img).containsOnlyKeys("id", "n", "b", "bool", "null", "ss", "ns", "bs", "l", "m");
        assertThat(img.get("id").getS()).isEqualTo("hello world");
        assertThat(img.get("n").getN()).isEqualTo("-12.5");
        assertThat(bytes(img.get("b").getB())).containsExactly(0x00, 0xff, 0xfe);
        assertThat(img.get("bool").getBOOL()).isTrue();
        assertThat(img.get("null").getNULL()).isTrue();
        assertThat(img.get("ss").getSS()).containsExactly("x", AWKWARD);
        assertThat(img.get("ns").getNS()).containsExactly("1", "2.5");
        assertThat(img.get("bs").getBS())
                .extracting(LambdaEventCompatibilityTest::bytes)
                .containsExactly(new int[] {'f', 'o', 'o'}, new int[] {0xff});
        assertThat(img.get("l").getL())
                .extracting(v -> v.getS() != null ? v.getS() : v.getN())
                .containsExactly("a", "1");
        assertThat(img.get("m").getM().get("inner").getS()).isEqualTo(AWKWARD);
    }

    @Test
    void aJavaHandlerSeesTheServiceBehindATtlDeletion() {
        ChangeRecord remove = new ChangeRecord(
                43,
                StreamRecordWriterTest.ID,
                EventName.REMOVE,
                1_723_439_725_000L,
                Map.of("id", s("1")),
                null,
                Map.of("id", s("1"), "exp", n("1723213300")),
                StreamViewType.NEW_AND_OLD_IMAGES,
                40,
                true);

        DynamodbEvent event = read(StreamRecordWriter.lambdaEvent(List.of(remove), "ap-northeast-1", ARN));

        DynamodbEvent.DynamodbStreamRecord r = event.getRecords().getFirst();
        assertThat(r.getEventName()).isEqualTo("REMOVE");
        assertThat(r.getUserIdentity()).isNotNull();
        assertThat(r.getUserIdentity().getType()).isEqualTo("Service");
        assertThat(r.getUserIdentity().getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(r.getDynamodb().getApproximateCreationDateTime()).isEqualTo(new Date(1_723_439_725_000L));
        assertThat(r.getDynamodb().getOldImage().get("exp").getN()).isEqualTo("1723213300");
        assertThat(r.getDynamodb().getNewImage()).isNull();
    }

    private DynamodbEvent read(byte[] json) {
        return serializer.fromJson(new ByteArrayInputStream(json));
    }

    private static int[] bytes(ByteBuffer b) {
        ByteBuffer copy = b.duplicate();
        int[] out = new int[copy.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = copy.get() & 0xff;
        }
        return out;
    }
}
