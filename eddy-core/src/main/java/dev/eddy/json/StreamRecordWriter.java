package dev.eddy.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.eddy.item.AttributeValue;
import dev.eddy.stream.ChangeRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes stream records as JSON, in the two forms AWS gives them.
 *
 * <ul>
 *   <li>The DynamoDB Streams {@code GetRecords} record: {@code eventID}, {@code eventName},
 *       {@code eventVersion} "1.1", {@code eventSource} "aws:dynamodb", {@code awsRegion},
 *       {@code dynamodb} and, for a deletion by the service (TTL), {@code userIdentity} with the
 *       capitalised members {@code PrincipalId} and {@code Type}. {@code ApproximateCreationDateTime}
 *       is whole epoch seconds ({@code 1719405507}).
 *   <li>The record of the event a DynamoDB event source mapping sends to a Lambda function: the same
 *       members, {@code userIdentity} with lowercase {@code type} and {@code principalId}, then
 *       {@code eventSourceARN} (the stream ARN). {@code ApproximateCreationDateTime} is the epoch
 *       seconds as Lambda renders them, rounded down and with one decimal ({@code 1740193383.0}).
 * </ul>
 *
 * <p>{@code dynamodb} holds {@code ApproximateCreationDateTime}, {@code Keys}, {@code NewImage} and
 * {@code OldImage} (each only when the record has it), {@code SequenceNumber}, {@code SizeBytes} and
 * {@code StreamViewType}; images are written by {@link AttributeValueWriter}. Stateless and
 * thread-safe.
 */
public final class StreamRecordWriter {
    // UTF-8 output writes a character outside the BMP as its four bytes, as the text form does,
    // rather than as an escaped surrogate pair
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private static final String VERSION = "1.1";
    private static final String SOURCE = "aws:dynamodb";
    private static final String SERVICE_PRINCIPAL = "dynamodb.amazonaws.com";

    private StreamRecordWriter() {}

    /** The JSON text of GetRecords' {@code Records} array, for the response to embed as is. */
    public static String getRecordsArray(List<ChangeRecord> records, String region) {
        StringWriter out = new StringWriter(Math.max(16, records.size() * 256));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (ChangeRecord c : records) {
                writeGetRecordsRecord(g, c, region);
            }
            g.writeEndArray();
        } catch (IOException e) {
            // a StringWriter does not fail
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes one record as GetRecords returns it, at the generator's position. */
    public static void writeGetRecordsRecord(JsonGenerator g, ChangeRecord c, String region) throws IOException {
        head(g, c, region);
        g.writeNumberField("ApproximateCreationDateTime", seconds(c));
        body(g, c);
        if (c.byService()) {
            g.writeObjectFieldStart("userIdentity");
            g.writeStringField("PrincipalId", SERVICE_PRINCIPAL);
            g.writeStringField("Type", "Service");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * The event a DynamoDB event source mapping passes to a function for one batch:
     * {@code {"Records":[...]}} in UTF-8, records in the order given.
     *
     * @param eventSourceArn the ARN of the stream the records come from
     */
    public static byte[] lambdaEvent(List<ChangeRecord> records, String region, String eventSourceArn) {
        ByteArrayBuilder out = new ByteArrayBuilder(Math.max(64, records.size() * 384));
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (ChangeRecord c : records) {
                writeLambdaRecord(g, c, region, eventSourceArn);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            // an in-memory buffer does not fail
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * One record as a Lambda event carries it, alone, in UTF-8: the element of the event's
     * {@code Records} array (an event source mapping serialises each record once and joins them).
     */
    public static byte[] lambdaRecord(ChangeRecord c, String region, String eventSourceArn) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            writeLambdaRecord(g, c, region, eventSourceArn);
        } catch (IOException e) {
            // an in-memory buffer does not fail
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes one record as a Lambda event carries it, at the generator's position (for a payload
     * with members of its own around the {@code Records} array).
     *
     * @param eventSourceArn the ARN of the stream the record comes from
     */
    public static void writeLambdaRecord(JsonGenerator g, ChangeRecord c, String region, String eventSourceArn)
            throws IOException {
        head(g, c, region);
        // Lambda renders the whole seconds as a decimal number: 1740193383.0
        g.writeFieldName("ApproximateCreationDateTime");
        g.writeNumber(seconds(c) + ".0");
        body(g, c);
        if (c.byService()) {
            g.writeObjectFieldStart("userIdentity");
            g.writeStringField("type", "Service");
            g.writeStringField("principalId", SERVICE_PRINCIPAL);
            g.writeEndObject();
        }
        g.writeStringField("eventSourceARN", eventSourceArn);
        g.writeEndObject();
    }

    /** Opens the record and its {@code dynamodb} member. */
    private static void head(JsonGenerator g, ChangeRecord c, String region) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventID", c.eventId());
        g.writeStringField("eventName", c.eventName().name());
        g.writeStringField("eventVersion", VERSION);
        g.writeStringField("eventSource", SOURCE);
        g.writeStringField("awsRegion", region);
        g.writeObjectFieldStart("dynamodb");
    }

    /** The rest of the {@code dynamodb} member, closed. */
    private static void body(JsonGenerator g, ChangeRecord c) throws IOException {
        image(g, "Keys", c.keys());
        image(g, "NewImage", c.newImage());
        image(g, "OldImage", c.oldImage());
        g.writeStringField("SequenceNumber", c.sequenceNumber());
        g.writeNumberField("SizeBytes", c.sizeBytes());
        g.writeStringField(
                "StreamViewType",
                c.streamViewType() == null ? null : c.streamViewType().name());
        g.writeEndObject();
    }

    private static void image(JsonGenerator g, String member, Map<String, AttributeValue> item) throws IOException {
        if (item != null) {
            g.writeFieldName(member);
            AttributeValueWriter.writeItem(g, item);
        }
    }

    /** Epoch seconds, rounded down as AWS does. */
    private static long seconds(ChangeRecord c) {
        return Math.floorDiv(c.approximateCreationMillis(), 1000);
    }
}
