package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Global and local secondary indexes: maintenance, projections, sparse entries, queries, UpdateTable. */
@SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
class IndexesTest extends InMemoryServerTest {

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder()
                .attributeName(name)
                .keyType(KeyType.HASH)
                .build();
    }

    static KeySchemaElement range(String name) {
        return KeySchemaElement.builder()
                .attributeName(name)
                .keyType(KeyType.RANGE)
                .build();
    }

    /** pk/sk table; GSI "byStatus" (status, score) KEYS_ONLY, "byOwner" (owner) INCLUDE [title], "all" (status) ALL; LSI "byScore". */
    static String orders() {
        String t = TestNames.unique("orders");
        ddb.createTable(b -> b.tableName(t)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        def("pk", ScalarAttributeType.S),
                        def("sk", ScalarAttributeType.S),
                        def("status", ScalarAttributeType.S),
                        def("score", ScalarAttributeType.N),
                        def("owner", ScalarAttributeType.S))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder()
                                .indexName("byStatus")
                                .keySchema(hash("status"), range("score"))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.KEYS_ONLY)
                                        .build())
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName("byOwner")
                                .keySchema(hash("owner"))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes("title")
                                        .build())
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName("all")
                                .keySchema(hash("status"))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.ALL)
                                        .build())
                                .build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                        .indexName("byScore")
                        .keySchema(hash("pk"), range("score"))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.KEYS_ONLY)
                                .build())
                        .build()));
        return t;
    }

    static void put(String t, String pk, String sk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new HashMap<>(more);
        item.put("pk", s(pk));
        item.put("sk", s(sk));
        ddb.putItem(b -> b.tableName(t).item(item));
    }

    static Map<String, AttributeValue> order(String status, long score, String owner) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("status", s(status));
        m.put("score", n(score));
        m.put("owner", s(owner));
        m.put("title", s("title-" + score));
        m.put("secret", s("x"));
        return m;
    }

    QueryResponse byStatus(String t, String status) {
        return ddb.query(b -> b.tableName(t)
                .indexName("byStatus")
                .keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s(status))));
    }

    @Test
    void globalIndexesFollowPutsUpdatesAndDeletes() {
        String t = orders();
        put(t, "a", "1", order("open", 30, "ann"));
        put(t, "a", "2", order("open", 10, "bob"));
        put(t, "b", "1", order("done", 20, "ann"));
        put(t, "c", "1", Map.of("title", s("no index keys")));

        QueryResponse open = byStatus(t, "open");
        assertThat(open.items())
                .containsExactly(
                        Map.of("pk", s("a"), "sk", s("2"), "status", s("open"), "score", n(10)),
                        Map.of("pk", s("a"), "sk", s("1"), "status", s("open"), "score", n(30)));

        ddb.updateItem(b -> b.tableName(t)
                .key(Map.of("pk", s("a"), "sk", s("2")))
                .updateExpression("SET #s = :d")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":d", s("done"))));
        assertThat(byStatus(t, "open").items()).extracting(i -> i.get("sk").s()).containsExactly("1");
        assertThat(byStatus(t, "done").items()).extracting(i -> i.get("pk").s()).containsExactly("a", "b");

        ddb.deleteItem(b -> b.tableName(t).key(Map.of("pk", s("b"), "sk", s("1"))));
        assertThat(byStatus(t, "done").items()).extracting(i -> i.get("pk").s()).containsExactly("a");

        // removing an index key attribute takes the item out of the index (sparse)
        ddb.updateItem(
                b -> b.tableName(t).key(Map.of("pk", s("a"), "sk", s("2"))).updateExpression("REMOVE score"));
        assertThat(byStatus(t, "done").items()).isEmpty();
        ScanResponse scan = ddb.scan(b -> b.tableName(t).indexName("byStatus"));
        assertThat(scan.items())
                .extracting(i -> i.get("pk").s() + i.get("sk").s())
                .containsExactly("a1");
        assertThat(ddb.scan(b -> b.tableName(t).indexName("all")).count()).isEqualTo(2);
    }

    @Test
    void projectionsDecideWhatAnIndexReturns() {
        String t = orders();
        put(t, "a", "1", order("open", 30, "ann"));
        QueryResponse include = ddb.query(b -> b.tableName(t)
                .indexName("byOwner")
                .keyConditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", s("ann"))));
        assertThat(include.items())
                .containsExactly(Map.of("pk", s("a"), "sk", s("1"), "owner", s("ann"), "title", s("title-30")));
        QueryResponse all = ddb.query(b -> b.tableName(t)
                .indexName("all")
                .keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("open")))
                .select(Select.ALL_ATTRIBUTES));
        assertThat(all.items().getFirst()).containsEntry("secret", s("x")).hasSize(7);
        // a local index fetches what it does not hold from the table
        QueryResponse local = ddb.query(b -> b.tableName(t)
                .indexName("byScore")
                .keyConditionExpression("pk = :p AND score > :v")
                .expressionAttributeValues(Map.of(":p", s("a"), ":v", n(5)))
                .select(Select.ALL_ATTRIBUTES));
        assertThat(local.items().getFirst()).containsEntry("secret", s("x")).hasSize(7);
        QueryResponse localKeys = ddb.query(b -> b.tableName(t)
                .indexName("byScore")
                .keyConditionExpression("pk = :p AND score > :v")
                .expressionAttributeValues(Map.of(":p", s("a"), ":v", n(5))));
        assertThat(localKeys.items()).containsExactly(Map.of("pk", s("a"), "sk", s("1"), "score", n(30)));
        QueryResponse localProjected = ddb.query(b -> b.tableName(t)
                .indexName("byScore")
                .keyConditionExpression("pk = :p AND score > :v")
                .projectionExpression("title")
                .expressionAttributeValues(Map.of(":p", s("a"), ":v", n(5))));
        assertThat(localProjected.items()).containsExactly(Map.of("title", s("title-30")));
    }

    @Test
    void indexPaginationCarriesTableAndIndexKeys() {
        String t = orders();
        for (int i = 0; i < 9; i++) {
            put(t, "p" + i, "s", order("open", i % 3, "ann"));
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = ddb.query(b -> b.tableName(t)
                    .indexName("byStatus")
                    .keyConditionExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", s("open")))
                    .limit(2)
                    .exclusiveStartKey(from)
                    .scanIndexForward(false));
            r.items().forEach(i -> seen.add(i.get("score").n() + i.get("pk").s()));
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start.keySet()).containsExactlyInAnyOrder("pk", "sk", "status", "score");
            }
        } while (start != null);
        assertThat(seen).containsExactly("2p8", "2p5", "2p2", "1p7", "1p4", "1p1", "0p6", "0p3", "0p0");
    }

    @Test
    void indexErrors() {
        String t = orders();
        assertValidation(
                () -> put(t, "a", "1", Map.of("status", n(1))),
                "One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N "
                        + "IndexName: byStatus");
        assertValidation(
                () -> put(t, "a", "1", Map.of("owner", s(""))),
                "One or more parameter values are not valid. A value specified for a secondary index key is not "
                        + "supported. The AttributeValue for a key attribute cannot contain an empty string value. "
                        + "IndexName: byOwner, IndexKey: owner");
        assertThat(ddb.scan(b -> b.tableName(t)).count()).isZero();
        assertValidation(
                () -> ddb.query(b -> b.tableName(t)
                        .indexName("all")
                        .consistentRead(true)
                        .keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("open")))),
                "Consistent reads are not supported on global secondary indexes");
        assertValidation(
                () -> ddb.query(b -> b.tableName(t)
                        .indexName("byStatus")
                        .select(Select.ALL_ATTRIBUTES)
                        .keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("open")))),
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
                        + "secondary index byStatus because its projection type is not ALL");
        assertValidation(
                () -> ddb.query(b -> b.tableName(t)
                        .indexName("byStatus")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("a")))),
                "Query condition missed key schema element: status");
        assertValidation(
                () -> ddb.query(b -> b.tableName(t)
                        .indexName("byStatus")
                        .keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("open")))
                        .exclusiveStartKey(Map.of("pk", s("a"), "sk", s("1")))),
                "The provided starting key is invalid");
        assertValidation(
                () -> ddb.scan(b ->
                        b.tableName(t).indexName("byStatus").exclusiveStartKey(Map.of("pk", s("a"), "sk", s("1")))),
                "The provided starting key is invalid");
        QueryResponse capacity = ddb.query(b -> b.tableName(t)
                .indexName("all")
                .keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("x")))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertThat(capacity.consumedCapacity()
                        .globalSecondaryIndexes()
                        .get("all")
                        .capacityUnits())
                .isEqualTo(0.5);
    }

    @Test
    void describeTableCountsIndexEntries() {
        String t = orders();
        put(t, "a", "1", order("open", 30, "ann"));
        put(t, "a", "2", Map.of("status", s("open")));
        TableDescription d = ddb.describeTable(b -> b.tableName(t)).table();
        Map<String, Long> counts = new HashMap<>();
        d.globalSecondaryIndexes().forEach(g -> counts.put(g.indexName(), g.itemCount()));
        assertThat(counts).isEqualTo(Map.of("byStatus", 1L, "byOwner", 1L, "all", 2L));
        assertThat(d.localSecondaryIndexes().getFirst().itemCount()).isEqualTo(1L);
        assertThat(d.globalSecondaryIndexes().stream()
                        .filter(g -> g.indexName().equals("byOwner"))
                        .findFirst()
                        .orElseThrow()
                        .indexSizeBytes())
                .isGreaterThan(0L);
        ddb.deleteItem(b -> b.tableName(t).key(Map.of("pk", s("a"), "sk", s("2"))));
        TableDescription after = ddb.describeTable(b -> b.tableName(t)).table();
        assertThat(after.globalSecondaryIndexes().stream()
                        .filter(g -> g.indexName().equals("all"))
                        .findFirst()
                        .orElseThrow()
                        .itemCount())
                .isEqualTo(1L);
    }

    @Test
    void updateTableCreatesABackfilledIndexAndDeletesIt() {
        String t = TestNames.unique("backfill");
        ddb.createTable(TablesTest.hashTable(t).build());
        for (int i = 0; i < 1200; i++) {
            Map<String, AttributeValue> item = i % 3 == 0
                    ? Map.of("id", s("i" + i))
                    : Map.of("id", s("i" + i), "color", s(i % 3 == 1 ? "red" : "blue"));
            ddb.putItem(b -> b.tableName(t).item(item));
        }
        TableDescription created = ddb.updateTable(b -> b.tableName(t)
                        .attributeDefinitions(def("color", ScalarAttributeType.S))
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byColor")
                                .keySchema(hash("color"))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))))
                .tableDescription();
        GlobalSecondaryIndexDescription index = created.globalSecondaryIndexes().getFirst();
        assertThat(index.indexStatus()).isEqualTo(IndexStatus.CREATING);
        assertThat(index.backfilling()).isTrue();
        ddb.putItem(b -> b.tableName(t).item(Map.of("id", s("during"), "color", s("red"))));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> ddb.describeTable(b -> b.tableName(t))
                                .table()
                                .globalSecondaryIndexes()
                                .getFirst()
                                .indexStatus()
                        == IndexStatus.ACTIVE);
        TableDescription active = ddb.describeTable(b -> b.tableName(t)).table();
        assertThat(active.globalSecondaryIndexes().getFirst().backfilling()).isNull();
        assertThat(active.globalSecondaryIndexes().getFirst().itemCount()).isEqualTo(801L);
        int red = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = ddb.query(b -> b.tableName(t)
                    .indexName("byColor")
                    .keyConditionExpression("color = :c")
                    .expressionAttributeValues(Map.of(":c", s("red")))
                    .exclusiveStartKey(from));
            red += r.count();
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        assertThat(red).isEqualTo(401);
        assertValidation(
                () -> ddb.updateTable(b -> b.tableName(t)
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byColor")
                                .keySchema(hash("color"))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))))),
                "Attempting to create an index which already exists");

        TableDescription dropped = ddb.updateTable(
                        b -> b.tableName(t).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byColor"))))
                .tableDescription();
        assertThat(dropped.hasGlobalSecondaryIndexes()).isFalse();
        assertThat(dropped.attributeDefinitions())
                .extracting(AttributeDefinition::attributeName)
                .containsExactly("id");
        assertValidation(
                () -> ddb.query(b -> b.tableName(t)
                        .indexName("byColor")
                        .keyConditionExpression("color = :c")
                        .expressionAttributeValues(Map.of(":c", s("red")))),
                "The table does not have the specified index: byColor");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ddb.updateTable(
                        b -> b.tableName(t).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byColor")))))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
    }
}
