package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchGetItem and BatchWriteItem: shapes, limits, duplicates, unprocessed keys. */
@SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
class BatchTest extends InMemoryServerTest {
    static String table;
    static String other;

    @BeforeAll
    static void start() {
        table = TestNames.unique("batch");
        other = TestNames.unique("batch-other");
        ddb.createTable(TablesTest.hashTable(table).build());
        ddb.createTable(TablesTest.hashTable(other).build());
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    static WriteRequest put(String id, String v) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder()
                        .item(Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(v)))
                        .build())
                .build();
    }

    static WriteRequest delete(String id) {
        return WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(key(id)).build())
                .build();
    }

    @Test
    void writesAndReadsAcrossTables() {
        BatchWriteItemResponse written = ddb.batchWriteItem(b -> b.requestItems(Map.of(
                        table, List.of(put("a", "1"), put("b", "2")),
                        other, List.of(put("c", "3"))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(written.unprocessedItems()).isEmpty();
        assertThat(written.consumedCapacity())
                .extracting(ConsumedCapacity::tableName)
                .containsExactlyInAnyOrder(table, other);
        assertThat(written.consumedCapacity())
                .filteredOn(c -> c.tableName().equals(table))
                .singleElement()
                .extracting(ConsumedCapacity::capacityUnits)
                .isEqualTo(2.0);

        BatchGetItemResponse read = ddb.batchGetItem(b -> b.requestItems(Map.of(
                        table,
                                KeysAndAttributes.builder()
                                        .keys(key("a"), key("b"), key("missing"))
                                        .projectionExpression("#v")
                                        .expressionAttributeNames(Map.of("#v", "v"))
                                        .build(),
                        other,
                                KeysAndAttributes.builder()
                                        .keys(key("c"))
                                        .consistentRead(true)
                                        .build()))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(read.unprocessedKeys()).isEmpty();
        assertThat(read.responses().get(table))
                .containsExactlyInAnyOrder(
                        Map.of("v", AttributeValue.fromS("1")), Map.of("v", AttributeValue.fromS("2")));
        assertThat(read.responses().get(other))
                .containsExactly(Map.of("id", AttributeValue.fromS("c"), "v", AttributeValue.fromS("3")));
        assertThat(read.consumedCapacity())
                .filteredOn(c -> c.tableName().equals(table))
                .singleElement()
                .extracting(ConsumedCapacity::capacityUnits)
                .isEqualTo(1.5);
        assertThat(read.consumedCapacity())
                .filteredOn(c -> c.tableName().equals(other))
                .singleElement()
                .extracting(ConsumedCapacity::capacityUnits)
                .isEqualTo(1.0);

        ddb.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(delete("a"), put("b", "changed")))));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("a"))).hasItem()).isFalse();
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("b")))
                        .item()
                        .get("v")
                        .s())
                .isEqualTo("changed");
    }

    @Test
    void legacyAttributesToGetInBatchGet() {
        ddb.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "id",
                        AttributeValue.fromS("legacy"),
                        "x",
                        AttributeValue.fromN("1"),
                        "y",
                        AttributeValue.fromN("2"))));
        BatchGetItemResponse read = ddb.batchGetItem(b -> b.requestItems(Map.of(
                table,
                KeysAndAttributes.builder()
                        .keys(key("legacy"))
                        .attributesToGet("y")
                        .build())));
        assertThat(read.responses().get(table)).containsExactly(Map.of("y", AttributeValue.fromN("2")));
        assertValidation(
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(key("legacy"))
                                .attributesToGet("y")
                                .projectionExpression("x")
                                .build()))),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
    }

    @Test
    void limitsAndDuplicates() {
        List<WriteRequest> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(put("w" + i, "x"));
        }
        assertValidation(
                () -> ddb.batchWriteItem(
                        b -> b.requestItems(Map.of(table, many.subList(0, 13), other, many.subList(13, 26)))),
                "Too many items requested for the BatchWriteItem call");
        assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(table, many))))
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .startsWith("1 validation error detected: Value '")
                                .endsWith("' at 'requestItems' failed to satisfy constraint: Map value must satisfy "
                                        + "constraint: [Member must have length less than or equal to 25, Member must have "
                                        + "length greater than or equal to 1]"));
        assertValidation(
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(put("dup", "1"), delete("dup"))))),
                "Provided list of item keys contains duplicates");
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("dup"))).hasItem())
                .isFalse();

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(key("k" + i));
        }
        assertValidation(
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(
                        table,
                                KeysAndAttributes.builder()
                                        .keys(keys.subList(0, 60))
                                        .build(),
                        other,
                                KeysAndAttributes.builder()
                                        .keys(keys.subList(60, 101))
                                        .build()))),
                "Too many items requested for the BatchGetItem call");
        assertValidation(
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(key("same"), key("same"))
                                .build()))),
                "Provided list of item keys contains duplicates");
        assertValidation(
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(Map.of("nope", AttributeValue.fromS("x")))
                                .build()))),
                "The provided key element does not match the schema");
        assertThatThrownBy(() ->
                        ddb.batchWriteItem(b -> b.requestItems(Map.of("no-such-table", List.of(put("a", "b"))))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void responsesStopAtSixteenMegabytesAndTheRestIsUnprocessed() {
        String big = TestNames.unique("big");
        ddb.createTable(TablesTest.hashTable(big).build());
        String payload = "x".repeat(390 * 1024);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = String.format("item-%02d", i);
            ddb.putItem(b -> b.tableName(big)
                    .item(Map.of("id", AttributeValue.fromS(id), "payload", AttributeValue.fromS(payload))));
            keys.add(key(id));
        }
        BatchGetItemResponse first = ddb.batchGetItem(b -> b.requestItems(Map.of(
                big, KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
        int returned = first.responses().get(big).size();
        // 16 MB / (390 KB + key) = 42 items fit
        assertThat(returned).isEqualTo(42);
        KeysAndAttributes rest = first.unprocessedKeys().get(big);
        assertThat(rest.keys()).hasSize(50 - returned);
        assertThat(rest.consistentRead()).isTrue();

        Map<String, AttributeValue> seen = new HashMap<>();
        first.responses().get(big).forEach(item -> seen.put(item.get("id").s(), item.get("id")));
        BatchGetItemResponse second = ddb.batchGetItem(b -> b.requestItems(first.unprocessedKeys()));
        second.responses().get(big).forEach(item -> seen.put(item.get("id").s(), item.get("id")));
        assertThat(second.unprocessedKeys()).isEmpty();
        assertThat(seen).hasSize(50);
    }
}
