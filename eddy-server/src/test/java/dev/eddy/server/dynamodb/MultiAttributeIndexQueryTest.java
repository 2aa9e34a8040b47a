package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.IndexesTest.def;
import static dev.eddy.server.dynamodb.IndexesTest.hash;
import static dev.eddy.server.dynamodb.IndexesTest.n;
import static dev.eddy.server.dynamodb.IndexesTest.range;
import static dev.eddy.server.dynamodb.IndexesTest.s;
import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Query, Scan and pagination on a global secondary index whose key has two HASH attributes
 * (tenantId S, regionId N) and three RANGE attributes (yearNo N, monthNo N, dayTag S).
 */
class MultiAttributeIndexQueryTest extends InMemoryServerTest {
    private static final String INDEX = "byTenant";
    private static String table;

    @BeforeAll
    static void load() {
        table = TestNames.unique("multikey");
        ddb.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        def("pk", ScalarAttributeType.S),
                        def("tenantId", ScalarAttributeType.S),
                        def("regionId", ScalarAttributeType.N),
                        def("yearNo", ScalarAttributeType.N),
                        def("monthNo", ScalarAttributeType.N),
                        def("dayTag", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(INDEX)
                        .keySchema(keySchema())
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build()));
        put("p1", "acme", 1, 2024L, 5L, "10");
        put("p2", "acme", 1, 2024L, 50L, "01");
        put("p3", "acme", 1, 2024L, 500L, "15");
        put("p4", "acme", 1, 2023L, 1000L, "02");
        put("p5", "acme", 1, 2025L, 1L, "1");
        put("p6", "acme", 1, 2024L, 5L, "02");
        put("p7", "acme", 1, 2024L, 5L, null);
        put("p8", "acme", 2, 2024L, 5L, "10");
        put("p9", "acme", 1, null, 5L, "10");
        put("p10", "other", 1, 2024L, 5L, "10");
    }

    static List<KeySchemaElement> keySchema() {
        return List.of(hash("tenantId"), hash("regionId"), range("yearNo"), range("monthNo"), range("dayTag"));
    }

    static void put(String pk, String tenant, long region, Long year, Long month, String day) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk));
        item.put("tenantId", s(tenant));
        item.put("regionId", n(region));
        item.put("note", s("note of " + pk));
        if (year != null) {
            item.put("yearNo", n(year));
        }
        if (month != null) {
            item.put("monthNo", n(month));
        }
        if (day != null) {
            item.put("dayTag", s(day));
        }
        ddb.putItem(b -> b.tableName(table).item(item));
    }

    private static QueryRequest.Builder query(String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":t", s("acme"));
        all.put(":r", n(1));
        return QueryRequest.builder()
                .tableName(table)
                .indexName(INDEX)
                .keyConditionExpression(
                        "tenantId = :t AND regionId = :r" + (condition.isEmpty() ? "" : " AND ") + condition)
                .expressionAttributeValues(all);
    }

    private static List<String> pks(QueryRequest request) {
        return ddb.query(request).items().stream().map(i -> i.get("pk").s()).toList();
    }

    @Test
    void aPartitionSortsByTheTupleOfSortKeyValues() {
        assertThat(pks(query("", Map.of()).build())).containsExactly("p4", "p6", "p1", "p2", "p3", "p5");
        assertThat(pks(query("", Map.of()).scanIndexForward(false).build()))
                .containsExactly("p5", "p3", "p2", "p1", "p6", "p4");
    }

    @Test
    void sortKeyAttributesAreUsedLeftToRight() {
        assertThat(pks(query("yearNo = :y", Map.of(":y", n(2024))).build())).containsExactly("p6", "p1", "p2", "p3");
        assertThat(pks(query("yearNo > :y", Map.of(":y", n(2023))).build()))
                .containsExactly("p6", "p1", "p2", "p3", "p5");
        assertThat(pks(query(
                                "yearNo = :y AND monthNo BETWEEN :a AND :b",
                                Map.of(":y", n(2024), ":a", n(5), ":b", n(50)))
                        .build()))
                .containsExactly("p6", "p1", "p2");
        assertThat(pks(query("yearNo = :y AND monthNo < :m", Map.of(":y", n(2024), ":m", n(500)))
                        .scanIndexForward(false)
                        .build()))
                .containsExactly("p2", "p1", "p6");
        assertThat(pks(query(
                                "yearNo = :y AND monthNo = :m AND begins_with(dayTag, :d)",
                                Map.of(":y", n(2024), ":m", n(5), ":d", s("1")))
                        .build()))
                .containsExactly("p1");
        assertThat(pks(query(
                                "yearNo = :y AND monthNo = :m AND dayTag = :d",
                                Map.of(":y", n(2024), ":m", n(5), ":d", s("02")))
                        .build()))
                .containsExactly("p6");
    }

    @Test
    void theOrderOfTheClausesDoesNotMatter() {
        List<String> found = pks(QueryRequest.builder()
                .tableName(table)
                .indexName(INDEX)
                .keyConditionExpression("monthNo = :m AND yearNo = :y AND regionId = :r AND tenantId = :t")
                .expressionAttributeValues(Map.of(":m", n(5), ":y", n(2024), ":r", n(1), ":t", s("acme")))
                .build());
        assertThat(found).containsExactly("p6", "p1");
    }

    @Test
    void keyConditionErrors() {
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .indexName(INDEX)
                        .keyConditionExpression("tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", s("acme")))),
                "Query condition missed key schema element: regionId");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .indexName(INDEX)
                        .keyConditionExpression("tenantId = :t AND regionId > :r")
                        .expressionAttributeValues(Map.of(":t", s("acme"), ":r", n(1)))),
                "Query key condition not supported");
        assertValidation(
                () -> ddb.query(query("monthNo = :m", Map.of(":m", n(5))).build()),
                "RANGE key attributes yearNo must have equality conditions specified in the query because a "
                        + "condition is present on key attribute monthNo");
        assertValidation(
                () -> ddb.query(query("yearNo = :y AND dayTag = :d", Map.of(":y", n(2024), ":d", s("1")))
                        .build()),
                "RANGE key attributes monthNo must have equality conditions specified in the query because a "
                        + "condition is present on key attribute dayTag");
        assertValidation(
                () -> ddb.query(query("yearNo > :y AND monthNo = :m", Map.of(":y", n(2024), ":m", n(5)))
                        .build()),
                "RANGE key attributes yearNo must have equality conditions specified in the query because a "
                        + "condition is present on key attribute monthNo");
        assertValidation(
                () -> ddb.query(query("yearNo = :y", Map.of(":y", s("2024"))).build()),
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
        assertValidation(
                () -> ddb.query(query("yearNo = :y", Map.of(":y", n(2024)))
                        .filterExpression("dayTag = :d")
                        .expressionAttributeValues(Map.of(":t", s("acme"), ":r", n(1), ":y", n(2024), ":d", s("1")))
                        .build()),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: dayTag");
        assertValidation(
                () -> ddb.query(query("", Map.of()).consistentRead(true).build()),
                "Consistent reads are not supported on global secondary indexes");
    }

    @Test
    void aFilterMayNameTheTableKeyAndOtherAttributes() {
        List<String> found = pks(query("yearNo = :y", Map.of(":y", n(2024), ":p", s("p1"), ":n", s("note of p2")))
                .filterExpression("pk = :p OR note = :n")
                .build());
        assertThat(found).containsExactly("p1", "p2");
    }

    @Test
    void pagesCarryTheTableKeyAndEveryIndexKeyAttribute() {
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            QueryResponse page = ddb.query(query("yearNo >= :y", Map.of(":y", n(2024)))
                    .limit(2)
                    .exclusiveStartKey(start)
                    .build());
            page.items().forEach(i -> seen.add(i.get("pk").s()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start).containsOnlyKeys("pk", "tenantId", "regionId", "yearNo", "monthNo", "dayTag");
            }
            pages++;
        } while (start != null);
        assertThat(seen).containsExactly("p6", "p1", "p2", "p3", "p5");
        assertThat(pages).isBetween(3, 4);

        Map<String, AttributeValue> last =
                ddb.query(query("", Map.of()).limit(1).build()).lastEvaluatedKey();
        Map<String, AttributeValue> lacking = new HashMap<>(last);
        lacking.remove("dayTag");
        assertValidation(
                () -> ddb.query(query("", Map.of()).exclusiveStartKey(lacking).build()),
                "The provided starting key is invalid");
        assertValidation(
                () -> ddb.query(query("yearNo = :y", Map.of(":y", n(2024)))
                        .exclusiveStartKey(last)
                        .build()),
                "The provided starting key does not match the range key predicate");
        Map<String, AttributeValue> otherRegion = new HashMap<>(last);
        otherRegion.put("regionId", n(2));
        assertValidation(
                () -> ddb.query(
                        query("", Map.of()).exclusiveStartKey(otherRegion).build()),
                "The provided starting key is outside query boundaries based on provided conditions");
        assertThat(pks(query("", Map.of()).exclusiveStartKey(last).build()))
                .containsExactly("p6", "p1", "p2", "p3", "p5");
    }

    @Test
    void projectionExpressionAndScanOfTheIndex() {
        QueryResponse r = ddb.query(query("yearNo = :y AND monthNo = :m", Map.of(":y", n(2024), ":m", n(5)))
                .projectionExpression("dayTag, note")
                .build());
        assertThat(r.items())
                .containsExactly(
                        Map.of("dayTag", s("02"), "note", s("note of p6")),
                        Map.of("dayTag", s("10"), "note", s("note of p1")));

        List<String> scanned = ddb.scan(b -> b.tableName(table).indexName(INDEX)).items().stream()
                .map(i -> i.get("pk").s())
                .sorted()
                .toList();
        assertThat(scanned).containsExactly("p1", "p10", "p2", "p3", "p4", "p5", "p6", "p8");
    }

    @Test
    void legacyKeyConditionsFollowTheSameRules() {
        Map<String, Condition> conditions = new HashMap<>();
        conditions.put("tenantId", eq(s("acme")));
        conditions.put("regionId", eq(n(1)));
        conditions.put("yearNo", eq(n(2024)));
        conditions.put(
                "monthNo",
                Condition.builder()
                        .comparisonOperator(ComparisonOperator.GT)
                        .attributeValueList(n(5))
                        .build());
        List<String> found =
                ddb.query(b -> b.tableName(table).indexName(INDEX).keyConditions(conditions)).items().stream()
                        .map(i -> i.get("pk").s())
                        .toList();
        assertThat(found).containsExactly("p2", "p3");

        Map<String, Condition> contains = new HashMap<>(conditions);
        contains.put(
                "dayTag",
                Condition.builder()
                        .comparisonOperator(ComparisonOperator.CONTAINS)
                        .attributeValueList(s("1"))
                        .build());
        assertValidation(
                () -> ddb.query(b -> b.tableName(table).indexName(INDEX).keyConditions(contains)),
                "Attempted conditional constraint is not an indexable operation");

        conditions.remove("yearNo");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table).indexName(INDEX).keyConditions(conditions)),
                "RANGE key attributes yearNo must have equality conditions specified in the query because a "
                        + "condition is present on key attribute monthNo");
    }

    @Test
    void partiqlReadsTheIndex() {
        List<String> found = ddb
                .executeStatement(b -> b.statement("SELECT pk FROM \"" + table + "\".\"" + INDEX
                        + "\" WHERE tenantId = 'acme' AND regionId = 1 AND yearNo = 2024 AND monthNo = 5"))
                .items()
                .stream()
                .map(i -> i.get("pk").s())
                .sorted()
                .toList();
        assertThat(found).containsExactly("p1", "p6");
    }

    private static Condition eq(AttributeValue v) {
        return Condition.builder()
                .comparisonOperator(ComparisonOperator.EQ)
                .attributeValueList(v)
                .build();
    }
}
