package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** The 4 MB aggregate size limit of TransactWriteItems and TransactGetItems. */
class TransactionSizeTest extends InMemoryServerTest {
    static final String MESSAGE = "The aggregate size of the items in the transaction cannot exceed 4 MB";
    /** 390 KB of payload: ten such items fit in 4 MB, eleven do not. */
    static final String PAYLOAD = "x".repeat(390 * 1024);

    static String table;

    @BeforeAll
    static void start() {
        table = TestNames.unique("txsize");
        ddb.createTable(TablesTest.hashTable(table).build());
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    static Map<String, AttributeValue> big(String id) {
        return Map.of("id", AttributeValue.fromS(id), "payload", AttributeValue.fromS(PAYLOAD));
    }

    static List<TransactWriteItem> puts(String prefix, int n) {
        List<TransactWriteItem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TransactWriteItem.builder()
                    .put(Put.builder().tableName(table).item(big(prefix + i)).build())
                    .build());
        }
        return out;
    }

    @Test
    void putsOverFourMegabytesAreRejectedAndWriteNothing() {
        ddb.transactWriteItems(b -> b.transactItems(puts("ten-", 10)));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("ten-9"))).item())
                .containsKey("payload");
        assertValidation(() -> ddb.transactWriteItems(b -> b.transactItems(puts("eleven-", 11))), MESSAGE);
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("eleven-0"))).hasItem())
                .isFalse();
    }

    @Test
    void itemsReadByConditionChecksAndUpdatesCount() {
        for (int i = 0; i < 11; i++) {
            String id = "stored-" + i;
            ddb.putItem(b -> b.tableName(table).item(big(id)));
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            actions.add(TransactWriteItem.builder()
                    .conditionCheck(ConditionCheck.builder()
                            .tableName(table)
                            .key(key("stored-" + i))
                            .conditionExpression("attribute_exists(id)")
                            .build())
                    .build());
        }
        actions.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(key("stored-10"))
                        .updateExpression("SET touched = :t")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true)))
                        .build())
                .build());
        assertValidation(() -> ddb.transactWriteItems(b -> b.transactItems(actions)), MESSAGE);
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("stored-10"))).item())
                .doesNotContainKey("touched");
        // without one of the checks the transaction is under the limit
        ddb.transactWriteItems(b -> b.transactItems(actions.subList(1, actions.size())));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("stored-10"))).item())
                .containsKey("touched");
    }

    @Test
    void readsOverFourMegabytesAreRejected() {
        List<TransactGetItem> gets = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String id = "read-" + i;
            ddb.putItem(b -> b.tableName(table).item(big(id)));
            gets.add(TransactGetItem.builder()
                    .get(Get.builder().tableName(table).key(key(id)).build())
                    .build());
        }
        assertValidation(() -> ddb.transactGetItems(b -> b.transactItems(gets)), MESSAGE);
        assertThat(ddb.transactGetItems(b -> b.transactItems(gets.subList(0, 10)))
                        .responses())
                .hasSize(10)
                .allSatisfy(r -> assertThat(r.item()).containsKey("payload"));
        // missing items weigh nothing
        List<TransactGetItem> withMissing = new ArrayList<>(gets.subList(0, 10));
        withMissing.add(TransactGetItem.builder()
                .get(Get.builder().tableName(table).key(key("absent")).build())
                .build());
        assertThat(ddb.transactGetItems(b -> b.transactItems(withMissing)).responses())
                .hasSize(11);
    }
}
