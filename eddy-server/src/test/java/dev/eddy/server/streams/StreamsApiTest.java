package dev.eddy.server.streams;

import static dev.eddy.server.streams.StreamsClients.readAll;
import static dev.eddy.server.streams.StreamsClients.shards;
import static dev.eddy.server.streams.StreamsClients.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The four Streams operations, the record shapes per view type and event, and their errors. */
class StreamsApiTest extends InMemoryServerTest {
    static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() {
        streams = StreamsClients.streams(server);
    }

    @AfterAll
    static void stop() {
        streams.close();
    }

    static Map<String, AttributeValue> item(String id, String... attrs) {
        java.util.HashMap<String, AttributeValue> m = new java.util.HashMap<>();
        m.put("id", AttributeValue.fromS(id));
        for (int i = 0; i < attrs.length; i += 2) {
            m.put(attrs[i], AttributeValue.fromS(attrs[i + 1]));
        }
        return m;
    }

    static String createWithStream(StreamViewType view) {
        String name = TestNames.unique("st");
        ddb.createTable(table(name, view));
        return name;
    }

    static String arnOf(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    @Test
    void tableDescriptionCarriesTheLatestStream() {
        String name = TestNames.unique("st");
        TableDescription created =
                ddb.createTable(table(name, StreamViewType.NEW_AND_OLD_IMAGES)).tableDescription();
        assertThat(created.streamSpecification().streamEnabled()).isTrue();
        assertThat(created.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(created.latestStreamLabel()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(created.latestStreamArn()).isEqualTo(created.tableArn() + "/stream/" + created.latestStreamLabel());
        TableDescription described = ddb.describeTable(b -> b.tableName(name)).table();
        assertThat(described.latestStreamArn()).isEqualTo(created.latestStreamArn());

        String plain = TestNames.unique("plain");
        TableDescription none = ddb.createTable(table(plain, null)).tableDescription();
        assertThat(none.latestStreamArn()).isNull();
        assertThat(none.streamSpecification()).isNull();
    }

    @Test
    void listAndDescribe() {
        String name = createWithStream(StreamViewType.KEYS_ONLY);
        String arn = arnOf(name);
        ListStreamsResponse listed = streams.listStreams(b -> b.tableName(name));
        assertThat(listed.streams()).hasSize(1);
        assertThat(listed.streams().getFirst().streamArn()).isEqualTo(arn);
        assertThat(listed.streams().getFirst().tableName()).isEqualTo(name);
        assertThat(listed.lastEvaluatedStreamArn()).isNull();

        StreamDescription d = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
        assertThat(d.streamArn()).isEqualTo(arn);
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(d.streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(d.tableName()).isEqualTo(name);
        assertThat(d.keySchema()).hasSize(1);
        assertThat(d.keySchema().getFirst().attributeName()).isEqualTo("id");
        assertThat(d.creationRequestDateTime()).isNotNull();
        assertThat(d.shards()).hasSize(4);
        for (Shard s : d.shards()) {
            assertThat(s.shardId()).matches("shardId-\\d{20}-[0-9a-f]{8}");
            assertThat(s.parentShardId()).isNull();
            assertThat(s.sequenceNumberRange().startingSequenceNumber()).matches("\\d{21,40}");
            assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNull();
        }
        assertThat(d.shards().stream().map(Shard::shardId).toList()).isSorted();

        // paging over shards
        DescribeStreamResponse first =
                streams.describeStream(b -> b.streamArn(arn).limit(3));
        assertThat(first.streamDescription().shards()).hasSize(3);
        assertThat(first.streamDescription().lastEvaluatedShardId())
                .isEqualTo(first.streamDescription().shards().get(2).shardId());
        DescribeStreamResponse rest = streams.describeStream(b ->
                b.streamArn(arn).exclusiveStartShardId(first.streamDescription().lastEvaluatedShardId()));
        assertThat(rest.streamDescription().shards()).hasSize(1);
        assertThat(rest.streamDescription().lastEvaluatedShardId()).isNull();

        // paging over streams
        String other = createWithStream(StreamViewType.KEYS_ONLY);
        ListStreamsResponse page1 = streams.listStreams(b -> b.limit(1));
        assertThat(page1.streams()).hasSize(1);
        assertThat(page1.lastEvaluatedStreamArn())
                .isEqualTo(page1.streams().getFirst().streamArn());
        List<String> all = new java.util.ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListStreamsResponse page = streams.listStreams(b -> b.limit(1).exclusiveStartStreamArn(from));
            page.streams().forEach(s -> all.add(s.tableName()));
            start = page.lastEvaluatedStreamArn();
        } while (start != null);
        assertThat(all).contains(name, other).doesNotHaveDuplicates();
    }

    @Test
    void putUpdateDeleteProduceInsertModifyRemove() {
        String name = createWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String arn = arnOf(name);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ddb.putItem(b -> b.tableName(name).item(item("a", "v", "1")));
        Instant after = Instant.now();
        ddb.updateItem(b -> b.tableName(name)
                .key(item("a"))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("2"))));
        ddb.deleteItem(b -> b.tableName(name).key(item("a")));
        ddb.updateItem(b -> b.tableName(name)
                .key(item("b"))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x"))));

        List<Record> records = readAll(streams, arn);
        List<Record> a = records.stream()
                .filter(r -> r.dynamodb().keys().get("id").s().equals("a"))
                .toList();
        assertThat(a)
                .extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        Record insert = a.get(0);
        assertThat(insert.eventID()).matches("[0-9a-f]{32}");
        assertThat(insert.eventVersion()).isEqualTo("1.1");
        assertThat(insert.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(insert.awsRegion()).isEqualTo("us-east-1");
        assertThat(insert.userIdentity()).isNull();
        assertThat(insert.dynamodb().keys()).isEqualTo(item("a"));
        assertThat(insert.dynamodb().newImage()).isEqualTo(item("a", "v", "1"));
        assertThat(insert.dynamodb().oldImage()).isEmpty();
        assertThat(insert.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        // Keys {id:"a"} = 3, NewImage {id:"a", v:"1"} = 3 + 2
        assertThat(insert.dynamodb().sizeBytes()).isEqualTo(8L);
        // epoch seconds, rounded down
        assertThat(insert.dynamodb().approximateCreationDateTime()).isBetween(before, after);
        assertThat(insert.dynamodb().approximateCreationDateTime().getNano()).isZero();
        Record modify = a.get(1);
        assertThat(modify.dynamodb().oldImage()).isEqualTo(item("a", "v", "1"));
        assertThat(modify.dynamodb().newImage()).isEqualTo(item("a", "v", "2"));
        Record remove = a.get(2);
        assertThat(remove.dynamodb().oldImage()).isEqualTo(item("a", "v", "2"));
        assertThat(remove.dynamodb().newImage()).isEmpty();
        List<BigInteger> seqs = a.stream()
                .map(r -> new BigInteger(r.dynamodb().sequenceNumber()))
                .toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();

        Record upsert = records.stream()
                .filter(r -> r.dynamodb().keys().get("id").s().equals("b"))
                .findFirst()
                .orElseThrow();
        assertThat(upsert.eventName()).isEqualTo(OperationType.INSERT);
        assertThat(records).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = "UNKNOWN_TO_SDK_VERSION", mode = EnumSource.Mode.EXCLUDE)
    void imagesFollowTheViewType(StreamViewType view) {
        String name = createWithStream(view);
        ddb.putItem(b -> b.tableName(name).item(item("k", "v", "1")));
        ddb.putItem(b -> b.tableName(name).item(item("k", "v", "2")));
        ddb.deleteItem(b -> b.tableName(name).key(item("k")));
        List<Record> r = readAll(streams, arnOf(name));
        assertThat(r)
                .extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        boolean wantsNew = view == StreamViewType.NEW_IMAGE || view == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean wantsOld = view == StreamViewType.OLD_IMAGE || view == StreamViewType.NEW_AND_OLD_IMAGES;
        assertThat(r.get(0).dynamodb().hasNewImage()).isEqualTo(wantsNew);
        assertThat(r.get(0).dynamodb().hasOldImage()).isFalse();
        assertThat(r.get(1).dynamodb().hasNewImage()).isEqualTo(wantsNew);
        assertThat(r.get(1).dynamodb().hasOldImage()).isEqualTo(wantsOld);
        assertThat(r.get(2).dynamodb().hasNewImage()).isFalse();
        assertThat(r.get(2).dynamodb().hasOldImage()).isEqualTo(wantsOld);
        if (wantsOld) {
            assertThat(r.get(1).dynamodb().oldImage()).isEqualTo(item("k", "v", "1"));
        }
        if (wantsNew) {
            assertThat(r.get(1).dynamodb().newImage()).isEqualTo(item("k", "v", "2"));
        }
        r.forEach(x -> {
            assertThat(x.dynamodb().keys()).isEqualTo(item("k"));
            assertThat(x.dynamodb().streamViewType()).isEqualTo(view);
        });
    }

    @Test
    void everyAttributeTypeRoundTripsThroughARecord() {
        String name = createWithStream(StreamViewType.NEW_IMAGE);
        Map<String, AttributeValue> it = new java.util.HashMap<>(item("types"));
        it.put("n", AttributeValue.fromN("-12.50"));
        it.put("b", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {0, 1, -1})));
        it.put("t", AttributeValue.fromBool(true));
        it.put("z", AttributeValue.fromNul(true));
        it.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1"))));
        it.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("\"quoted\" \u00e9"))));
        it.put("ss", AttributeValue.fromSs(List.of("a", "b")));
        it.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
        it.put("bs", AttributeValue.fromBs(List.of(software.amazon.awssdk.core.SdkBytes.fromUtf8String("q"))));
        ddb.putItem(b -> b.tableName(name).item(it));
        Record r = readAll(streams, arnOf(name)).getFirst();
        Map<String, AttributeValue> stored =
                ddb.getItem(b -> b.tableName(name).key(item("types"))).item();
        assertThat(r.dynamodb().newImage()).isEqualTo(stored);
    }

    @Test
    void writesThatChangeNothingProduceNoRecord() {
        String name = createWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        ddb.putItem(b -> b.tableName(name).item(item("same", "v", "1")));
        ddb.putItem(b -> b.tableName(name).item(item("same", "v", "1")));
        ddb.updateItem(b -> b.tableName(name)
                .key(item("same"))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("1"))));
        ddb.deleteItem(b -> b.tableName(name).key(item("missing")));
        assertThatThrownBy(() -> ddb.putItem(b ->
                        b.tableName(name).item(item("same", "v", "9")).conditionExpression("attribute_not_exists(id)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        List<Record> r = readAll(streams, arnOf(name));
        assertThat(r).hasSize(1);
        assertThat(r.getFirst().eventName()).isEqualTo(OperationType.INSERT);
    }

    @Test
    void itemsSpreadOverShardsAndEachItemStaysInOne() {
        String name = createWithStream(StreamViewType.KEYS_ONLY);
        String arn = arnOf(name);
        for (int i = 0; i < 40; i++) {
            int n = i;
            ddb.putItem(b -> b.tableName(name).item(item("item-" + n, "r", "x")));
            ddb.putItem(b -> b.tableName(name).item(item("item-" + n, "r", "y")));
        }
        Map<String, java.util.Set<String>> shardsOfItem = new java.util.HashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Shard s : shards(streams, arn)) {
            for (Record r : StreamsClients.readShard(streams, arn, s)) {
                shardsOfItem
                        .computeIfAbsent(r.dynamodb().keys().get("id").s(), k -> new java.util.HashSet<>())
                        .add(s.shardId());
                used.add(s.shardId());
            }
        }
        assertThat(shardsOfItem.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        assertThat(used).hasSizeGreaterThan(1);
    }

    @Test
    void iteratorTypesAndPositions() {
        String name = createWithStream(StreamViewType.KEYS_ONLY);
        String arn = arnOf(name);
        for (int i = 0; i < 10; i++) {
            String v = Integer.toString(i);
            ddb.putItem(b -> b.tableName(name).item(item("same", "n", v)));
        }
        Shard shard = shards(streams, arn).stream()
                .filter(s -> !StreamsClients.readShard(streams, arn, s).isEmpty())
                .findFirst()
                .orElseThrow();
        List<Record> all = StreamsClients.readShard(streams, arn, shard);
        assertThat(all).hasSizeGreaterThanOrEqualTo(6);
        String second = all.get(1).dynamodb().sequenceNumber();

        List<Record> at = records(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, second);
        assertThat(at.getFirst().dynamodb().sequenceNumber()).isEqualTo(second);
        List<Record> after = records(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second);
        assertThat(after.getFirst().dynamodb().sequenceNumber())
                .isEqualTo(all.get(2).dynamodb().sequenceNumber());

        String latest = streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.LATEST))
                .shardIterator();
        var empty = streams.getRecords(b -> b.shardIterator(latest));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).isNotNull();
        ddb.putItem(b -> b.tableName(name).item(item("same", "n", "latest")));
        var fresh = streams.getRecords(b -> b.shardIterator(empty.nextShardIterator()));
        assertThat(fresh.records()).hasSize(1);
        assertThat(fresh.records().getFirst().eventName()).isEqualTo(OperationType.MODIFY);

        // Limit
        String trim = streams.getShardIterator(b ->
                        b.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        var two = streams.getRecords(b -> b.shardIterator(trim).limit(2));
        assertThat(two.records()).hasSize(2);
        var next =
                streams.getRecords(b -> b.shardIterator(two.nextShardIterator()).limit(1));
        assertThat(next.records().getFirst().dynamodb().sequenceNumber())
                .isEqualTo(all.get(2).dynamodb().sequenceNumber());
    }

    private static List<Record> records(String arn, Shard shard, ShardIteratorType type, String seq) {
        String it = streams.getShardIterator(b -> b.streamArn(arn)
                        .shardId(shard.shardId())
                        .shardIteratorType(type)
                        .sequenceNumber(seq))
                .shardIterator();
        return streams.getRecords(b -> b.shardIterator(it)).records();
    }

    @Test
    void streamSpecificationErrors() {
        String plain = TestNames.unique("plain");
        assertValidation(
                () -> ddb.createTable(table(plain, null).toBuilder()
                        .streamSpecification(s -> s.streamEnabled(true))
                        .build()),
                "One or more parameter values were invalid: Table is being created with a stream enabled, "
                        + "UpdateViewType is required");
        assertValidation(
                () -> ddb.createTable(table(plain, null).toBuilder()
                        .streamSpecification(s -> s.streamEnabled(false).streamViewType(StreamViewType.KEYS_ONLY))
                        .build()),
                "One or more parameter values were invalid: Table is being created with a stream disabled, "
                        + "UpdateViewType should not be specified");
        ddb.createTable(table(plain, null));
        assertValidation(
                () -> ddb.updateTable(b -> b.tableName(plain).streamSpecification(s -> s.streamEnabled(false))),
                "Table has no stream to disable: TableName: " + plain);
        assertValidation(
                () -> ddb.updateTable(b -> b.tableName(plain).streamSpecification(s -> s.streamEnabled(true))),
                "One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required");
        ddb.updateTable(b -> b.tableName(plain)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        assertValidation(
                () -> ddb.updateTable(b -> b.tableName(plain)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.OLD_IMAGE))),
                "Table already has an enabled stream: TableName: " + plain);
        assertValidation(
                () -> ddb.updateTable(b -> b.tableName(plain)
                        .streamSpecification(s -> s.streamEnabled(false).streamViewType(StreamViewType.NEW_IMAGE))),
                "One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must "
                        + "not be specified");
    }

    @Test
    void apiErrors() {
        String name = createWithStream(StreamViewType.KEYS_ONLY);
        String arn = arnOf(name);
        String shard = shards(streams, arn).getFirst().shardId();
        String unknown = arn.replace(name, name + "x");
        assertError(
                () -> streams.describeStream(b -> b.streamArn(unknown)),
                "ResourceNotFoundException",
                "Requested resource not found: Stream: " + unknown + " not found");
        assertError(
                () -> streams.describeStream(b -> b.streamArn("not-an-arn-but-long-enough-for-the-model-xx")),
                "ValidationException",
                "Invalid StreamArn");
        assertError(
                () -> streams.describeStream(b -> b.streamArn(arn).limit(101)),
                "ValidationException",
                "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have "
                        + "value less than or equal to 100");
        assertError(
                () -> streams.listStreams(b -> b.limit(0)),
                "ValidationException",
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have "
                        + "value greater than or equal to 1");
        assertThat(catchCode(() -> streams.getShardIterator(b -> b.streamArn(arn)
                        .shardId("shardId-00000000000000000000-00000000")
                        .shardIteratorType(ShardIteratorType.LATEST))))
                .isEqualTo("ResourceNotFoundException");
        assertThat(catchCode(() -> streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER))))
                .isEqualTo("ValidationException");
        assertThat(catchCode(() -> streams.getShardIterator(b -> b.streamArn(arn)
                        .shardId(shard)
                        .shardIteratorType(ShardIteratorType.LATEST)
                        .sequenceNumber("100000000000000000000000"))))
                .isEqualTo("ValidationException");
        assertThat(catchCode(() -> streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType("bogus"))))
                .isEqualTo("ValidationException");
        assertThat(catchCode(() -> streams.getShardIterator(b -> b.streamArn(arn)
                        .shardId(shard)
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .sequenceNumber("12345"))))
                .isEqualTo("ValidationException");
        assertThat(catchCode(() -> streams.getRecords(b -> b.shardIterator("garbage-iterator"))))
                .isEqualTo("ValidationException");
        String it = streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        assertError(
                () -> streams.getRecords(b -> b.shardIterator(it).limit(1001)),
                "LimitExceededException",
                "Limit must be less than or equal to 1000");
        assertThat(streams.listStreams(b -> b.tableName(name + "-none")).streams())
                .isEmpty();
    }

    static void assertValidation(Runnable call, String message) {
        assertError(call, "ValidationException", message);
    }

    static void assertError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    static String catchCode(Runnable call) {
        try {
            call.run();
        } catch (DynamoDbException e) {
            assertThat(e.statusCode()).isEqualTo(400);
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("no error");
    }

    static Map<String, Long> countByName(List<Record> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r.eventNameAsString(), Collectors.counting()));
    }
}
