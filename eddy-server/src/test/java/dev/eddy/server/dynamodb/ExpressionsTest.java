package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Condition, update and projection expressions through the SDK. */
class ExpressionsTest extends InMemoryServerTest {
    static String table;

    @BeforeAll
    static void start() {
        table = TestNames.unique("expr");
        ddb.createTable(TablesTest.hashTable(table).build());
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    Map<String, AttributeValue> get(String id) {
        return ddb.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true))
                .item();
    }

    @Test
    void conditionalPutAndFailureWithOldItem() {
        ddb.putItem(b -> b.tableName(table)
                .item(Map.of("id", s("c1"), "v", n("1")))
                .conditionExpression("attribute_not_exists(id)"));
        assertThatThrownBy(() -> ddb.putItem(b -> b.tableName(table)
                        .item(Map.of("id", s("c1"), "v", n("2")))
                        .conditionExpression("attribute_not_exists(id)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
                    assertThat(e.item()).isEqualTo(Map.of("id", s("c1"), "v", n("1")));
                });
        assertThatThrownBy(() -> ddb.putItem(b -> b.tableName(table)
                        .item(Map.of("id", s("c1"), "v", n("2")))
                        .conditionExpression("v > :min")
                        .expressionAttributeValues(Map.of(":min", n("5")))))
                .isInstanceOfSatisfying(
                        ConditionalCheckFailedException.class,
                        e -> assertThat(e.hasItem()).isFalse());
        ddb.putItem(b -> b.tableName(table)
                .item(Map.of("id", s("c1"), "v", n("2")))
                .conditionExpression("v BETWEEN :a AND :b AND #v IN (:a, :one)")
                .expressionAttributeNames(Map.of("#v", "v"))
                .expressionAttributeValues(Map.of(":a", n("0"), ":b", n("10"), ":one", n("1"))));
        assertThat(get("c1").get("v")).isEqualTo(n("2"));
        // a condition on a missing item sees no attributes
        assertThatThrownBy(() -> ddb.deleteItem(
                        b -> b.tableName(table).key(key("missing")).conditionExpression("attribute_exists(id)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void updateClausesAndReturnValues() {
        ddb.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "id",
                        s("u1"),
                        "count",
                        n("5"),
                        "tags",
                        AttributeValue.fromSs(List.of("a", "b")),
                        "tags2",
                        AttributeValue.fromSs(List.of("a", "b")),
                        "gone",
                        s("x"),
                        "doc",
                        AttributeValue.fromM(Map.of("list", AttributeValue.fromL(List.of(n("1"), n("2"))))))));
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(table)
                .key(key("u1"))
                .updateExpression("SET #c = #c + :inc, doc.#l[1] = :x, newattr = if_not_exists(newattr, :x) "
                        + "REMOVE gone ADD tags :more DELETE tags2 :less")
                .expressionAttributeNames(Map.of("#c", "count", "#l", "list"))
                .expressionAttributeValues(Map.of(
                        ":inc",
                        n("2"),
                        ":x",
                        s("new"),
                        ":more",
                        AttributeValue.fromSs(List.of("c")),
                        ":less",
                        AttributeValue.fromSs(List.of("a"))))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(r.attributes()).containsEntry("count", n("7")).containsEntry("newattr", s("new"));
        assertThat(r.attributes().get("tags").ss()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(r.attributes().get("tags2").ss()).containsExactly("b");
        assertThat(r.attributes().get("doc").m().get("list").l()).containsExactly(s("new"));
        Map<String, AttributeValue> item = get("u1");
        assertThat(item).doesNotContainKey("gone");
        assertThat(item.get("doc").m().get("list").l()).containsExactly(n("1"), s("new"));
        ddb.updateItem(b -> b.tableName(table)
                .key(key("u1"))
                .updateExpression("SET doc.#l[9] = :y")
                .expressionAttributeNames(Map.of("#l", "list"))
                .expressionAttributeValues(Map.of(":y", n("9"))));
        assertThat(get("u1").get("doc").m().get("list").l()).containsExactly(n("1"), s("new"), n("9"));

        UpdateItemResponse old = ddb.updateItem(b -> b.tableName(table)
                .key(key("u1"))
                .updateExpression("SET #c = :zero")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":zero", n("0")))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(old.attributes()).isEqualTo(Map.of("count", n("7")));
        UpdateItemResponse all = ddb.updateItem(b -> b.tableName(table)
                .key(key("u1"))
                .updateExpression("SET l = list_append(:a, :b)")
                .expressionAttributeValues(Map.of(
                        ":a", AttributeValue.fromL(List.of(n("1"))), ":b", AttributeValue.fromL(List.of(n("2")))))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(all.attributes().get("l").l()).containsExactly(n("1"), n("2"));
        assertThat(all.attributes()).containsKeys("id", "count", "tags", "tags2", "doc", "newattr");
    }

    @Test
    void updateCreatesMissingItem() {
        ddb.updateItem(b -> b.tableName(table)
                .key(key("fresh"))
                .updateExpression("ADD hits :one")
                .expressionAttributeValues(Map.of(":one", n("1"))));
        assertThat(get("fresh")).isEqualTo(Map.of("id", s("fresh"), "hits", n("1")));
        ddb.updateItem(b -> b.tableName(table).key(key("only-key")));
        assertThat(get("only-key")).isEqualTo(key("only-key"));
    }

    @Test
    void updateErrors() {
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(key("e"))
                        .updateExpression("SET id = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))),
                "One or more parameter values were invalid: Cannot update attribute id. This attribute is part of "
                        + "the key");
        ddb.putItem(b -> b.tableName(table).item(Map.of("id", s("e"), "str", s("text"))));
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(key("e"))
                        .updateExpression("ADD str :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))),
                "An operand in the update expression has an incorrect data type");
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(key("e"))
                        .updateExpression("SET x = nothere + :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))),
                "The provided expression refers to an attribute that does not exist in the item");
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table)
                        .key(key("e"))
                        .updateExpression("SET a = :v REMOVE a")
                        .expressionAttributeValues(Map.of(":v", n("1")))),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one "
                        + "of these paths; path one: [a], path two: [a]");
        assertValidation(
                () -> ddb.updateItem(b -> b.tableName(table).key(key("e")).updateExpression("SET a =")),
                "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
        assertThat(get("e")).isEqualTo(Map.of("id", s("e"), "str", s("text")));
    }

    @Test
    void namesAndValuesRules() {
        assertValidation(
                () -> ddb.putItem(
                        b -> b.tableName(table).item(key("nv")).conditionExpression("attribute_not_exists(name)")),
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name");
        assertValidation(
                () -> ddb.putItem(
                        b -> b.tableName(table).item(key("nv")).conditionExpression("attribute_not_exists(#n)")),
                "Invalid ConditionExpression: An expression attribute name used in the document path is not "
                        + "defined; attribute name: #n");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table).item(key("nv")).conditionExpression("a = :v")),
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :v");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(key("nv"))
                        .conditionExpression("attribute_not_exists(id)")
                        .expressionAttributeNames(Map.of("#unused", "x"))),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(key("nv"))
                        .conditionExpression("attribute_not_exists(id)")
                        .expressionAttributeValues(Map.of(":unused", s("x")))),
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table).item(key("nv")).expressionAttributeNames(Map.of("#a", "x"))),
                "ExpressionAttributeNames can only be specified when using expressions");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table)
                        .item(key("nv"))
                        .conditionExpression("attribute_not_exists(id)")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromSs(List.of())))),
                "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: "
                        + "An string set  may not be empty for key :v");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(table).item(key("nv")).conditionExpression("size(a)")),
                "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; "
                        + "function: size");
    }

    @Test
    void projections() {
        ddb.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "id",
                        s("p"),
                        "a",
                        n("1"),
                        "b",
                        s("x"),
                        "m",
                        AttributeValue.fromM(Map.of("k1", n("1"), "k2", n("2"))),
                        "l",
                        AttributeValue.fromL(List.of(s("zero"), s("one"), s("two"))))));
        Map<String, AttributeValue> got = ddb.getItem(b -> b.tableName(table)
                        .key(key("p"))
                        .projectionExpression("a, m.k2, l[2], #nothere")
                        .expressionAttributeNames(Map.of("#nothere", "zz")))
                .item();
        assertThat(got)
                .isEqualTo(Map.of(
                        "a",
                        n("1"),
                        "m",
                        AttributeValue.fromM(Map.of("k2", n("2"))),
                        "l",
                        AttributeValue.fromL(List.of(s("two")))));
        assertValidation(
                () -> ddb.getItem(b -> b.tableName(table).key(key("p")).projectionExpression("a, a.b")),
                "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite "
                        + "one of these paths; path one: [a], path two: [a, b]");
    }
}
