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
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** ExecuteStatement, BatchExecuteStatement and ExecuteTransaction. */
class PartiqlTest extends InMemoryServerTest {
    static String orders;

    @BeforeAll
    static void start() {
        orders = TestNames.unique("orders");
        ddb.createTable(b -> b.tableName(orders)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("sk")
                                .attributeType(ScalarAttributeType.N)
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

    static List<Map<String, AttributeValue>> run(String statement, AttributeValue... parameters) {
        return ddb.executeStatement(b -> {
                    b.statement(statement);
                    if (parameters.length > 0) {
                        b.parameters(parameters);
                    }
                })
                .items();
    }

    @Test
    void insertSelectUpdateDelete() {
        run(
                "INSERT INTO \"" + orders + "\" VALUE {'pk': 'p1', 'sk': 1, 'status': ?, 'tags': <<'a', 'b'>>, "
                        + "'n': 5}",
                AttributeValue.fromS("new"));
        assertThat(run("SELECT * FROM \"" + orders + "\" WHERE pk = 'p1' AND sk = 1"))
                .containsExactly(Map.of(
                        "pk",
                        AttributeValue.fromS("p1"),
                        "sk",
                        AttributeValue.fromN("1"),
                        "status",
                        AttributeValue.fromS("new"),
                        "tags",
                        AttributeValue.fromSs(List.of("a", "b")),
                        "n",
                        AttributeValue.fromN("5")));
        assertThatThrownBy(() -> run("INSERT INTO \"" + orders + "\" VALUE {'pk': 'p1', 'sk': 1}"))
                .isInstanceOfSatisfying(
                        DuplicateItemException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Duplicate primary key exists in table"));

        List<Map<String, AttributeValue>> returned = run(
                "UPDATE \"" + orders + "\" SET status = 'shipped' "
                        + "SET n = n + ? REMOVE tags WHERE pk = 'p1' AND sk = 1 AND status = 'new' RETURNING MODIFIED NEW *",
                AttributeValue.fromN("2"));
        assertThat(returned)
                .containsExactly(Map.of("status", AttributeValue.fromS("shipped"), "n", AttributeValue.fromN("7")));
        assertThat(run("SELECT status, n FROM \"" + orders + "\" WHERE sk = 1 AND pk = ?", AttributeValue.fromS("p1")))
                .containsExactly(Map.of("status", AttributeValue.fromS("shipped"), "n", AttributeValue.fromN("7")));
        // a further WHERE term of a SELECT filters
        assertThat(run("SELECT * FROM \"" + orders + "\" WHERE pk = 'p1' AND sk = 1 AND status = 'new'"))
                .isEmpty();
        // a further WHERE term of a write is its condition
        assertThatThrownBy(() -> run("UPDATE \"" + orders + "\" SET status = 'x' WHERE pk = 'p1' AND sk = 1 "
                        + "AND status = 'new'"))
                .isInstanceOf(ConditionalCheckFailedException.class);
        // UPDATE does not create items
        assertThatThrownBy(() -> run("UPDATE \"" + orders + "\" SET status = 'x' WHERE pk = 'none' AND sk = 1"))
                .isInstanceOf(ConditionalCheckFailedException.class);

        assertThat(run("DELETE FROM \"" + orders + "\" WHERE pk = 'p1' AND sk = 1 RETURNING ALL OLD *"))
                .singleElement()
                .satisfies(old -> assertThat(old.get("status").s()).isEqualTo("shipped"));
        assertThat(run("SELECT * FROM \"" + orders + "\" WHERE pk = 'p1' AND sk = 1"))
                .isEmpty();
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> run("SELEC * FROM x"))
                .isInstanceOfSatisfying(
                        software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .startsWith("Statement wasn't well formed, can't be processed: "));
        assertValidation(
                () -> run("UPDATE \"" + orders + "\" SET a = 1 WHERE pk = 'x'"),
                "Where clause does not contain a mandatory equality on all key attributes");
        assertValidation(
                () -> run("SELECT * FROM \"" + orders + "\" WHERE pk = ?"),
                "Number of parameters in request and statement don't match.");
        assertValidation(
                () -> run("INSERT INTO \"" + orders + "\" VALUE {'pk': 'x'}"),
                "One or more parameter values were invalid: Missing the key sk in the item");
    }

    @Test
    void batchReportsEachStatement() {
        run("INSERT INTO \"" + orders + "\" VALUE {'pk': 'b', 'sk': 1}");
        List<BatchStatementResponse> writes = ddb.batchExecuteStatement(b -> b.statements(
                        BatchStatementRequest.builder()
                                .statement("INSERT INTO \"" + orders + "\" VALUE {'pk': 'b', 'sk': 2}")
                                .build(),
                        BatchStatementRequest.builder()
                                .statement("INSERT INTO \"" + orders + "\" VALUE {'pk': 'b', 'sk': 1}")
                                .build()))
                .responses();
        assertThat(writes.get(0).error()).isNull();
        assertThat(writes.get(0).tableName()).isEqualTo(orders);
        assertThat(writes.get(1).error().code()).isEqualTo(BatchStatementErrorCodeEnum.DUPLICATE_ITEM);
        List<BatchStatementResponse> reads = ddb.batchExecuteStatement(b -> b.statements(
                        BatchStatementRequest.builder()
                                .statement("SELECT sk FROM \"" + orders + "\" WHERE pk = 'b' AND sk = 2")
                                .build(),
                        BatchStatementRequest.builder()
                                .statement("SELECT * FROM \"" + orders + "\" WHERE pk = 'b' AND sk = 9")
                                .build()))
                .responses();
        assertThat(reads.get(0).item()).isEqualTo(Map.of("sk", AttributeValue.fromN("2")));
        assertThat(reads.get(1).hasItem()).isFalse();
    }

    @Test
    void transactionIsAllOrNothing() {
        run("INSERT INTO \"" + orders + "\" VALUE {'pk': 't', 'sk': 1, 'v': 1}");
        assertThatThrownBy(() -> ddb.executeTransaction(b -> b.transactStatements(
                        ParameterizedStatement.builder()
                                .statement("UPDATE \"" + orders + "\" SET v = 2 WHERE pk = 't' " + "AND sk = 1")
                                .build(),
                        ParameterizedStatement.builder()
                                .statement("INSERT INTO \"" + orders + "\" VALUE {'pk': 't', " + "'sk': 2}")
                                .build(),
                        ParameterizedStatement.builder()
                                .statement("DELETE FROM \"" + orders + "\" WHERE pk = 't' AND sk = 3 "
                                        + "AND v IS NOT MISSING")
                                .build())))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        e -> assertThat(e.cancellationReasons())
                                .extracting(CancellationReason::code)
                                .containsExactly("None", "None", "ConditionalCheckFailed"));
        assertThat(run("SELECT v FROM \"" + orders + "\" WHERE pk = 't' AND sk = 1")
                        .getFirst()
                        .get("v")
                        .n())
                .isEqualTo("1");
        assertThat(run("SELECT * FROM \"" + orders + "\" WHERE pk = 't' AND sk = 2"))
                .isEmpty();

        ddb.executeTransaction(b -> b.transactStatements(
                ParameterizedStatement.builder()
                        .statement("UPDATE \"" + orders + "\" SET v = ? WHERE pk = 't' " + "AND sk = 1")
                        .parameters(AttributeValue.fromN("3"))
                        .build(),
                ParameterizedStatement.builder()
                        .statement("INSERT INTO \"" + orders + "\" VALUE {'pk': 't', " + "'sk': 2}")
                        .build()));
        var read = ddb.executeTransaction(b -> b.transactStatements(
                ParameterizedStatement.builder()
                        .statement("SELECT v FROM \"" + orders + "\" WHERE pk = 't' AND sk = 1")
                        .build(),
                ParameterizedStatement.builder()
                        .statement("SELECT * FROM \"" + orders + "\" WHERE pk = 't' AND sk = 2")
                        .build()));
        assertThat(read.responses().get(0).item()).isEqualTo(Map.of("v", AttributeValue.fromN("3")));
        assertThat(read.responses().get(1).item()).containsKey("pk");
        assertThatThrownBy(() -> ddb.executeTransaction(b -> b.transactStatements(ParameterizedStatement.builder()
                        .statement("INSERT INTO \"" + orders + "\" VALUE {'pk': 't', " + "'sk': 2}")
                        .build())))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        e -> assertThat(e.cancellationReasons())
                                .extracting(CancellationReason::code)
                                .containsExactly("DuplicateItem"));
    }
}
