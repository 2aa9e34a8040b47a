package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Places where DynamoDB's answer differs from the obvious one: legacy key conditions, empty updates, bad input. */
class SemanticsTest extends InMemoryServerTest {
    /** id S only. */
    static String table;

    @BeforeAll
    static void start() {
        if (WireTest.http == null) {
            WireTest.http = java.net.http.HttpClient.newHttpClient();
        }
        table = TestNames.unique("sem");
        ddb.createTable(TablesTest.hashTable(table).build());
        ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("a"), "n", AttributeValue.fromN("1"))));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static void assertValidationType(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        });
    }

    @Test
    void legacyKeyConditionsOnATableWithoutSortKeyReturnTheItem() {
        Condition eq = Condition.builder()
                .comparisonOperator(ComparisonOperator.EQ)
                .attributeValueList(s("a"))
                .build();
        var r = ddb.query(b -> b.tableName(table).keyConditions(Map.of("id", eq)));
        assertThat(r.items()).containsExactly(Map.of("id", s("a"), "n", AttributeValue.fromN("1")));
        assertThat(r.count()).isEqualTo(1);
        var expression = ddb.query(b ->
                b.tableName(table).keyConditionExpression("id = :v").expressionAttributeValues(Map.of(":v", s("a"))));
        assertThat(expression.items()).hasSize(1);
        assertThat(ddb.query(b -> b.tableName(table)
                                .keyConditionExpression("id = :v")
                                .expressionAttributeValues(Map.of(":v", s("nothing"))))
                        .items())
                .isEmpty();
    }

    @Test
    void updateWithOnlyRemoveOrDeleteDoesNotCreateTheItem() {
        UpdateItemResponse removed = ddb.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s("ghost-remove")))
                .updateExpression("REMOVE x")
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(removed.hasAttributes()).isFalse();
        UpdateItemResponse deleted = ddb.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s("ghost-delete")))
                .updateExpression("DELETE ss :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromSs(java.util.List.of("x"))))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(deleted.hasAttributes()).isFalse();
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("ghost-remove"))))
                        .hasItem())
                .isFalse();
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("ghost-delete"))))
                        .hasItem())
                .isFalse();
        // An update that sets something still creates the item.
        UpdateItemResponse set = ddb.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s("created")))
                .updateExpression("SET v = :v REMOVE x")
                .expressionAttributeValues(Map.of(":v", s("1")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(set.attributes()).isEqualTo(Map.of("id", s("created"), "v", s("1")));
    }

    @Test
    void comparisonsAndFunctionsAreCheckedBeforeAnyItemIsRead() {
        TablesTest.assertValidation(
                () -> ddb.scan(b -> b.tableName(table)
                        .filterExpression("n < :m")
                        .expressionAttributeValues(Map.of(":m", AttributeValue.fromM(Map.of())))),
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: <, "
                        + "operand type: M");
        TablesTest.assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(Map.of("id", s("cmp")))
                        .conditionExpression("n BETWEEN :b AND :b")
                        .expressionAttributeValues(Map.of(":b", AttributeValue.fromBool(true)))),
                "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or "
                        + "function: BETWEEN, operand type: BOOL");
        TablesTest.assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(Map.of("id", s("cmp")))
                        .conditionExpression("if_not_exists(n, :v) = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))),
                "Invalid ConditionExpression: The function is not allowed in a condition expression; function: "
                        + "if_not_exists");
        TablesTest.assertValidation(
                () -> ddb.updateItem(
                        b -> b.tableName(table).key(Map.of("id", s("cmp"))).updateExpression("SET n = nope(n)")),
                "Invalid UpdateExpression: Invalid function name; function: nope");
        TablesTest.assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", s("cmp")))
                        .updateExpression("SET #x = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))),
                "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #x");
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("cmp"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void emptyLegacyExpectedIsNoCondition() throws Exception {
        String put = "{\"TableName\":\"" + table + "\",\"Item\":{\"id\":{\"S\":\"exp\"}},\"Expected\":{}}";
        assertThat(WireTest.post("DynamoDB_20120810.PutItem", bytes(put), true).statusCode())
                .isEqualTo(200);
        String update = "{\"TableName\":\"" + table + "\",\"Key\":{\"id\":{\"S\":\"exp\"}},"
                + "\"AttributeUpdates\":{\"v\":{\"Value\":{\"S\":\"x\"}}},\"Expected\":{}}";
        assertThat(WireTest.post("DynamoDB_20120810.UpdateItem", bytes(update), true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("exp"))))
                        .item())
                .isEqualTo(Map.of("id", s("exp"), "v", s("x")));
        String delete = "{\"TableName\":\"" + table + "\",\"Key\":{\"id\":{\"S\":\"exp\"}},\"Expected\":{}}";
        assertThat(WireTest.post("DynamoDB_20120810.DeleteItem", bytes(delete), true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("exp"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void deeplyNestedParenthesesAreAValidationError() {
        String deep = "(".repeat(5000) + "n = :v" + ")".repeat(5000);
        assertValidationType(() -> ddb.putItem(b -> b.tableName(table)
                .item(Map.of("id", s("deep")))
                .conditionExpression(deep)
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))));
        assertValidationType(() -> ddb.scan(b -> b.tableName(table)
                .filterExpression(deep)
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))));
        assertValidationType(() -> ddb.query(b -> b.tableName(table)
                .keyConditionExpression("(".repeat(1500) + "id = :v" + ")".repeat(1500))
                .expressionAttributeValues(Map.of(":v", s("a")))));
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("deep"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void partiqlListIndexBeyondIntRangeIsAValidationError() {
        assertValidationType(() -> ddb.executeStatement(
                b -> b.statement("SELECT * FROM \"" + table + "\" WHERE id = 'a' AND l[2147483648] = 1")));
        assertValidationType(() -> ddb.executeStatement(
                b -> b.statement("SELECT l[99999999999999999999] FROM \"" + table + "\" WHERE id = 'a'")));
    }

    @Test
    void loneSurrogatesAreRejected() throws Exception {
        String put = "{\"TableName\":\"" + table + "\",\"Item\":{\"id\":{\"S\":\"\\ud800\"}}}";
        HttpResponse<byte[]> r = WireTest.post("DynamoDB_20120810.PutItem", bytes(put), true);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = WireTest.JSON.readTree(r.body());
        assertThat(body.get("__type").asText()).endsWith("SerializationException");
        String token = "{\"TransactItems\":[{\"Put\":{\"TableName\":\"" + table
                + "\",\"Item\":{\"id\":{\"S\":\"t\"}}}}],\"ClientRequestToken\":\"\\udc00\"}";
        assertThat(WireTest.post("DynamoDB_20120810.TransactWriteItems", bytes(token), true)
                        .statusCode())
                .isEqualTo(400);
        assertThat(ddb.scan(b -> b.tableName(table)).items())
                .noneMatch(i -> i.get("id").s().equals("?") || i.get("id").s().equals("t"));
    }

    @Test
    void partiqlSelectOfANestedPathReturnsTheNestedValue() {
        AttributeValue c = s("deep");
        AttributeValue doc = AttributeValue.fromM(Map.of(
                "b", AttributeValue.fromM(Map.of("c", c, "d", s("other"))), "e", AttributeValue.fromL(List.of(c))));
        ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("doc"), "a", doc)));
        var r = ddb.executeStatement(b -> b.statement("SELECT a.b.c, a.e[0] FROM \"" + table + "\" WHERE id = 'doc'"));
        assertThat(r.items()).hasSize(1);
        Map<String, AttributeValue> item = r.items().getFirst();
        assertThat(item.toString()).contains("deep");
        assertThat(item.toString()).doesNotContain("other");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
