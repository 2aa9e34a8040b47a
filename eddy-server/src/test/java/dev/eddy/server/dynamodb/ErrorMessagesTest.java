package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** DynamoDB's wording of errors that SDKs and users match on. */
class ErrorMessagesTest extends InMemoryServerTest {
    static String table;

    @BeforeAll
    static void createTable() {
        table = TestNames.unique("messages");
        ddb.createTable(TablesTest.hashTable(table).build());
    }

    static void assertNotFound(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void itemOperationsOnAMissingTableSayOnlyThatTheResourceIsMissing() {
        String missing = TestNames.unique("missing");
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("k"));
        String bare = "Requested resource not found";
        assertNotFound(() -> ddb.getItem(b -> b.tableName(missing).key(key)), bare);
        assertNotFound(() -> ddb.putItem(b -> b.tableName(missing).item(key)), bare);
        assertNotFound(() -> ddb.deleteItem(b -> b.tableName(missing).key(key)), bare);
        assertNotFound(() -> ddb.updateItem(b -> b.tableName(missing).key(key).updateExpression("REMOVE a")), bare);
        assertNotFound(() -> ddb.scan(b -> b.tableName(missing)), bare);
        assertNotFound(
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(
                        missing,
                        List.of(WriteRequest.builder()
                                .putRequest(p -> p.item(key))
                                .build())))),
                bare);
        // table operations name the table
        String named = "Requested resource not found: Table: " + missing + " not found";
        assertNotFound(() -> ddb.describeTable(b -> b.tableName(missing)), named);
        assertNotFound(() -> ddb.deleteTable(b -> b.tableName(missing)), named);
    }

    @Test
    void severalConstraintViolationsAreListedInOneMessage() {
        assertThatThrownBy(() -> ddb.scan(
                        b -> b.tableName(table).limit(0).totalSegments(0).segment(0)))
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("2 validation errors detected: Value '0' at 'limit' failed to satisfy "
                                + "constraint: Member must have value greater than or equal to 1; Value '0' at "
                                + "'totalSegments' failed to satisfy constraint: Member must have value greater than "
                                + "or equal to 1"));
        assertThatThrownBy(() -> ddb.getItem(b -> b.tableName("a").key(Map.of("id", AttributeValue.fromS("k")))))
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("1 validation error detected: Value 'a' at 'tableName' failed to satisfy "
                                + "constraint: Member must have length greater than or equal to 3"));
    }
}
