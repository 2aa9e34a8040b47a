package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Expected, ConditionalOperator, AttributeUpdates and AttributesToGet on the item operations. */
class LegacyParametersTest extends InMemoryServerTest {
    static String table;

    @BeforeAll
    static void start() {
        table = TestNames.unique("legacy");
        ddb.createTable(TablesTest.hashTable(table).build());
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    static ExpectedAttributeValue notExists() {
        return ExpectedAttributeValue.builder().exists(false).build();
    }

    @Test
    void expectedGuardsPutsAndDeletes() {
        ddb.putItem(b -> b.tableName(table)
                .item(Map.of("id", AttributeValue.fromS("e"), "n", AttributeValue.fromN("5")))
                .expected(Map.of("id", notExists())));
        assertThatThrownBy(
                        () -> ddb.putItem(b -> b.tableName(table).item(key("e")).expected(Map.of("id", notExists()))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> ddb.deleteItem(b -> b.tableName(table)
                        .key(key("e"))
                        .expected(Map.of(
                                "n",
                                ExpectedAttributeValue.builder()
                                        .value(AttributeValue.fromN("6"))
                                        .build()))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        // OR of a false and a true comparison
        ddb.deleteItem(b -> b.tableName(table)
                .key(key("e"))
                .conditionalOperator(ConditionalOperator.OR)
                .expected(Map.of(
                        "n",
                                ExpectedAttributeValue.builder()
                                        .comparisonOperator(ComparisonOperator.GT)
                                        .attributeValueList(AttributeValue.fromN("10"))
                                        .build(),
                        "id",
                                ExpectedAttributeValue.builder()
                                        .comparisonOperator(ComparisonOperator.BEGINS_WITH)
                                        .attributeValueList(AttributeValue.fromS("e"))
                                        .build())));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("e"))).hasItem()).isFalse();
    }

    @Test
    void attributeUpdatesPutAddDelete() {
        ddb.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "id",
                        AttributeValue.fromS("u"),
                        "tags",
                        AttributeValue.fromSs(java.util.List.of("a", "b")),
                        "gone",
                        AttributeValue.fromS("x"))));
        var r = ddb.updateItem(b -> b.tableName(table)
                .key(key("u"))
                .returnValues(ReturnValue.ALL_NEW)
                .attributeUpdates(Map.of(
                        "count",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.ADD)
                                        .value(AttributeValue.fromN("3"))
                                        .build(),
                        "name",
                                AttributeValueUpdate.builder()
                                        .value(AttributeValue.fromS("n"))
                                        .build(),
                        "tags",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.DELETE)
                                        .value(AttributeValue.fromSs(java.util.List.of("a")))
                                        .build(),
                        "gone",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.DELETE)
                                        .build()))
                .expected(Map.of(
                        "gone",
                        ExpectedAttributeValue.builder()
                                .comparisonOperator(ComparisonOperator.NOT_NULL)
                                .build())));
        assertThat(r.attributes())
                .isEqualTo(Map.of(
                        "id",
                        AttributeValue.fromS("u"),
                        "tags",
                        AttributeValue.fromSs(java.util.List.of("b")),
                        "count",
                        AttributeValue.fromN("3"),
                        "name",
                        AttributeValue.fromS("n")));
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(key("u"))
                        .attributeUpdates(Map.of(
                                "name",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.DELETE)
                                        .value(AttributeValue.fromS("n"))
                                        .build()))),
                "One or more parameter values were invalid: Action DELETE is not supported for the type S");
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(key("u"))
                        .attributeUpdates(Map.of(
                                "name",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.PUT)
                                        .build()))),
                "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value "
                        + "is specified");
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(key("u"))
                        .attributeUpdates(Map.of(
                                "id",
                                AttributeValueUpdate.builder()
                                        .value(AttributeValue.fromS("other"))
                                        .build()))),
                "One or more parameter values were invalid: Cannot update attribute id. This attribute is part of "
                        + "the key");
    }

    @Test
    void attributesToGetProjects() {
        ddb.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "id",
                        AttributeValue.fromS("g"),
                        "a",
                        AttributeValue.fromN("1"),
                        "b",
                        AttributeValue.fromN("2"))));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("g")).attributesToGet("b", "missing"))
                        .item())
                .isEqualTo(Map.of("b", AttributeValue.fromN("2")));
        assertValidation(
                () -> ddb.getItem(b -> b.tableName(table).key(key("g")).attributesToGet("b", "b")),
                "One or more parameter values were invalid: Duplicate value in attribute name: b");
    }

    @Test
    void mixingAndMisuseAreRejected() {
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(key("m"))
                        .expected(Map.of("id", notExists()))
                        .conditionExpression("attribute_not_exists(id)")),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(key("m"))
                        .attributeUpdates(Map.of(
                                "a",
                                AttributeValueUpdate.builder()
                                        .value(AttributeValue.fromN("1"))
                                        .build()))
                        .updateExpression("SET b = :b")
                        .expressionAttributeValues(Map.of(":b", AttributeValue.fromN("1")))),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}");
        assertValidation(
                () -> ddb.getItem(b ->
                        b.tableName(table).key(key("m")).attributesToGet("a").projectionExpression("a")),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table).item(key("m")).conditionalOperator(ConditionalOperator.AND)),
                "ConditionalOperator cannot be used without Filter or Expected");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(key("m"))
                        .conditionalOperator(ConditionalOperator.AND)
                        .expected(Map.of("id", notExists()))),
                "ConditionalOperator can only be used when Filter or Expected has two or more elements");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(key("m"))
                        .expected(Map.of(
                                "x",
                                ExpectedAttributeValue.builder().exists(true).build()))),
                "One or more parameter values were invalid: Value must be provided when Exists is true for "
                        + "Attribute: x");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(key("m"))
                        .expected(Map.of(
                                "x",
                                ExpectedAttributeValue.builder()
                                        .comparisonOperator(ComparisonOperator.BETWEEN)
                                        .attributeValueList(AttributeValue.fromN("1"))
                                        .build()))),
                "One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN "
                        + "ComparisonOperator");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(key("m"))
                        .expected(Map.of(
                                "x",
                                ExpectedAttributeValue.builder()
                                        .comparisonOperator(ComparisonOperator.LT)
                                        .attributeValueList(AttributeValue.fromBool(true))
                                        .build()))),
                "One or more parameter values were invalid: ComparisonOperator LT is not valid for BOOL "
                        + "AttributeValue type");
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("m"))).hasItem()).isFalse();
    }

    @Test
    void anEmptyExpectedMapExpectsNothing() {
        Map<String, AttributeValue> key = key(TestNames.unique("empty-expected"));
        ddb.putItem(b -> b.tableName(table).item(key).expected(Map.of()));
        ddb.updateItem(b -> b.tableName(table)
                .key(key)
                .attributeUpdates(Map.of(
                        "n",
                        AttributeValueUpdate.builder()
                                .action(AttributeAction.PUT)
                                .value(AttributeValue.fromS("x"))
                                .build()))
                .expected(Map.of()));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key)).item()).containsEntry("n", AttributeValue.fromS("x"));
        ddb.deleteItem(b -> b.tableName(table).key(key).expected(Map.of()));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key)).hasItem()).isFalse();
    }
}
