package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** DynamoDB's limits on expressions, document paths, item nesting and numbers, and where each is checked. */
@SuppressWarnings("unchecked") // the SDK builders take generic varargs of consumers
class LimitsTest extends InMemoryServerTest {
    /** id S, with item "a" holding n = 1. */
    static String table;
    /** id S and sort key n N. */
    static String sorted;

    private static final String SIZE = "Expression size has exceeded the maximum allowed size;";

    @BeforeAll
    static void tables() {
        table = TestNames.unique("limits");
        ddb.createTable(TablesTest.hashTable(table).build());
        ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("a"), "n", n("1"))));
        sorted = TestNames.unique("limits-n");
        ddb.createTable(b -> b.tableName(sorted)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                        a -> a.attributeName("id").attributeType("S"),
                        a -> a.attributeName("n").attributeType("N"))
                .keySchema(
                        k -> k.attributeName("id").keyType("HASH"),
                        k -> k.attributeName("n").keyType("RANGE")));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    static void assertMessage(Runnable call, String message) {
        TablesTest.assertValidation(call, message);
    }

    static void assertMessageStarts(Runnable call, String prefix) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).startsWith(prefix);
        });
    }

    /** A single attribute name of {@code length} bytes. */
    static String name(int length) {
        return "a" + "z".repeat(length - 1);
    }

    @Test
    void expressionsAreLimitedTo4096Bytes() {
        var found =
                ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("a"))).projectionExpression(name(4096)));
        assertThat(found.item()).isEmpty();
        assertMessage(
                () -> ddb.getItem(
                        b -> b.tableName(table).key(Map.of("id", s("a"))).projectionExpression(name(4097))),
                "Invalid ProjectionExpression: " + SIZE);
        String update = "SET " + name(4097) + " = :v";
        assertMessage(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("a")))
                        .updateExpression(update)
                        .expressionAttributeValues(Map.of(":v", s("x")))),
                "Invalid UpdateExpression: " + SIZE);
        String filter = name(4097) + " = :v";
        assertMessageStarts(
                () -> ddb.scan(b ->
                        b.tableName(table).filterExpression(filter).expressionAttributeValues(Map.of(":v", s("x")))),
                "Invalid FilterExpression: " + SIZE);
        // placeholders count as written, not as substituted
        Map<String, String> names = new HashMap<>();
        StringBuilder projection = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            names.put("#a" + i, name(200) + i);
            projection.append(i == 0 ? "" : ",").append("#a").append(i);
        }
        assertThat(ddb.getItem(b -> b.tableName(table)
                                .key(Map.of("id", s("a")))
                                .projectionExpression(projection.toString())
                                .expressionAttributeNames(names))
                        .item())
                .isEmpty();
    }

    @Test
    void documentPathsHaveAtMost32Levels() {
        String ok = "a" + ".b".repeat(31);
        String deep = "a" + ".b".repeat(32);
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("a"))).projectionExpression(ok))
                        .item())
                .isEmpty();
        assertMessage(
                () -> ddb.getItem(
                        b -> b.tableName(table).key(Map.of("id", s("a"))).projectionExpression(deep)),
                "Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33");
        assertMessage(
                () -> ddb.updateItem(
                        b -> b.tableName(table).key(Map.of("id", s("a"))).updateExpression("REMOVE " + deep + "[0]")),
                "Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 34");
        assertMessage(
                () -> ddb.scan(b -> b.tableName(table).filterExpression("attribute_exists(" + deep + ")")),
                "Invalid FilterExpression: The document path has too many nesting levels; nesting levels: 33");
    }

    @Test
    void listIndexesMustBePlainNonNegativeIntegers() {
        for (String path : List.of("l[-1]", "l[1.5]", "l[:v]", "l[]", "l[1e2]")) {
            assertMessageStarts(
                    () -> ddb.getItem(
                            b -> b.tableName(table).key(Map.of("id", s("a"))).projectionExpression(path)),
                    "Invalid ProjectionExpression: Syntax error; token:");
        }
        // no list holds that many elements
        assertMessageStarts(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("a")))
                        .updateExpression("SET l[99999999999] = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))),
                "Invalid UpdateExpression: ");
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("a"))))
                        .item())
                .doesNotContainKey("l");
    }

    @Test
    void itemsNestDeeperThan32LevelsNowhere() {
        String nesting = "Nesting Levels have exceeded supported limits: "
                + "Attributes in the item have nested levels beyond supported limit";
        AttributeValue v = s("x");
        for (int i = 0; i < 31; i++) {
            v = AttributeValue.fromL(List.of(v));
        }
        AttributeValue deepest = v;
        ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("deep32"), "v", deepest)));
        AttributeValue tooDeep = AttributeValue.fromL(List.of(deepest));
        assertMessage(
                () -> ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("deep33"), "v", tooDeep))), nesting);
        // a value within the limit written one level down: the item goes beyond it
        ddb.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s("deep32")))
                .updateExpression("SET m = :m")
                .expressionAttributeValues(Map.of(":m", AttributeValue.fromM(Map.of()))));
        assertMessage(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("deep32")))
                        .updateExpression("SET m.k = :d")
                        .expressionAttributeValues(Map.of(":d", deepest))),
                nesting);
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("deep32"))))
                        .item()
                        .get("m"))
                .isEqualTo(AttributeValue.fromM(Map.of()));
    }

    @Test
    void invalidNumberStringsAreRejectedWhereverTheyEnter() {
        AttributeValue bad = n("1 ");
        String message = "The parameter cannot be converted to a numeric value";
        Map<String, Consumer<Void>> calls = new java.util.LinkedHashMap<>();
        calls.put("item", x -> ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("bad"), "n", bad))));
        calls.put(
                "expression value",
                x -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("a")))
                        .updateExpression("SET n = :v")
                        .expressionAttributeValues(Map.of(":v", bad))));
        calls.put(
                "Expected",
                x -> ddb.putItem(b -> b.tableName(table)
                        .item(Map.of("id", s("bad")))
                        .expected(Map.of(
                                "n", ExpectedAttributeValue.builder().value(bad).build()))));
        calls.put(
                "AttributeUpdates",
                x -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("a")))
                        .attributeUpdates(Map.of(
                                "n",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.ADD)
                                        .value(bad)
                                        .build()))));
        Condition badCondition = Condition.builder()
                .comparisonOperator(ComparisonOperator.EQ)
                .attributeValueList(bad)
                .build();
        calls.put(
                "KeyConditions",
                x -> ddb.query(b -> b.tableName(sorted)
                        .keyConditions(Map.of(
                                "id",
                                Condition.builder()
                                        .comparisonOperator(ComparisonOperator.EQ)
                                        .attributeValueList(s("a"))
                                        .build(),
                                "n",
                                badCondition))));
        calls.put(
                "QueryFilter",
                x -> ddb.query(b -> b.tableName(table)
                        .keyConditions(Map.of(
                                "id",
                                Condition.builder()
                                        .comparisonOperator(ComparisonOperator.EQ)
                                        .attributeValueList(s("a"))
                                        .build()))
                        .queryFilter(Map.of("n", badCondition))));
        calls.put(
                "ExclusiveStartKey",
                x -> ddb.query(b -> b.tableName(sorted)
                        .keyConditionExpression("id = :a")
                        .expressionAttributeValues(Map.of(":a", s("a")))
                        .exclusiveStartKey(Map.of("id", s("a"), "n", bad))));
        calls.put("GetItem key", x -> ddb.getItem(b -> b.tableName(sorted).key(Map.of("id", s("a"), "n", bad))));
        calls.put(
                "BatchWriteItem",
                x -> ddb.batchWriteItem(b -> b.requestItems(Map.of(
                        table,
                        List.of(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .putRequest(p -> p.item(Map.of("id", s("bad"), "n", bad)))
                                .build())))));
        calls.put(
                "BatchGetItem",
                x -> ddb.batchGetItem(b -> b.requestItems(Map.of(
                        sorted,
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                                .keys(Map.of("id", s("a"), "n", bad))
                                .build()))));
        calls.put(
                "TransactWriteItems",
                x -> ddb.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName(table)
                        .item(Map.of("id", s("bad"), "n", AttributeValue.fromNs(List.of("1", "x"))))))));
        calls.put(
                "TransactGetItems",
                x -> ddb.transactGetItems(b ->
                        b.transactItems(t -> t.get(g -> g.tableName(sorted).key(Map.of("id", s("a"), "n", bad))))));
        for (var e : calls.entrySet()) {
            assertThatThrownBy(() -> e.getValue().accept(null))
                    .as(e.getKey())
                    .isInstanceOfSatisfying(DynamoDbException.class, ex -> {
                        assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                        assertThat(ex.awsErrorDetails().errorMessage()).contains(message);
                    });
        }
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("bad"))))
                        .hasItem())
                .isFalse();
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("a"))))
                        .item()
                        .get("n"))
                .isEqualTo(n("1"));
        for (String text : List.of("NaN", "Infinity", "-Infinity", "dog", " 1", "0x10", "1e", "--1")) {
            assertMessageStarts(
                    () -> ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("bad"), "n", n(text)))), message);
        }
        for (String text : List.of("3", "-7.1234", "-17e5", "-17.4E37", "+3", ".123", "0001.23", "1e+5")) {
            ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("good"), "n", n(text))));
        }
    }

    @Test
    void arithmeticBeyond38DigitsIsAnOverflow() {
        String overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range";
        ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("big"), "n", n("1e50"))));
        assertMessage(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("big")))
                        .updateExpression("SET n = n + :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))),
                overflow);
        assertMessage(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("big")))
                        .updateExpression("SET m = :a - :one")
                        .expressionAttributeValues(Map.of(":a", n("1e50"), ":one", n("1")))),
                overflow);
        assertMessage(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("big")))
                        .updateExpression("ADD n :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))),
                overflow);
        assertMessage(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("big")))
                        .updateExpression("SET m = :a + :a")
                        .expressionAttributeValues(Map.of(":a", n("9e125")))),
                overflow);
        // a stored value with too many digits keeps its own message
        assertMessage(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(Map.of("id", s("big"), "n", n("123456789012345678901234567890123456789")))),
                "Attempting to store more than 38 significant digits in a Number");
        // 38 nines plus one needs one digit
        ddb.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s("big")))
                .updateExpression("SET m = :a + :one")
                .expressionAttributeValues(Map.of(":a", n("9".repeat(38)), ":one", n("1"))));
        Map<String, AttributeValue> item =
                ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("big")))).item();
        assertThat(item.get("n")).isEqualTo(n("1" + "0".repeat(50)));
        assertThat(item.get("m")).isEqualTo(n("1" + "0".repeat(38)));
    }

    @Test
    void parallelScanStartKeyMustBelongToTheSegment() {
        String t = TestNames.unique("segments");
        ddb.createTable(TablesTest.hashTable(t).build());
        for (int i = 0; i < 20; i++) {
            String id = "k" + i;
            ddb.putItem(b -> b.tableName(t).item(Map.of("id", s(id))));
        }
        ScanResponse first =
                ddb.scan(b -> b.tableName(t).segment(0).totalSegments(2).limit(1));
        assertThat(first.hasLastEvaluatedKey()).isTrue();
        Map<String, AttributeValue> inZero = first.lastEvaluatedKey();
        // the key continues its own segment
        ddb.scan(b -> b.tableName(t).segment(0).totalSegments(2).exclusiveStartKey(inZero));
        assertMessage(
                () -> ddb.scan(b -> b.tableName(t).segment(1).totalSegments(2).exclusiveStartKey(inZero)),
                "The provided Exclusive start key does not map to the provided segment");
    }

    @Test
    void transactGetItemsWithAnInvalidKeyIsCancelledAtThatPosition() {
        assertThatThrownBy(() -> ddb.transactGetItems(b -> b.transactItems(
                        t -> t.get(g -> g.tableName(table).key(Map.of("id", s("a")))),
                        t -> t.get(g -> g.tableName(table).key(Map.of("id", n("1")))),
                        t -> t.get(g -> g.tableName(sorted).key(Map.of("id", s("a"), "n", n("1")))))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Transaction cancelled, please refer cancellation reasons for specific reasons "
                                    + "[None, ValidationError, None]");
                    assertThat(e.cancellationReasons())
                            .extracting(r -> r.code())
                            .containsExactly("None", "ValidationError", "None");
                    assertThat(e.cancellationReasons().get(1).message()).isNotBlank();
                });
    }
}
