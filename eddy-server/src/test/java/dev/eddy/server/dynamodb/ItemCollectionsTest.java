package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.table.TableEngine;
import dev.eddy.testkit.TestNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionSizeLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Item collections of tables with local secondary indexes: their metrics and their size limit. */
@SuppressWarnings("unchecked") // the SDK builders take generic varargs of consumers
class ItemCollectionsTest extends InMemoryServerTest {
    /** id S, sk S, LSI byL on (id, l). */
    static String table;

    @BeforeAll
    static void createTable() {
        table = TestNames.unique("collections");
        ddb.createTable(b -> b.tableName(table)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                        a -> a.attributeName("id").attributeType("S"),
                        a -> a.attributeName("sk").attributeType("S"),
                        a -> a.attributeName("l").attributeType("S"))
                .keySchema(
                        k -> k.attributeName("id").keyType("HASH"),
                        k -> k.attributeName("sk").keyType("RANGE"))
                .localSecondaryIndexes(i -> i.indexName("byL")
                        .keySchema(
                                k -> k.attributeName("id").keyType("HASH"),
                                k -> k.attributeName("l").keyType("RANGE"))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
    }

    @AfterEach
    void defaultLimit() {
        server.tables().itemCollectionLimit(10L * 1024 * 1024 * 1024);
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static Map<String, AttributeValue> item(String id, String sk, String payload) {
        return Map.of("id", s(id), "sk", s(sk), "l", s("l" + sk), "payload", s(payload));
    }

    static void assertSmallCollection(ItemCollectionMetrics m, String id) {
        assertThat(m.itemCollectionKey()).isEqualTo(Map.of("id", s(id)));
        assertThat(m.sizeEstimateRangeGB()).containsExactly(0.0, 1.0);
    }

    @Test
    void singleItemWritesReportTheirCollectionWhenAsked() {
        var put = ddb.putItem(b -> b.tableName(table)
                .item(item("p1", "a", "x"))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertSmallCollection(put.itemCollectionMetrics(), "p1");
        var update = ddb.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s("p1"), "sk", s("a")))
                .updateExpression("SET n = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertSmallCollection(update.itemCollectionMetrics(), "p1");
        var delete = ddb.deleteItem(b -> b.tableName(table)
                .key(Map.of("id", s("p1"), "sk", s("a")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertSmallCollection(delete.itemCollectionMetrics(), "p1");
        // not asked, or a table without local indexes: no metrics
        assertThat(ddb.putItem(b -> b.tableName(table).item(item("p1", "b", "x")))
                        .itemCollectionMetrics())
                .isNull();
        String plain = TestNames.unique("no-lsi");
        ddb.createTable(TablesTest.hashTable(plain).build());
        assertThat(ddb.putItem(b -> b.tableName(plain)
                                .item(Map.of("id", s("k")))
                                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE))
                        .itemCollectionMetrics())
                .isNull();
    }

    @Test
    void batchAndTransactionWritesReportEachCollectionOnce() {
        var batch = ddb.batchWriteItem(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .requestItems(Map.of(
                        table,
                        List.of(
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(item("b1", "a", "x")))
                                        .build(),
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(item("b1", "b", "x")))
                                        .build(),
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(item("b2", "a", "x")))
                                        .build()))));
        List<ItemCollectionMetrics> metrics = batch.itemCollectionMetrics().get(table);
        assertThat(metrics).hasSize(2);
        assertSmallCollection(metrics.get(0), "b1");
        assertSmallCollection(metrics.get(1), "b2");
        var tx = ddb.transactWriteItems(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .transactItems(
                        t -> t.put(p -> p.tableName(table).item(item("t1", "a", "x"))),
                        t -> t.delete(d -> d.tableName(table).key(Map.of("id", s("b1"), "sk", s("a"))))));
        assertThat(tx.itemCollectionMetrics().get(table))
                .extracting(ItemCollectionMetrics::itemCollectionKey)
                .containsExactly(Map.of("id", s("t1")), Map.of("id", s("b1")));
    }

    @Test
    void aCollectionCannotGrowBeyondTheLimit() {
        TableEngine engine = server.tables();
        engine.itemCollectionLimit(2000);
        String payload = "x".repeat(500);
        ddb.putItem(b -> b.tableName(table).item(item("full", "1", payload)));
        // each item counts twice: in the table and in the index that projects everything
        assertThatThrownBy(() -> ddb.putItem(b -> b.tableName(table).item(item("full", "2", payload))))
                .isInstanceOfSatisfying(
                        ItemCollectionSizeLimitExceededException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("full"), "sk", s("2"))))
                        .hasItem())
                .isFalse();
        // other collections, and writes that shrink this one, go through
        ddb.putItem(b -> b.tableName(table).item(item("other", "1", payload)));
        ddb.putItem(b -> b.tableName(table).item(item("full", "1", "small")));
        ddb.putItem(b -> b.tableName(table).item(item("full", "2", "small")));
        assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(
                        t -> t.put(p -> p.tableName(table).item(item("other", "2", "y"))),
                        t -> t.put(p -> p.tableName(table).item(item("full", "3", payload.repeat(2)))))))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        e -> assertThat(e.cancellationReasons())
                                .extracting(r -> r.code())
                                .containsExactly("None", "ItemCollectionSizeLimitExceeded"));
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("id", s("other"), "sk", s("2"))))
                        .hasItem())
                .isFalse();
        ddb.deleteItem(b -> b.tableName(table).key(Map.of("id", s("full"), "sk", s("1"))));
    }
}
