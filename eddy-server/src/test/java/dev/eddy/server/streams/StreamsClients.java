package dev.eddy.server.streams;

import dev.eddy.server.EddyServer;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestTables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** SDK clients and a lineage-following reader for the black-box stream tests. */
final class StreamsClients {
    private StreamsClients() {}

    static DynamoDbStreamsClient streams(EddyServer server) {
        return EddyClients.streams(server.endpoint());
    }

    /** A table keyed by id (S) with a stream of {@code view}, or none when null. */
    static CreateTableRequest table(String name, StreamViewType view) {
        CreateTableRequest.Builder b = TestTables.hashTable(name);
        if (view != null) {
            b.streamSpecification(s -> s.streamEnabled(true).streamViewType(view));
        }
        return b.build();
    }

    /** Every shard of a stream, following LastEvaluatedShardId pages. */
    static List<Shard> shards(DynamoDbStreamsClient client, String arn) {
        List<Shard> out = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            DescribeStreamResponse r =
                    client.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(from));
            out.addAll(r.streamDescription().shards());
            start = r.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        return out;
    }

    /**
     * Reads a whole stream as a consumer that respects lineage would: a shard only once its parent
     * was read to its end, each closed shard until NextShardIterator is absent, each open shard
     * until a call returns nothing. Records in the order read.
     */
    static List<Record> readAll(DynamoDbStreamsClient client, String arn) {
        List<Shard> shards = shards(client, arn);
        Set<String> known = new HashSet<>();
        shards.forEach(s -> known.add(s.shardId()));
        Set<String> done = new HashSet<>();
        List<Record> out = new ArrayList<>();
        Map<String, Shard> pending = new LinkedHashMap<>();
        shards.forEach(s -> pending.put(s.shardId(), s));
        while (!pending.isEmpty()) {
            Shard next = pending.values().stream()
                    .filter(s -> s.parentShardId() == null
                            || !known.contains(s.parentShardId())
                            || done.contains(s.parentShardId()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("lineage cycle in " + pending.keySet()));
            out.addAll(readShard(client, arn, next));
            done.add(next.shardId());
            pending.remove(next.shardId());
        }
        return out;
    }

    static List<Record> readShard(DynamoDbStreamsClient client, String arn, Shard shard) {
        List<Record> out = new ArrayList<>();
        String it = client.getShardIterator(b ->
                        b.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        while (it != null) {
            String cur = it;
            GetRecordsResponse r = client.getRecords(b -> b.shardIterator(cur));
            out.addAll(r.records());
            boolean open = shard.sequenceNumberRange().endingSequenceNumber() == null;
            if (open && r.records().isEmpty()) {
                break;
            }
            it = r.nextShardIterator();
        }
        return out;
    }
}
