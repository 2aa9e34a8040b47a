package dev.eddy.server.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.json.StreamRecordWriter;
import dev.eddy.server.http.JsonOperation;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.server.http.JsonService;
import dev.eddy.server.http.RequestIds;
import dev.eddy.stream.ChangeLog;
import dev.eddy.stream.RecordsPage;
import dev.eddy.stream.ShardInfo;
import dev.eddy.stream.ShardIteratorType;
import dev.eddy.stream.StreamDescription;
import dev.eddy.stream.StreamSummary;
import dev.eddy.stream.StreamsApi;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DynamoDB Streams API (JSON 1.0, target prefix {@code DynamoDBStreams_20120810}) on the
 * DynamoDB endpoint: parse and validate, call the change log's {@link StreamsApi}, render. The
 * front door dispatches to it and renders its errors, with DynamoDB's request ids and checksums.
 */
public final class StreamsHttp implements JsonService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Set<String> ITERATOR_TYPES =
            Set.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER");
    private static final Set<String> FILTER_TYPES = Set.of("CHILD_SHARDS");
    private static final int MAX_RECORDS = 1000;
    private static final long MAX_BYTES = 1024 * 1024;

    private final StreamsApi api;
    private final String region;
    private final Map<String, JsonOperation> operations = Map.of(
            "ListStreams", this::listStreams,
            "DescribeStream", this::describeStream,
            "GetShardIterator", this::getShardIterator,
            "GetRecords", this::getRecords);

    public StreamsHttp(ChangeLog log, String region) {
        this.api = log.api();
        this.region = region;
    }

    @Override
    public String targetPrefix() {
        return "DynamoDBStreams_20120810";
    }

    @Override
    public JsonOperation operation(String name) {
        return operations.get(name);
    }

    @Override
    public String newRequestId() {
        return RequestIds.dynamoDbStyle();
    }

    @Override
    public boolean sendsCrc32() {
        return true;
    }

    ObjectNode listStreams(JsonRequest r) {
        String table = r.string("TableName");
        Long limit = r.number("Limit");
        String start = r.string("ExclusiveStartStreamArn");
        r.length("tableName", table, 3, 255);
        r.pattern("tableName", table, TABLE_NAME);
        r.range("limit", limit, 1, 100);
        r.length("exclusiveStartStreamArn", start, 37, 1024);
        r.check();
        StreamsApi.Page<StreamSummary> page = api.listStreams(table, start, limit == null ? 100 : limit.intValue());
        ObjectNode out = NODES.objectNode();
        ArrayNode streams = out.putArray("Streams");
        for (StreamSummary s : page.items()) {
            streams.addObject()
                    .put("StreamArn", s.streamArn())
                    .put("TableName", s.tableName())
                    .put("StreamLabel", s.streamLabel());
        }
        if (page.lastEvaluated() != null) {
            out.put("LastEvaluatedStreamArn", page.lastEvaluated());
        }
        return out;
    }

    ObjectNode describeStream(JsonRequest r) {
        String arn = r.string("StreamArn");
        Long limit = r.number("Limit");
        String start = r.string("ExclusiveStartShardId");
        ObjectNode filter = r.object("ShardFilter");
        String filterType = filter == null ? null : JsonRequest.string(filter, "Type");
        String filterShard = filter == null ? null : JsonRequest.string(filter, "ShardId");
        r.required("streamArn", arn);
        r.length("streamArn", arn, 37, 1024);
        r.range("limit", limit, 1, 100);
        r.length("exclusiveStartShardId", start, 28, 65);
        r.oneOf("shardFilter.type", filterType, FILTER_TYPES);
        r.length("shardFilter.shardId", filterShard, 28, 65);
        r.check();
        if (filter != null && (filterType == null || filterShard == null)) {
            throw EddyException.validation("ShardFilter requires both Type and ShardId");
        }
        StreamDescription d = api.describe(arn, limit == null ? 100 : limit.intValue(), start, filterShard);
        ObjectNode desc = NODES.objectNode();
        desc.put("StreamArn", d.streamArn());
        desc.put("StreamLabel", d.streamLabel());
        desc.put("StreamStatus", d.status());
        desc.put("StreamViewType", d.viewType() == null ? null : d.viewType().name());
        desc.put("CreationRequestDateTime", d.createdMillis() / 1000.0);
        desc.put("TableName", d.tableName());
        ArrayNode ks = desc.putArray("KeySchema");
        ks.addObject().put("AttributeName", d.hashKey()).put("KeyType", "HASH");
        if (d.rangeKey() != null) {
            ks.addObject().put("AttributeName", d.rangeKey()).put("KeyType", "RANGE");
        }
        ArrayNode shards = desc.putArray("Shards");
        for (ShardInfo s : d.shards()) {
            ObjectNode o = shards.addObject();
            o.put("ShardId", s.shardId());
            ObjectNode range = o.putObject("SequenceNumberRange");
            range.put("StartingSequenceNumber", s.startingSequence());
            if (s.endingSequence() != null) {
                range.put("EndingSequenceNumber", s.endingSequence());
            }
            if (s.parentShardId() != null) {
                o.put("ParentShardId", s.parentShardId());
            }
        }
        if (d.lastEvaluatedShardId() != null) {
            desc.put("LastEvaluatedShardId", d.lastEvaluatedShardId());
        }
        ObjectNode out = NODES.objectNode();
        out.set("StreamDescription", desc);
        return out;
    }

    ObjectNode getShardIterator(JsonRequest r) {
        String arn = r.string("StreamArn");
        String shard = r.string("ShardId");
        String type = r.string("ShardIteratorType");
        String seq = r.string("SequenceNumber");
        r.required("streamArn", arn);
        r.required("shardId", shard);
        r.required("shardIteratorType", type);
        r.length("streamArn", arn, 37, 1024);
        r.length("shardId", shard, 28, 65);
        r.oneOf("shardIteratorType", type, ITERATOR_TYPES);
        r.length("sequenceNumber", seq, 21, 40);
        r.check();
        if (seq != null && !seq.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw EddyException.validation("Invalid SequenceNumber: " + seq);
        }
        ObjectNode out = NODES.objectNode();
        out.put("ShardIterator", api.shardIterator(arn, shard, ShardIteratorType.fromWire(type), seq));
        return out;
    }

    ObjectNode getRecords(JsonRequest r) {
        String iterator = r.string("ShardIterator");
        Long limit = r.number("Limit");
        r.required("shardIterator", iterator);
        r.length("shardIterator", iterator, 1, 2048);
        r.range("limit", limit, 1, Integer.MAX_VALUE);
        r.check();
        if (limit != null && limit > MAX_RECORDS) {
            throw new EddyException(ErrorCode.LIMIT_EXCEEDED, "Limit must be less than or equal to 1000");
        }
        RecordsPage page = api.getRecords(iterator, limit == null ? MAX_RECORDS : limit.intValue(), MAX_BYTES);
        ObjectNode out = NODES.objectNode();
        // written straight to JSON text: a tree of a thousand records costs more than the read
        out.putRawValue("Records", new RawValue(StreamRecordWriter.getRecordsArray(page.records(), region)));
        if (page.nextShardIterator() != null) {
            out.put("NextShardIterator", page.nextShardIterator());
        }
        return out;
    }
}
