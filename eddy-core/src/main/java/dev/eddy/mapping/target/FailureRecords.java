package dev.eddy.mapping.target;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eddy.mapping.shard.FailedBatch;
import dev.eddy.mapping.shard.ShardRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The record an event source mapping sends to its on-failure destination for records it gave up
 * on (spec 4.9): {@code requestContext}, {@code responseContext} (absent when no invocation of
 * these records was made), {@code version}, {@code timestamp} and {@code DDBStreamBatchInfo}.
 * Stateless and thread-safe.
 */
public final class FailureRecords {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FailureRecords() {}

    /**
     * The JSON text of the record.
     *
     * @param last the last invocation of these records, or null when none was made
     * @param now when the record is produced
     */
    public static String json(
            FailedBatch failed, Invoked last, String functionArn, String shardId, String streamArn, Instant now) {
        StringWriter out = new StringWriter(768);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("requestContext");
            g.writeStringField("requestId", last == null || last.requestId() == null ? null : last.requestId());
            g.writeStringField("functionArn", functionArn);
            g.writeStringField("condition", failed.condition().name());
            g.writeNumberField("approximateInvokeCount", failed.approximateInvokeCount());
            g.writeEndObject();
            if (failed.invoked() && last != null) {
                g.writeObjectFieldStart("responseContext");
                g.writeNumberField("statusCode", last.statusCode());
                g.writeStringField("executedVersion", last.executedVersion());
                g.writeStringField("functionError", failed.functionError());
                g.writeEndObject();
            }
            g.writeStringField("version", "1.0");
            g.writeStringField("timestamp", MILLIS.format(now));
            ShardRecord first = failed.records().getFirst();
            ShardRecord lastRecord = failed.records().getLast();
            g.writeObjectFieldStart("DDBStreamBatchInfo");
            g.writeStringField("shardId", shardId);
            g.writeStringField("startSequenceNumber", first.id());
            g.writeStringField("endSequenceNumber", lastRecord.id());
            g.writeStringField("approximateArrivalOfFirstRecord", EventPayloads.seconds(first.createdAt()));
            g.writeStringField("approximateArrivalOfLastRecord", EventPayloads.seconds(lastRecord.createdAt()));
            g.writeNumberField("batchSize", failed.records().size());
            g.writeStringField("streamArn", streamArn);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
