package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query and Scan on tables: key conditions, order, pagination, filters, projections, limits, errors. */
class QueryScanTest extends InMemoryServerTest {
    /** pk S, sk N: partition "p" holds sk 0..19, partition "q" holds sk 0..4. */
    static String table;
    /** id S only. */
    static String hashTable;

    @BeforeAll
    static void start() {
        table = TestNames.unique("query");
        createRangeTable(table, ScalarAttributeType.N);
        for (int i = 0; i < 20; i++) {
            put(
                    table,
                    "p",
                    i,
                    Map.of("even", AttributeValue.fromBool(i % 2 == 0), "data", AttributeValue.fromS("d" + i)));
        }
        for (int i = 0; i < 5; i++) {
            put(table, "q", i, Map.of());
        }
        hashTable = TestNames.unique("scan");
        ddb.createTable(TablesTest.hashTable(hashTable).build());
        for (int i = 0; i < 50; i++) {
            Map<String, AttributeValue> item = Map.of("id", s("item-" + i), "n", n(i));
            ddb.putItem(b -> b.tableName(hashTable).item(item));
        }
    }

    static void createRangeTable(String name, ScalarAttributeType sortType) {
        ddb.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("sk")
                                .attributeType(sortType)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName("sk")
                                .keyType(KeyType.RANGE)
                                .build()));
    }

    static void put(String t, String pk, int sk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new HashMap<>(more);
        item.put("pk", s(pk));
        item.put("sk", n(sk));
        ddb.putItem(b -> b.tableName(t).item(item));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static List<Integer> sks(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> Integer.parseInt(i.get("sk").n())).toList();
    }

    QueryResponse query(String keyCondition, Map<String, AttributeValue> values) {
        return ddb.query(
                b -> b.tableName(table).keyConditionExpression(keyCondition).expressionAttributeValues(values));
    }

    @Test
    void sortKeyConditionsSelectRangesInNumericOrder() {
        Map<String, AttributeValue> p = Map.of(":p", s("p"), ":v", n(15));
        assertThat(sks(query("pk = :p", Map.of(":p", s("p"))).items()))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(sks(query("pk = :p AND sk = :v", p).items())).containsExactly(15);
        assertThat(sks(query("pk = :p AND sk > :v", p).items())).containsExactly(16, 17, 18, 19);
        assertThat(sks(query("pk = :p AND sk >= :v", p).items())).containsExactly(15, 16, 17, 18, 19);
        assertThat(sks(query("pk = :p AND sk < :v", Map.of(":p", s("p"), ":v", n(3)))
                        .items()))
                .containsExactly(0, 1, 2);
        assertThat(sks(query("pk = :p AND sk <= :v", Map.of(":p", s("p"), ":v", n(2)))
                        .items()))
                .containsExactly(0, 1, 2);
        assertThat(sks(query(":v < sk AND pk = :p", p).items())).containsExactly(16, 17, 18, 19);
        assertThat(sks(query("pk = :p AND sk BETWEEN :a AND :b", Map.of(":p", s("p"), ":a", n(9), ":b", n(11)))
                        .items()))
                .containsExactly(9, 10, 11);
        assertThat(query("pk = :p", Map.of(":p", s("nobody"))).items()).isEmpty();
        assertThat(sks(query("pk = :p", Map.of(":p", s("q"))).items())).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void stringSortKeysOrderByBytesAndBeginsWith() {
        String t = TestNames.unique("strings");
        createRangeTable(t, ScalarAttributeType.S);
        for (String sk : List.of("b", "a", "ab", "a\u0000", "abc", "b\u00e9", "B", "ac")) {
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("x"), "sk", s(sk))));
        }
        QueryResponse all = ddb.query(
                b -> b.tableName(t).keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("x"))));
        assertThat(all.items().stream().map(i -> i.get("sk").s()))
                .containsExactly("B", "a", "a\u0000", "ab", "abc", "ac", "b", "b\u00e9");
        QueryResponse prefix = ddb.query(b -> b.tableName(t)
                .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":p", s("x"), ":s", s("ab"))));
        assertThat(prefix.items().stream().map(i -> i.get("sk").s())).containsExactly("ab", "abc");
        QueryResponse after = ddb.query(b -> b.tableName(t)
                .keyConditionExpression("pk = :p AND sk > :s")
                .expressionAttributeValues(Map.of(":p", s("x"), ":s", s("a"))));
        assertThat(after.items().stream().map(i -> i.get("sk").s()))
                .containsExactly("a\u0000", "ab", "abc", "ac", "b", "b\u00e9");
    }

    @Test
    void scanIndexForwardFalseReversesAndPaginates() {
        List<Integer> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = ddb.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :p AND sk < :v")
                    .expressionAttributeValues(Map.of(":p", s("p"), ":v", n(10)))
                    .scanIndexForward(false)
                    .limit(3)
                    .exclusiveStartKey(from));
            seen.addAll(sks(r.items()));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(seen).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        // 3 + 3 + 3 + 1: the last page ends before the limit, so it has no LastEvaluatedKey
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void lastEvaluatedKeyIsTheTableKeyOfTheLastEvaluatedItem() {
        QueryResponse r = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))
                .limit(4));
        assertThat(r.count()).isEqualTo(4);
        assertThat(r.scannedCount()).isEqualTo(4);
        assertThat(r.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p"), "sk", n(3)));
        QueryResponse next = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))
                .limit(2)
                .exclusiveStartKey(r.lastEvaluatedKey()));
        assertThat(sks(next.items())).containsExactly(4, 5);
        QueryResponse whole = query("pk = :p", Map.of(":p", s("q")));
        assertThat(whole.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void limitCountsEvaluatedItemsBeforeTheFilter() {
        QueryResponse r = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p")
                .filterExpression("even = :t")
                .expressionAttributeValues(Map.of(":p", s("p"), ":t", AttributeValue.fromBool(true)))
                .limit(5));
        assertThat(sks(r.items())).containsExactly(0, 2, 4);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.scannedCount()).isEqualTo(5);
        assertThat(r.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p"), "sk", n(4)));
        QueryResponse all = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p")
                .filterExpression("even = :t")
                .expressionAttributeValues(Map.of(":p", s("p"), ":t", AttributeValue.fromBool(false))));
        assertThat(all.count()).isEqualTo(10);
        assertThat(all.scannedCount()).isEqualTo(20);
    }

    @Test
    void projectionAndSelectCount() {
        QueryResponse projected = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p AND sk = :v")
                .projectionExpression("#d")
                .expressionAttributeNames(Map.of("#d", "data"))
                .expressionAttributeValues(Map.of(":p", s("p"), ":v", n(7))));
        assertThat(projected.items()).containsExactly(Map.of("data", s("d7")));
        QueryResponse count = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))
                .select(Select.COUNT));
        assertThat(count.count()).isEqualTo(20);
        assertThat(count.hasItems()).isFalse();
        QueryResponse specific = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p AND sk = :v")
                .projectionExpression("sk")
                .select(Select.SPECIFIC_ATTRIBUTES)
                .expressionAttributeValues(Map.of(":p", s("p"), ":v", n(7))));
        assertThat(specific.items()).containsExactly(Map.of("sk", n(7)));
    }

    @Test
    void consumedCapacityCountsEveryEvaluatedByte() {
        QueryResponse r = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("q")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(r.consumedCapacity().tableName()).isEqualTo(table);
        assertThat(r.consumedCapacity().capacityUnits()).isEqualTo(0.5);
        QueryResponse strong = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p")
                .consistentRead(true)
                .expressionAttributeValues(Map.of(":p", s("q")))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertThat(strong.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        assertThat(strong.consumedCapacity().table().capacityUnits()).isEqualTo(1.0);
    }

    @Test
    void pagesStopAtOneMegabyteBeforeTheFilter() {
        String t = TestNames.unique("big");
        createRangeTable(t, ScalarAttributeType.N);
        String blob = "x".repeat(100_000);
        for (int i = 0; i < 25; i++) {
            put(t, "p", i, Map.of("payload", s(blob)));
        }
        QueryResponse first = ddb.query(b -> b.tableName(t)
                .keyConditionExpression("pk = :p")
                .filterExpression("attribute_not_exists(payload)")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(first.count()).isZero();
        // each item is a little over 100,000 bytes: the 11th reaches 1 MB
        assertThat(first.scannedCount()).isEqualTo(11);
        assertThat(first.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p"), "sk", n(10)));
        ScanResponse scan = ddb.scan(b -> b.tableName(t));
        assertThat(scan.count()).isEqualTo(11);
        ScanResponse rest = ddb.scan(b -> b.tableName(t).exclusiveStartKey(scan.lastEvaluatedKey()));
        ScanResponse last = ddb.scan(b -> b.tableName(t).exclusiveStartKey(rest.lastEvaluatedKey()));
        assertThat(rest.count() + last.count()).isEqualTo(14);
        assertThat(last.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void scanPaginatesOverEveryItemOnce() {
        Set<String> ids = new HashSet<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse r = ddb.scan(b -> b.tableName(hashTable).limit(7).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : r.items()) {
                assertThat(ids.add(item.get("id").s())).isTrue();
            }
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start.keySet()).containsExactly("id");
            }
        } while (start != null);
        assertThat(ids).hasSize(50);
        ScanResponse filtered = ddb.scan(b -> b.tableName(hashTable)
                .filterExpression("n < :n")
                .expressionAttributeValues(Map.of(":n", n(10)))
                .select(Select.COUNT));
        assertThat(filtered.count()).isEqualTo(10);
        assertThat(filtered.scannedCount()).isEqualTo(50);
    }

    @Test
    void parallelScanSegmentsAreDisjointAndComplete() {
        for (int total : new int[] {1, 3, 8}) {
            List<String> all = new ArrayList<>();
            for (int seg = 0; seg < total; seg++) {
                int segment = seg;
                int totalSegments = total;
                Map<String, AttributeValue> start = null;
                do {
                    Map<String, AttributeValue> from = start;
                    ScanResponse r = ddb.scan(b -> b.tableName(hashTable)
                            .segment(segment)
                            .totalSegments(totalSegments)
                            .limit(4)
                            .exclusiveStartKey(from));
                    r.items().forEach(i -> all.add(i.get("id").s()));
                    start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
                } while (start != null);
            }
            assertThat(all).hasSize(50).doesNotHaveDuplicates();
        }
    }

    @Test
    void keyConditionErrors() {
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)),
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        assertValidation(() -> query("sk = :v", Map.of(":v", n(1))), "Query condition missed key schema element: pk");
        assertValidation(
                () -> query("pk = :p AND extra = :v", Map.of(":p", s("p"), ":v", n(1))),
                "Query condition missed key schema element: sk");
        assertValidation(
                () -> query("pk = :p OR sk = :v", Map.of(":p", s("p"), ":v", n(1))),
                "Invalid operator used in KeyConditionExpression: OR");
        assertValidation(
                () -> query("pk = :p AND sk <> :v", Map.of(":p", s("p"), ":v", n(1))),
                "Invalid operator used in KeyConditionExpression: <>");
        assertValidation(
                () -> query("pk = :p AND attribute_exists(sk)", Map.of(":p", s("p"))),
                "Invalid operator used in KeyConditionExpression: attribute_exists");
        assertValidation(() -> query("pk > :p", Map.of(":p", s("p"))), "Query key condition not supported");
        assertValidation(
                () -> query("pk = :p AND sk > :v AND sk < :w", Map.of(":p", s("p"), ":v", n(1), ":w", n(3))),
                "KeyConditionExpressions must only contain one condition per key");
        assertValidation(
                () -> query("pk = :p AND sk = :v", Map.of(":p", s("p"), ":v", s("1"))),
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
        assertValidation(
                () -> query("pk = :p AND begins_with(sk, :v)", Map.of(":p", s("p"), ":v", n(1))),
                "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or "
                        + "function: begins_with, operand type: N");
        assertValidation(
                () -> query("pk = :p AND sk.a = :v", Map.of(":p", s("p"), ":v", n(1))),
                "KeyConditionExpressions cannot have conditions on nested attributes");
        assertValidation(
                () -> query("pk = :p AND size(sk) = :v", Map.of(":p", s("p"), ":v", n(1))),
                "KeyConditionExpressions cannot contain nested operations");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .filterExpression("sk > :v")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":v", n(1)))),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":unused", n(1)))),
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
    }

    @Test
    void parameterErrors() {
        Map<String, AttributeValue> p = Map.of(":p", s("p"));
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(p)
                        .limit(0)),
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have "
                        + "value greater than or equal to 1");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(p)
                        .select(Select.SPECIFIC_ATTRIBUTES)),
                "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing "
                        + "to get SPECIFIC_ATTRIBUTES");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(table).select(Select.SPECIFIC_ATTRIBUTES)),
                "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(p)
                        .select(Select.COUNT)
                        .projectionExpression("sk")),
                "1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only the "
                        + "Count");
        assertValidation(
                () -> ddb.scan(
                        b -> b.tableName(table).select(Select.ALL_ATTRIBUTES).projectionExpression("sk")),
                "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(table).select(Select.ALL_PROJECTED_ATTRIBUTES)),
                "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(table).select("count")),
                "1 validation error detected: Value 'count' at 'select' failed to satisfy constraint: Member must "
                        + "satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, "
                        + "ALL_PROJECTED_ATTRIBUTES]");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(table).segment(1)),
                "The TotalSegments parameter is required but was not present in the request when parameter Segment "
                        + "is present");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(table).totalSegments(2)),
                "The Segment parameter is required but was not present in the request when parameter TotalSegments "
                        + "is present");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(table).segment(2).totalSegments(2)),
                "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is "
                        + "not less than TotalSegments: 2");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(table).indexName("nope")),
                "The table does not have the specified index: nope");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ddb.scan(b -> b.tableName("missing-table")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found");
    }

    @Test
    void exclusiveStartKeyErrors() {
        QueryRequest.Builder q = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")));
        assertValidation(
                () -> ddb.query(q.exclusiveStartKey(Map.of("pk", s("p"))).build()),
                "The provided starting key is invalid");
        assertValidation(
                () -> ddb.query(
                        q.exclusiveStartKey(Map.of("pk", s("p"), "sk", s("1"))).build()),
                "The provided starting key is invalid");
        assertValidation(
                () -> ddb.query(
                        q.exclusiveStartKey(Map.of("pk", s("q"), "sk", n(1))).build()),
                "The provided starting key is outside query boundaries based on provided conditions");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(hashTable).exclusiveStartKey(Map.of("id", n(1)))),
                "The provided starting key is invalid: The provided key element does not match the schema");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(hashTable).exclusiveStartKey(Map.of("id", s("a"), "other", s("b")))),
                "The provided starting key is invalid: The provided key element does not match the schema");
        // a start key that is no item still positions the read
        ScanResponse r = ddb.scan(b -> b.tableName(hashTable).exclusiveStartKey(Map.of("id", s("item-48"))));
        assertThat(r.items())
                .extracting(i -> i.get("id").s())
                .containsExactly("item-49", "item-5", "item-6", "item-7", "item-8", "item-9");
    }

    @Test
    void paginationIsStableUnderConcurrentWrites() throws Exception {
        String t = TestNames.unique("churn");
        createRangeTable(t, ScalarAttributeType.N);
        for (int i = 0; i < 300; i += 2) {
            put(t, "p", i, Map.of("stable", AttributeValue.fromBool(true)));
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            java.util.Random random = new java.util.Random(7);
            try (DynamoDbClient w = EddyClients.dynamo(server.endpoint())) {
                while (!stop.get()) {
                    int odd = random.nextInt(150) * 2 + 1;
                    if (random.nextBoolean()) {
                        Map<String, AttributeValue> item = Map.of("pk", s("p"), "sk", n(odd));
                        w.putItem(b -> b.tableName(t).item(item));
                    } else {
                        w.deleteItem(b -> b.tableName(t).key(Map.of("pk", s("p"), "sk", n(odd))));
                    }
                }
            }
        });
        try {
            for (int round = 0; round < 5; round++) {
                List<Integer> seen = new ArrayList<>();
                Map<String, AttributeValue> start = null;
                do {
                    Map<String, AttributeValue> from = start;
                    QueryResponse r = ddb.query(b -> b.tableName(t)
                            .keyConditionExpression("pk = :p")
                            .expressionAttributeValues(Map.of(":p", s("p")))
                            .limit(7)
                            .exclusiveStartKey(from));
                    seen.addAll(sks(r.items()));
                    start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
                } while (start != null);
                assertThat(seen).doesNotHaveDuplicates().isSorted();
                assertThat(seen.stream().filter(i -> i % 2 == 0)).hasSize(150);
                Set<String> scanned = new HashSet<>();
                start = null;
                do {
                    Map<String, AttributeValue> from = start;
                    ScanResponse r = ddb.scan(b -> b.tableName(t).limit(11).exclusiveStartKey(from));
                    for (Map<String, AttributeValue> item : r.items()) {
                        assertThat(scanned.add(item.get("sk").n())).isTrue();
                    }
                    start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
                } while (start != null);
                assertThat(scanned.stream().filter(k -> Integer.parseInt(k) % 2 == 0))
                        .hasSize(150);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }
}
