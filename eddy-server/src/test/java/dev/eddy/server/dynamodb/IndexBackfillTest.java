package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Global secondary indexes added to tables that hold data: items DynamoDB leaves out of the new
 * index, attribute types redeclared by UpdateTable, tables with local secondary indexes.
 */
@SuppressWarnings("unchecked") // the SDK builders take generic varargs of consumers
class IndexBackfillTest extends InMemoryServerTest {

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    /** The value of the backfill's skipped-items counter in GET /metrics. */
    static double skippedCounter() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body()
                .lines()
                .filter(l -> l.startsWith("eddy_dynamodb_index_backfill_skipped_total "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
                .findFirst()
                .orElseThrow();
    }

    static void awaitActive(String table) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> ddb.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                        .allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE));
    }

    @Test
    void backfillLeavesOutAndCountsItemsWithWrongTypedOrOversizedKeys() throws Exception {
        String t = TestNames.unique("violations");
        ddb.createTable(TablesTest.hashTable(t).build());
        ddb.putItem(b -> b.tableName(t).item(Map.of("id", s("good"), "color", s("red"))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("id", s("number"), "color", AttributeValue.fromN("7"))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("id", s("huge"), "color", s("r".repeat(2100)))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("id", s("none"))));
        double before = skippedCounter();
        ddb.updateTable(b -> b.tableName(t)
                .attributeDefinitions(def("color", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byColor")
                        .keySchema(k -> k.attributeName("color").keyType("HASH"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))));
        awaitActive(t);
        var scanned = ddb.scan(b -> b.tableName(t).indexName("byColor"));
        assertThat(scanned.items()).containsExactly(Map.of("id", s("good"), "color", s("red")));
        assertThat(skippedCounter() - before).isEqualTo(2.0);
        // the table keeps every item; only the index leaves them out
        assertThat(ddb.scan(b -> b.tableName(t)).count()).isEqualTo(4);
        // new writes of such items are refused once the index exists
        TablesTest.assertValidation(
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("id", s("huge2"), "color", s("r".repeat(2100))))),
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of"
                        + "2048 bytes");
    }

    @Test
    void redeclaringAnAttributeWithAnotherTypeKeepsItsType() {
        String t = TestNames.unique("retype");
        ddb.createTable(TablesTest.hashTable(t).build());
        ddb.putItem(b -> b.tableName(t).item(Map.of("id", s("a"), "g", s("x"))));
        ddb.updateTable(b -> b.tableName(t)
                .attributeDefinitions(def("id", ScalarAttributeType.N), def("g", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                        .keySchema(k -> k.attributeName("g").keyType("HASH"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
        TableDescription d = ddb.describeTable(b -> b.tableName(t)).table();
        assertThat(d.attributeDefinitions())
                .containsExactlyInAnyOrder(def("id", ScalarAttributeType.S), def("g", ScalarAttributeType.S));
        ddb.putItem(b -> b.tableName(t).item(Map.of("id", s("b"), "g", s("y"))));
        awaitActive(t);
        assertThat(ddb.scan(b -> b.tableName(t).indexName("byG")).count()).isEqualTo(2);
        TablesTest.assertValidation(
                () -> ddb.updateTable(b -> b.tableName(t)
                        .attributeDefinitions(def("h", ScalarAttributeType.S), def("h", ScalarAttributeType.N))
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byH")
                                .keySchema(k -> k.attributeName("h").keyType("HASH"))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))))),
                "Cannot have two attributes with the same name");
    }

    @Test
    void aGlobalIndexAddedToATableWithLocalIndexesHoldsOnlyTheItems() {
        String t = TestNames.unique("lsi-gsi");
        ddb.createTable(b -> b.tableName(t)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                        def("id", ScalarAttributeType.S),
                        def("sk", ScalarAttributeType.S),
                        def("l", ScalarAttributeType.S))
                .keySchema(
                        k -> k.attributeName("id").keyType("HASH"),
                        k -> k.attributeName("sk").keyType("RANGE"))
                .localSecondaryIndexes(i -> i.indexName("byL")
                        .keySchema(
                                k -> k.attributeName("id").keyType("HASH"),
                                k -> k.attributeName("l").keyType("RANGE"))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        for (int i = 0; i < 30; i++) {
            String n = String.valueOf(i);
            ddb.putItem(b -> b.tableName(t)
                    .item(Map.of("id", s("p" + (Integer.parseInt(n) % 3)), "sk", s(n), "l", s("l" + n), "g", s("g"))));
        }
        ddb.updateTable(b -> b.tableName(t)
                .attributeDefinitions(def("g", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                        .keySchema(k -> k.attributeName("g").keyType("HASH"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))));
        awaitActive(t);
        var r = ddb.query(b -> b.tableName(t)
                .indexName("byG")
                .keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("g"))));
        assertThat(r.count()).isEqualTo(30);
        assertThat(r.items()).allSatisfy(item -> assertThat(item).containsKeys("id", "sk", "l", "g"));
        assertThat(ddb.describeTable(b -> b.tableName(t))
                        .table()
                        .globalSecondaryIndexes()
                        .getFirst()
                        .itemCount())
                .isEqualTo(30L);
        assertThat(ddb.query(b -> b.tableName(t)
                                .indexName("byL")
                                .keyConditionExpression("id = :p")
                                .expressionAttributeValues(Map.of(":p", s("p0"))))
                        .count())
                .isEqualTo(10);
    }
}
