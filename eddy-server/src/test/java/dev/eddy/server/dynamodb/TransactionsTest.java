package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** TransactWriteItems and TransactGetItems: atomicity, cancellation reasons, limits, idempotency. */
class TransactionsTest extends InMemoryServerTest {
    static String accounts;
    static String audit;

    @BeforeAll
    static void start() {
        accounts = TestNames.unique("accounts");
        audit = TestNames.unique("audit");
        ddb.createTable(TablesTest.hashTable(accounts).build());
        ddb.createTable(TablesTest.hashTable(audit).build());
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    static void account(String id, int balance) {
        ddb.putItem(b -> b.tableName(accounts)
                .item(Map.of(
                        "id", AttributeValue.fromS(id), "balance", AttributeValue.fromN(Integer.toString(balance)))));
    }

    static int balance(String id) {
        return Integer.parseInt(
                ddb.getItem(b -> b.tableName(accounts).key(key(id)).consistentRead(true))
                        .item()
                        .get("balance")
                        .n());
    }

    static TransactWriteItem transfer(String id, int delta) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(accounts)
                        .key(key(id))
                        .updateExpression("SET balance = balance + :d")
                        .conditionExpression("balance >= :needed")
                        .expressionAttributeValues(Map.of(
                                ":d",
                                AttributeValue.fromN(Integer.toString(delta)),
                                ":needed",
                                AttributeValue.fromN(Integer.toString(Math.max(-delta, 0)))))
                        .build())
                .build();
    }

    @Test
    void allActionsCommitTogetherAcrossTables() {
        account("t-a", 100);
        account("t-b", 0);
        account("t-gone", 5);
        TransactWriteItemsResponse r = ddb.transactWriteItems(b -> b.transactItems(
                        transfer("t-a", -30),
                        transfer("t-b", 30),
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(audit)
                                        .item(Map.of(
                                                "id",
                                                AttributeValue.fromS("t-1"),
                                                "amount",
                                                AttributeValue.fromN("30")))
                                        .conditionExpression("attribute_not_exists(id)")
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .delete(Delete.builder()
                                        .tableName(accounts)
                                        .key(key("t-gone"))
                                        .build())
                                .build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(balance("t-a")).isEqualTo(70);
        assertThat(balance("t-b")).isEqualTo(30);
        assertThat(ddb.getItem(b -> b.tableName(audit).key(key("t-1")))
                        .item()
                        .get("amount")
                        .n())
                .isEqualTo("30");
        assertThat(ddb.getItem(b -> b.tableName(accounts).key(key("t-gone"))).hasItem())
                .isFalse();
        // transactional writes cost two units per KB
        assertThat(r.consumedCapacity())
                .filteredOn(c -> c.tableName().equals(accounts))
                .singleElement()
                .extracting(ConsumedCapacity::capacityUnits)
                .isEqualTo(6.0);
        assertThat(r.consumedCapacity())
                .filteredOn(c -> c.tableName().equals(audit))
                .singleElement()
                .extracting(ConsumedCapacity::capacityUnits)
                .isEqualTo(2.0);
    }

    @Test
    void aFailedConditionCancelsEverythingWithReasonsInOrder() {
        account("c-a", 10);
        account("c-b", 0);
        account("c-c", 7);
        assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(
                        transfer("c-b", 50),
                        transfer("c-a", -50),
                        TransactWriteItem.builder()
                                .conditionCheck(ConditionCheck.builder()
                                        .tableName(accounts)
                                        .key(key("c-c"))
                                        .conditionExpression("balance > :n")
                                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1000")))
                                        .returnValuesOnConditionCheckFailure(
                                                ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(audit)
                                        .item(Map.of("id", AttributeValue.fromS("c-1")))
                                        .build())
                                .build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Transaction cancelled, please refer "
                                    + "cancellation reasons for specific reasons [None, ConditionalCheckFailed, "
                                    + "ConditionalCheckFailed, None]");
                    assertThat(e.cancellationReasons())
                            .extracting(CancellationReason::code)
                            .containsExactly("None", "ConditionalCheckFailed", "ConditionalCheckFailed", "None");
                    assertThat(e.cancellationReasons().get(1).message()).isEqualTo("The conditional request failed");
                    assertThat(e.cancellationReasons().get(1).hasItem()).isFalse();
                    assertThat(e.cancellationReasons().get(2).item())
                            .isEqualTo(Map.of("id", AttributeValue.fromS("c-c"), "balance", AttributeValue.fromN("7")));
                });
        assertThat(balance("c-a")).isEqualTo(10);
        assertThat(balance("c-b")).isEqualTo(0);
        assertThat(ddb.getItem(b -> b.tableName(audit).key(key("c-1"))).hasItem())
                .isFalse();
    }

    @Test
    void updateErrorsAreValidationReasons() {
        account("v-a", 1);
        ddb.putItem(b -> b.tableName(accounts)
                .item(Map.of("id", AttributeValue.fromS("v-s"), "balance", AttributeValue.fromS("text"))));
        assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(
                        transfer("v-a", 1),
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName(accounts)
                                        .key(key("v-s"))
                                        .updateExpression("SET balance = balance + :d")
                                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromN("1")))
                                        .build())
                                .build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons())
                            .extracting(CancellationReason::code)
                            .containsExactly("None", "ValidationError");
                    assertThat(e.cancellationReasons().get(1).message()).isNotBlank();
                });
        assertThat(balance("v-a")).isEqualTo(1);
    }

    @Test
    void requestValidation() {
        assertValidation(
                () -> ddb.transactWriteItems(b -> b.transactItems(transfer("same", 1), transfer("same", 2))),
                "Transaction request cannot include multiple operations on one item");
        List<TransactWriteItem> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(TransactWriteItem.builder()
                    .put(Put.builder().tableName(audit).item(key("m" + i)).build())
                    .build());
        }
        assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(many)))
                .isInstanceOfSatisfying(
                        software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .startsWith("1 validation error detected: ")
                                .endsWith("at 'transactItems' failed to satisfy constraint: Member must have length "
                                        + "less than or equal to 100"));
        ddb.transactWriteItems(b -> b.transactItems(many.subList(0, 100)));
        assertThat(ddb.getItem(b -> b.tableName(audit).key(key("m99"))).hasItem())
                .isTrue();
        assertValidation(
                () -> ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                        .put(Put.builder().tableName(audit).item(key("x")).build())
                        .delete(Delete.builder().tableName(audit).key(key("y")).build())
                        .build())),
                "TransactItems can only contain one of Check, Put, Update or Delete");
        assertValidation(
                () -> ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(accounts)
                                .key(key("x"))
                                .updateExpression("SET id = :v")
                                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("y")))
                                .build())
                        .build())),
                "One or more parameter values were invalid: Cannot update attribute id. This attribute is part of "
                        + "the key");
        assertValidation(
                () -> ddb.transactGetItems(b -> b.transactItems(
                        TransactGetItem.builder()
                                .get(Get.builder()
                                        .tableName(audit)
                                        .key(key("g"))
                                        .build())
                                .build(),
                        TransactGetItem.builder()
                                .get(Get.builder()
                                        .tableName(audit)
                                        .key(key("g"))
                                        .build())
                                .build())),
                "Transaction request cannot include multiple operations on one item");
    }

    @Test
    void clientRequestTokenMakesTheWriteIdempotent() {
        account("i-a", 0);
        String token = TestNames.unique("token");
        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(transfer("i-a", 5)));
        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(transfer("i-a", 5)));
        assertThat(balance("i-a")).isEqualTo(5);
        assertThatThrownBy(() ->
                        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(transfer("i-a", 6))))
                .isInstanceOfSatisfying(
                        IdempotentParameterMismatchException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        ddb.transactWriteItems(b -> b.clientRequestToken(token + "-other").transactItems(transfer("i-a", 5)));
        assertThat(balance("i-a")).isEqualTo(10);
    }

    @Test
    void transactGetReadsOneStateInOrder() {
        account("g-a", 1);
        ddb.putItem(b -> b.tableName(audit)
                .item(Map.of(
                        "id",
                        AttributeValue.fromS("g-b"),
                        "note",
                        AttributeValue.fromS("n"),
                        "extra",
                        AttributeValue.fromS("e"))));
        var r = ddb.transactGetItems(b -> b.transactItems(
                        TransactGetItem.builder()
                                .get(Get.builder()
                                        .tableName(audit)
                                        .key(key("g-b"))
                                        .projectionExpression("note")
                                        .build())
                                .build(),
                        TransactGetItem.builder()
                                .get(Get.builder()
                                        .tableName(accounts)
                                        .key(key("g-missing"))
                                        .build())
                                .build(),
                        TransactGetItem.builder()
                                .get(Get.builder()
                                        .tableName(accounts)
                                        .key(key("g-a"))
                                        .build())
                                .build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(r.responses()).hasSize(3);
        assertThat(r.responses().get(0).item()).isEqualTo(Map.of("note", AttributeValue.fromS("n")));
        assertThat(r.responses().get(1).hasItem()).isFalse();
        assertThat(r.responses().get(2).item().get("balance").n()).isEqualTo("1");
        assertThat(r.consumedCapacity())
                .filteredOn(c -> c.tableName().equals(accounts))
                .singleElement()
                .extracting(ConsumedCapacity::capacityUnits)
                .isEqualTo(4.0);
        assertThat(r.responses()).allSatisfy(ItemResponse.class::cast);
    }
}
