package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** KeyConditions, QueryFilter, ScanFilter, ConditionalOperator and AttributesToGet on Query and Scan. */
class LegacyQueryScanTest extends InMemoryServerTest {
    /** pk S, sk N: partition "p" holds sk 0..9 with n = sk and tag "even"/"odd". */
    static String table;
    /** id S only. */
    static String hashTable;

    @BeforeAll
    static void start() {
        table = TestNames.unique("legacyq");
        createRangeTable(table, ScalarAttributeType.N);
        for (int i = 0; i < 10; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s("p"));
            item.put("sk", n(i));
            item.put("n", n(i));
            item.put("tag", s(i % 2 == 0 ? "even" : "odd"));
            ddb.putItem(b -> b.tableName(table).item(item));
        }
        hashTable = TestNames.unique("legacys");
        ddb.createTable(TablesTest.hashTable(hashTable).build());
        for (int i = 0; i < 6; i++) {
            Map<String, AttributeValue> item =
                    Map.of("id", s("i" + i), "n", n(i), "tag", s(i % 2 == 0 ? "even" : "odd"));
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

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(int v) {
        return AttributeValue.fromN(Integer.toString(v));
    }

    static Condition cond(ComparisonOperator op, AttributeValue... values) {
        return Condition.builder()
                .comparisonOperator(op)
                .attributeValueList(values)
                .build();
    }

    static Map<String, Condition> conditions(Object... pairs) {
        Map<String, Condition> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Condition) pairs[i + 1]);
        }
        return out;
    }

    static List<Integer> sks(QueryResponse r) {
        return r.items().stream().map(i -> Integer.parseInt(i.get("sk").n())).toList();
    }

    @Test
    void keyConditionsSelectTheSameRangesAsExpressions() {
        AttributeValue p = s("p");
        assertThat(sks(ddb.query(b ->
                        b.tableName(table).keyConditions(conditions("pk", cond(ComparisonOperator.EQ, p))))))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(sks(ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "pk", cond(ComparisonOperator.EQ, p), "sk", cond(ComparisonOperator.LT, n(3)))))))
                .containsExactly(0, 1, 2);
        assertThat(sks(ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "sk", cond(ComparisonOperator.GE, n(8)), "pk", cond(ComparisonOperator.EQ, p))))))
                .containsExactly(8, 9);
        assertThat(sks(ddb.query(b -> b.tableName(table)
                        .scanIndexForward(false)
                        .keyConditions(conditions(
                                "pk",
                                cond(ComparisonOperator.EQ, p),
                                "sk",
                                cond(ComparisonOperator.BETWEEN, n(2), n(4)))))))
                .containsExactly(4, 3, 2);
        assertThat(sks(ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "pk", cond(ComparisonOperator.EQ, p), "sk", cond(ComparisonOperator.LE, n(1)))))))
                .containsExactly(0, 1);
        assertThat(sks(ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "pk", cond(ComparisonOperator.EQ, p), "sk", cond(ComparisonOperator.GT, n(8)))))))
                .containsExactly(9);
        assertThat(sks(ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "pk", cond(ComparisonOperator.EQ, p), "sk", cond(ComparisonOperator.EQ, n(5)))))))
                .containsExactly(5);
        assertThat(ddb.query(b -> b.tableName(table)
                                .keyConditions(conditions("pk", cond(ComparisonOperator.EQ, s("none")))))
                        .count())
                .isZero();
    }

    @Test
    void beginsWithOnAStringSortKey() {
        String t = TestNames.unique("legacybw");
        createRangeTable(t, ScalarAttributeType.S);
        for (String sk : List.of("a1", "a2", "b1")) {
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("p"), "sk", s(sk))));
        }
        QueryResponse r = ddb.query(b -> b.tableName(t)
                .keyConditions(conditions(
                        "pk",
                        cond(ComparisonOperator.EQ, s("p")),
                        "sk",
                        cond(ComparisonOperator.BEGINS_WITH, s("a")))));
        assertThat(r.items()).extracting(i -> i.get("sk").s()).containsExactly("a1", "a2");
    }

    @Test
    void queryFilterWithConditionalOperatorAndAttributesToGet() {
        QueryResponse and = ddb.query(b -> b.tableName(table)
                .keyConditions(conditions("pk", cond(ComparisonOperator.EQ, s("p"))))
                .queryFilter(conditions(
                        "tag", cond(ComparisonOperator.EQ, s("even")), "n", cond(ComparisonOperator.GT, n(4)))));
        assertThat(sks(and)).containsExactly(6, 8);
        assertThat(and.scannedCount()).isEqualTo(10);
        QueryResponse or = ddb.query(b -> b.tableName(table)
                .keyConditions(conditions("pk", cond(ComparisonOperator.EQ, s("p"))))
                .conditionalOperator(ConditionalOperator.OR)
                .queryFilter(conditions(
                        "n", cond(ComparisonOperator.IN, n(1), n(2)), "n2", cond(ComparisonOperator.NOT_NULL))));
        assertThat(sks(or)).containsExactly(1, 2);
        QueryResponse projected = ddb.query(b -> b.tableName(table)
                .limit(2)
                .keyConditions(conditions("pk", cond(ComparisonOperator.EQ, s("p"))))
                .attributesToGet("tag", "sk")
                .select(Select.SPECIFIC_ATTRIBUTES));
        assertThat(projected.items())
                .containsExactly(Map.of("tag", s("even"), "sk", n(0)), Map.of("tag", s("odd"), "sk", n(1)));
        assertThat(projected.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p"), "sk", n(1)));
        QueryResponse count = ddb.query(b -> b.tableName(table)
                .select(Select.COUNT)
                .keyConditions(conditions("pk", cond(ComparisonOperator.EQ, s("p"))))
                .queryFilter(conditions("tag", cond(ComparisonOperator.NE, s("even")))));
        assertThat(count.count()).isEqualTo(5);
        assertThat(count.items()).isEmpty();
    }

    @Test
    void keyConditionsWithExpressionFilterAreAccepted() {
        QueryResponse r = ddb.query(b -> b.tableName(table)
                .keyConditions(conditions("pk", cond(ComparisonOperator.EQ, s("p"))))
                .filterExpression("#t = :t")
                .expressionAttributeNames(Map.of("#t", "tag"))
                .expressionAttributeValues(Map.of(":t", s("odd"))));
        assertThat(sks(r)).containsExactly(1, 3, 5, 7, 9);
    }

    @Test
    void scanFilterAndAttributesToGet() {
        ScanResponse r = ddb.scan(b -> b.tableName(hashTable)
                .scanFilter(conditions(
                        "n",
                        cond(ComparisonOperator.BETWEEN, n(1), n(3)),
                        "id",
                        cond(ComparisonOperator.BEGINS_WITH, s("i")))));
        assertThat(r.items()).extracting(i -> i.get("id").s()).containsExactlyInAnyOrder("i1", "i2", "i3");
        assertThat(r.scannedCount()).isEqualTo(6);
        ScanResponse or = ddb.scan(b -> b.tableName(hashTable)
                .conditionalOperator(ConditionalOperator.OR)
                .attributesToGet("id")
                .scanFilter(conditions(
                        "n", cond(ComparisonOperator.EQ, n(0)), "tag", cond(ComparisonOperator.EQ, s("odd")))));
        assertThat(or.items())
                .containsExactlyInAnyOrder(
                        Map.of("id", s("i0")), Map.of("id", s("i1")), Map.of("id", s("i3")), Map.of("id", s("i5")));
        ScanResponse nulls =
                ddb.scan(b -> b.tableName(hashTable).scanFilter(conditions("tag", cond(ComparisonOperator.NULL))));
        assertThat(nulls.count()).isZero();
        ScanResponse contains = ddb.scan(b ->
                b.tableName(hashTable).scanFilter(conditions("tag", cond(ComparisonOperator.NOT_CONTAINS, s("ev")))));
        assertThat(contains.count()).isEqualTo(3);
    }

    @Test
    void mixingLegacyAndExpressionParametersIsRejected() {
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .keyConditions(conditions("pk", cond(ComparisonOperator.EQ, s("p"))))),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .attributesToGet("n")
                        .queryFilter(conditions("n", cond(ComparisonOperator.EQ, n(1))))),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {AttributesToGet, QueryFilter} Expression parameters: {KeyConditionExpression}");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .projectionExpression("n")
                        .keyConditions(conditions("pk", cond(ComparisonOperator.EQ, s("p"))))
                        .queryFilter(conditions("n", cond(ComparisonOperator.EQ, n(1))))),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {QueryFilter} Expression parameters: {ProjectionExpression}");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(hashTable)
                        .filterExpression("n = :n")
                        .expressionAttributeValues(Map.of(":n", n(1)))
                        .conditionalOperator(ConditionalOperator.AND)
                        .scanFilter(conditions("n", cond(ComparisonOperator.EQ, n(1))))),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {ScanFilter, ConditionalOperator} Expression parameters: {FilterExpression}");
        assertValidation(
                () -> ddb.scan(
                        b -> b.tableName(hashTable).projectionExpression("id").attributesToGet("id")),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
    }

    @Test
    void keyConditionRules() {
        AttributeValue p = s("p");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)),
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        assertValidation(
                () -> ddb.query(b ->
                        b.tableName(table).keyConditions(conditions("sk", cond(ComparisonOperator.EQ, n(1))))),
                "Query condition missed key schema element: pk");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "pk", cond(ComparisonOperator.EQ, p), "n", cond(ComparisonOperator.EQ, n(1))))),
                "Query condition missed key schema element: sk");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "pk",
                                cond(ComparisonOperator.EQ, p),
                                "sk",
                                cond(ComparisonOperator.EQ, n(1)),
                                "n",
                                cond(ComparisonOperator.EQ, n(1))))),
                "Conditions can be of length 1 or 2 only");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "pk", cond(ComparisonOperator.EQ, p), "sk", cond(ComparisonOperator.NE, n(1))))),
                "Attempted conditional constraint is not an indexable operation");
        assertValidation(
                () -> ddb.query(
                        b -> b.tableName(table).keyConditions(conditions("pk", cond(ComparisonOperator.NOT_NULL)))),
                "Attempted conditional constraint is not an indexable operation");
        assertValidation(
                () -> ddb.query(b ->
                        b.tableName(table).keyConditions(conditions("pk", cond(ComparisonOperator.IN, p, s("q"))))),
                "Attempted conditional constraint is not an indexable operation");
        assertValidation(
                () -> ddb.query(b ->
                        b.tableName(table).keyConditions(conditions("pk", cond(ComparisonOperator.BEGINS_WITH, p)))),
                "Query key condition not supported");
        assertValidation(
                () -> ddb.query(b -> b.tableName(hashTable)
                        .keyConditions(conditions(
                                "id", cond(ComparisonOperator.EQ, s("i1")), "n", cond(ComparisonOperator.EQ, n(1))))),
                "Query key condition not supported");
        assertValidation(
                () -> ddb.query(b ->
                        b.tableName(table).keyConditions(conditions("pk", cond(ComparisonOperator.EQ, n(1))))),
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "pk", cond(ComparisonOperator.EQ, p), "sk", cond(ComparisonOperator.BETWEEN, n(1))))),
                "One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN "
                        + "ComparisonOperator");
        assertValidation(
                () -> ddb.query(b ->
                        b.tableName(table).keyConditions(conditions("pk", cond(ComparisonOperator.EQ, p, s("q"))))),
                "One or more parameter values were invalid: Invalid number of argument(s) for the EQ "
                        + "ComparisonOperator");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditions(conditions(
                                "pk",
                                cond(ComparisonOperator.EQ, p),
                                "sk",
                                cond(ComparisonOperator.BETWEEN, n(5), n(1))))),
                "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    }

    @Test
    void filterAndSelectRules() {
        Map<String, Condition> key = conditions("pk", cond(ComparisonOperator.EQ, s("p")));
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditions(key)
                        .queryFilter(conditions("sk", cond(ComparisonOperator.GT, n(1))))),
                "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table).keyConditions(key).conditionalOperator(ConditionalOperator.OR)),
                "ConditionalOperator cannot be used without Filter or Expected");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditions(key)
                        .conditionalOperator(ConditionalOperator.OR)
                        .queryFilter(conditions("n", cond(ComparisonOperator.GT, n(1))))),
                "ConditionalOperator can only be used when Filter or Expected has two or more elements");
        assertValidation(
                () -> ddb.query(b -> b.tableName(table)
                        .keyConditions(key)
                        .attributesToGet("n")
                        .select(Select.ALL_ATTRIBUTES)),
                "1 validation error detected: Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(hashTable).attributesToGet("n").select(Select.COUNT)),
                "Cannot specify the AttributesToGet when choosing to get only the Count");
        assertValidation(
                () -> ddb.scan(b -> b.tableName(hashTable).attributesToGet("n", "n")),
                "One or more parameter values were invalid: Duplicate value in attribute name: n");
        assertValidation(
                () -> ddb.scan(b ->
                        b.tableName(hashTable).scanFilter(conditions("n", cond(ComparisonOperator.BEGINS_WITH, n(1))))),
                "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N "
                        + "AttributeValue type");
    }
}
