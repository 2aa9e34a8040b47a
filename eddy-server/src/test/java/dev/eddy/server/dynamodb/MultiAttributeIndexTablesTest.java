package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.IndexesTest.def;
import static dev.eddy.server.dynamodb.IndexesTest.hash;
import static dev.eddy.server.dynamodb.IndexesTest.n;
import static dev.eddy.server.dynamodb.IndexesTest.range;
import static dev.eddy.server.dynamodb.IndexesTest.s;
import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Global secondary indexes with multi-attribute keys: CreateTable and UpdateTable rules,
 * DescribeTable, write validation, sparse maintenance, backfill, and the base table's stream.
 */
@SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
class MultiAttributeIndexTablesTest extends InMemoryServerTest {

    private static GlobalSecondaryIndex gsi(String name, KeySchemaElement... keys) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(keys)
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
    }

    private static void create(String t, GlobalSecondaryIndex index, String... extraStrings) {
        List<software.amazon.awssdk.services.dynamodb.model.AttributeDefinition> defs = new ArrayList<>();
        defs.add(def("pk", ScalarAttributeType.S));
        for (String a : extraStrings) {
            defs.add(def(a, ScalarAttributeType.S));
        }
        ddb.createTable(b -> b.tableName(t)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(defs)
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(index));
    }

    @Test
    void keySchemaRules() {
        String t = TestNames.unique("mkrules");
        assertValidation(
                () -> create(t, gsi("idx", range("a"), hash("b")), "a", "b"),
                "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        assertValidation(
                () -> create(t, gsi("idx", hash("a"), range("b"), hash("c")), "a", "b", "c"),
                "Invalid KeySchema: Every HASH KeySchemaElement must come before every RANGE KeySchemaElement");
        assertValidation(
                () -> create(
                        t, gsi("idx", hash("a"), hash("b"), hash("c"), hash("d"), hash("e")), "a", "b", "c", "d", "e"),
                "Invalid KeySchema: A global secondary index key can have at most 4 HASH KeySchemaElements");
        assertValidation(
                () -> create(
                        t,
                        gsi("idx", hash("a"), range("b"), range("c"), range("d"), range("e"), range("f")),
                        "a",
                        "b",
                        "c",
                        "d",
                        "e",
                        "f"),
                "Invalid KeySchema: A global secondary index key can have at most 4 RANGE KeySchemaElements");
        assertValidation(
                () -> create(t, gsi("idx", hash("a"), hash("b"), range("a")), "a", "b"),
                "Invalid KeySchema: More than one KeySchemaElement has the same name: a");
        assertValidation(
                () -> create(t, gsi("idx", hash("a"), hash("b"), range("c")), "a", "b"),
                "One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: [a, b, c], AttributeDefinitions: [pk, a, b]");
        assertValidation(
                () -> ddb.createTable(b -> b.tableName(t)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("a", ScalarAttributeType.S))
                        .keySchema(hash("pk"), hash("a"))),
                "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        assertThatThrownBy(() -> ddb.createTable(b -> b.tableName(t)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                def("pk", ScalarAttributeType.S),
                                def("sk", ScalarAttributeType.S),
                                def("a", ScalarAttributeType.S))
                        .keySchema(hash("pk"), range("sk"))
                        .localSecondaryIndexes(LocalSecondaryIndex.builder()
                                .indexName("lsi")
                                .keySchema(hash("pk"), range("a"), range("sk"))
                                .projection(p -> p.projectionType(ProjectionType.ALL))
                                .build())))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .contains("localSecondaryIndexes.1.member.keySchema")
                            .contains("Member must have length less than or equal to 2");
                });
        assertThat(ddb.listTables().tableNames()).doesNotContain(t);
    }

    @Test
    void describeTableEchoesTheKeySchemaInRequestOrder() {
        String t = TestNames.unique("mkdescribe");
        ddb.createTable(b -> b.tableName(t)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        def("pk", ScalarAttributeType.S),
                        def("a", ScalarAttributeType.S),
                        def("b", ScalarAttributeType.N),
                        def("c", ScalarAttributeType.B))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(gsi("idx", hash("b"), hash("a"), range("c"), range("pk"))));
        TableDescription d = ddb.describeTable(b -> b.tableName(t)).table();
        assertThat(d.globalSecondaryIndexes().getFirst().keySchema())
                .containsExactly(hash("b"), hash("a"), range("c"), range("pk"));
        assertThat(d.keySchema()).containsExactly(hash("pk"));
        assertThat(d.attributeDefinitions()).hasSize(4);
    }

    @Test
    void writesAreValidatedAndTheIndexIsSparse() {
        String t = TestNames.unique("mkwrites");
        ddb.createTable(b -> b.tableName(t)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        def("pk", ScalarAttributeType.S),
                        def("a", ScalarAttributeType.S),
                        def("b", ScalarAttributeType.N))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(gsi("idx", hash("a"), range("pk"), range("b"))));
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("1"), "a", s("x"), "b", s("7")))),
                "One or more parameter values were invalid: Type mismatch for Index Key b Expected: N Actual: S "
                        + "IndexName: idx");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("1"), "b", AttributeValue.fromNul(true)))),
                "One or more parameter values were invalid: Type mismatch for Index Key b Expected: N Actual: NULL "
                        + "IndexName: idx");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("1"), "a", s(""), "b", n(1)))),
                "One or more parameter values are not valid. A value specified for a secondary index key is not "
                        + "supported. The AttributeValue for a key attribute cannot contain an empty string value. "
                        + "IndexName: idx, IndexKey: a");
        assertValidation(
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(
                        t,
                        List.of(
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(Map.of("pk", s("2"), "a", s("x"), "b", n(1))))
                                        .build(),
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(Map.of("pk", s("3"), "a", n(5))))
                                        .build())))),
                "One or more parameter values were invalid: Type mismatch for Index Key a Expected: S Actual: N "
                        + "IndexName: idx");
        assertThat(ddb.scan(b -> b.tableName(t)).count()).isZero();

        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("1"), "a", s("x"))));
        assertThat(indexCount(t)).isZero();
        ddb.updateItem(b -> b.tableName(t)
                .key(Map.of("pk", s("1")))
                .updateExpression("SET b = :b")
                .expressionAttributeValues(Map.of(":b", n(3))));
        assertThat(indexCount(t)).isEqualTo(1);
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(t)
                        .key(Map.of("pk", s("1")))
                        .updateExpression("SET b = :b")
                        .expressionAttributeValues(Map.of(":b", s("3")))),
                "One or more parameter values were invalid: Type mismatch for Index Key b Expected: N Actual: S "
                        + "IndexName: idx");
        ddb.updateItem(b -> b.tableName(t).key(Map.of("pk", s("1"))).updateExpression("REMOVE a"));
        assertThat(indexCount(t)).isZero();
        ddb.updateItem(b -> b.tableName(t)
                .key(Map.of("pk", s("1")))
                .updateExpression("SET a = :a")
                .expressionAttributeValues(Map.of(":a", s("y"))));
        assertThat(ddb.query(b -> b.tableName(t)
                                .indexName("idx")
                                .keyConditionExpression("a = :a AND pk = :p AND b = :b")
                                .expressionAttributeValues(Map.of(":a", s("y"), ":p", s("1"), ":b", n(3))))
                        .items())
                .containsExactly(Map.of("pk", s("1"), "a", s("y"), "b", n(3)));
        ddb.deleteItem(b -> b.tableName(t).key(Map.of("pk", s("1"))));
        assertThat(indexCount(t)).isZero();
    }

    private static int indexCount(String t) {
        return ddb.scan(b -> b.tableName(t).indexName("idx")).count();
    }

    @Test
    void updateTableBackfillsAMultiAttributeIndex() {
        String t = TestNames.unique("mkbackfill");
        ddb.createTable(b -> b.tableName(t)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S))
                .keySchema(hash("pk")));
        for (int i = 0; i < 300; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s("k" + i));
            item.put("team", s(i % 2 == 0 ? "red" : "blue"));
            item.put("extra", s("e" + i));
            if (i % 3 != 0) {
                item.put("level", n(i % 5));
            }
            if (i % 7 != 0) {
                item.put("score", n(i));
            }
            ddb.putItem(b -> b.tableName(t).item(item));
        }
        TableDescription created = ddb.updateTable(b -> b.tableName(t)
                        .attributeDefinitions(
                                def("team", ScalarAttributeType.S),
                                def("level", ScalarAttributeType.N),
                                def("score", ScalarAttributeType.N))
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byTeam")
                                .keySchema(hash("team"), hash("level"), range("score"))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))))
                .tableDescription();
        GlobalSecondaryIndexDescription index = created.globalSecondaryIndexes().getFirst();
        assertThat(index.indexStatus()).isEqualTo(IndexStatus.CREATING);
        assertThat(index.keySchema()).containsExactly(hash("team"), hash("level"), range("score"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> ddb.describeTable(b -> b.tableName(t))
                                .table()
                                .globalSecondaryIndexes()
                                .getFirst()
                                .indexStatus()
                        == IndexStatus.ACTIVE);
        long expected = 0;
        for (int i = 0; i < 300; i++) {
            if (i % 3 != 0 && i % 7 != 0) {
                expected++;
            }
        }
        assertThat(ddb.scan(b -> b.tableName(t).indexName("byTeam")).count()).isEqualTo((int) expected);
        List<Map<String, AttributeValue>> items = ddb.query(b -> b.tableName(t)
                        .indexName("byTeam")
                        .keyConditionExpression("team = :t AND #l = :l AND score > :s")
                        .expressionAttributeNames(Map.of("#l", "level"))
                        .expressionAttributeValues(Map.of(":t", s("red"), ":l", n(2), ":s", n(100))))
                .items();
        assertThat(items).isNotEmpty();
        long previous = 100;
        for (Map<String, AttributeValue> item : items) {
            assertThat(item).containsOnlyKeys("pk", "team", "level", "score");
            long score = Long.parseLong(item.get("score").n());
            assertThat(score).isGreaterThan(previous);
            assertThat(score % 2).isZero();
            assertThat(score % 5).isEqualTo(2);
            previous = score;
        }
    }

    @Test
    void theBaseTableStreamIsUnchanged() {
        String t = TestNames.unique("mkstream");
        TableDescription d = ddb.createTable(b -> b.tableName(t)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                def("pk", ScalarAttributeType.S),
                                def("a", ScalarAttributeType.S),
                                def("b", ScalarAttributeType.S))
                        .keySchema(hash("pk"))
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))
                        .globalSecondaryIndexes(gsi("idx", hash("a"), hash("b"))))
                .tableDescription();
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("1"), "a", s("x"), "b", s("y"))));
        DynamoDbStreamsClient streams = EddyClients.streams(endpoint());
        String arn = d.latestStreamArn();
        List<Record> records = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            records.clear();
            for (var shard : streams.describeStream(b -> b.streamArn(arn))
                    .streamDescription()
                    .shards()) {
                String it = streams.getShardIterator(b -> b.streamArn(arn)
                                .shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                records.addAll(streams.getRecords(b -> b.shardIterator(it)).records());
            }
            return !records.isEmpty();
        });
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().dynamodb().keys()).isEqualTo(Map.of("pk", s("1")));
    }
}
