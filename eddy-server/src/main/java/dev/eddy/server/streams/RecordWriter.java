package dev.eddy.server.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eddy.item.AttributeValue;
import dev.eddy.server.dynamodb.AttributeValueJson;
import dev.eddy.stream.ChangeRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes GetRecords' Records array as JSON text with a streaming generator. */
final class RecordWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordWriter() {
    }

    static String records(List<ChangeRecord> records, String region) {
        StringWriter out = new StringWriter(Math.max(16, records.size() * 256));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (ChangeRecord c : records) {
                record(g, c, region);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void record(JsonGenerator g, ChangeRecord c, String region) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventID", c.eventId());
        g.writeStringField("eventName", c.eventName().name());
        g.writeStringField("eventVersion", "1.1");
        g.writeStringField("eventSource", "aws:dynamodb");
        g.writeStringField("awsRegion", region);
        g.writeObjectFieldStart("dynamodb");
        g.writeNumberField("ApproximateCreationDateTime", c.approximateCreationMillis() / 1000);
        item(g, "Keys", c.keys());
        if (c.newImage() != null) {
            item(g, "NewImage", c.newImage());
        }
        if (c.oldImage() != null) {
            item(g, "OldImage", c.oldImage());
        }
        g.writeStringField("SequenceNumber", c.sequenceNumber());
        g.writeNumberField("SizeBytes", c.sizeBytes());
        g.writeStringField("StreamViewType", c.streamViewType());
        g.writeEndObject();
        if (c.byService()) {
            // GetRecords' Identity members are capitalised (the Lambda event uses lowercase)
            g.writeObjectFieldStart("userIdentity");
            g.writeStringField("PrincipalId", "dynamodb.amazonaws.com");
            g.writeStringField("Type", "Service");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void item(JsonGenerator g, String field, Map<String, AttributeValue> item) throws IOException {
        g.writeFieldName(field);
        AttributeValueJson.write(g, item);
    }
}
