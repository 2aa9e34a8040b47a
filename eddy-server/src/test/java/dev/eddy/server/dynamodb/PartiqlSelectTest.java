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
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** PartiQL SELECTs that run as a Query or a Scan, ORDER BY, Limit/NextToken paging, and EXISTS. */
class PartiqlSelectTest extends InMemoryServerTest {
    /** pk S, sk N; GSI "by-color" on color S. Partition "p": sk 0..9, n = sk; partition "q": sk 0..2. */
    static String table;

    @BeforeAll
    static void start() {
        table = TestNames.unique("psel");
        ddb.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("sk")
                                .attributeType(ScalarAttributeType.N)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("color")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName("sk")
                                .keyType(KeyType.RANGE)
                                .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("by-color")
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("color")
                                .keyType(KeyType.HASH)
                                .build())
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build()));
        for (int i = 0; i < 10; i++) {
            put("p", i, i % 3 == 0 ? "red" : null);
        }
        for (int i = 0; i < 3; i++) {
            put("q", i, "blue");
        }
    }

    static void put(String pk, int sk, String color) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromN(Integer.toString(sk)));
        item.put("n", AttributeValue.fromN(Integer.toString(sk)));
        if (color != null) {
            item.put("color", AttributeValue.fromS(color));
        }
        ddb.putItem(b -> b.tableName(table).item(item));
    }

    static ExecuteStatementResponse run(String statement) {
        return ddb.executeStatement(b -> b.statement(statement.replace("{t}", "\"" + table + "\"")));
    }

    static List<String> keys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("pk").s() + i.get("sk").n()).toList();
    }

    @Test
    void partitionKeyEqualityIsAQueryInSortKeyOrder() {
        ExecuteStatementResponse r = run("SELECT * FROM {t} WHERE pk = 'p'");
        assertThat(keys(r.items())).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");
        assertThat(r.nextToken()).isNull();
        assertThat(keys(run("SELECT * FROM {t} WHERE pk = 'p' AND sk > 3 AND sk <= 6")
                        .items()))
                .containsExactly("p4", "p5", "p6");
        assertThat(keys(run("SELECT * FROM {t} WHERE 7 < sk AND pk = 'p'").items()))
                .containsExactly("p8", "p9");
        assertThat(keys(run("SELECT * FROM {t} WHERE pk = 'p' AND sk BETWEEN 2 AND 4 AND n <> 3")
                        .items()))
                .containsExactly("p2", "p4");
        assertThat(run("SELECT sk FROM {t} WHERE pk = 'q' AND sk >= 1").items())
                .containsExactly(Map.of("sk", AttributeValue.fromN("1")), Map.of("sk", AttributeValue.fromN("2")));
        assertThat(run("SELECT * FROM {t} WHERE pk = 'none'").items()).isEmpty();
        // a sort key range of the wrong type selects nothing (it is a filter, not a key condition)
        assertThat(run("SELECT * FROM {t} WHERE pk = 'p' AND sk > '3'").items()).isEmpty();
    }

    @Test
    void otherWheresAreScansWithAFilter() {
        assertThat(keys(run("SELECT * FROM {t}").items())).hasSize(13).contains("p0", "q2");
        assertThat(keys(run("SELECT * FROM {t} WHERE n >= 8 OR pk = 'q'").items()))
                .containsExactlyInAnyOrder("p8", "p9", "q0", "q1", "q2");
        assertThat(keys(run("SELECT * FROM {t} WHERE sk = 1").items())).containsExactlyInAnyOrder("p1", "q1");
        assertThat(keys(run("SELECT * FROM {t} WHERE pk IN ['q'] AND sk < 2").items()))
                .containsExactlyInAnyOrder("q0", "q1");
    }

    @Test
    void orderByTheSortKey() {
        assertThat(keys(run("SELECT * FROM {t} WHERE pk = 'p' AND sk < 3 ORDER BY sk DESC")
                        .items()))
                .containsExactly("p2", "p1", "p0");
        assertThat(keys(run("SELECT * FROM {t} WHERE pk = 'q' ORDER BY pk, sk ASC")
                        .items()))
                .containsExactly("q0", "q1", "q2");
        assertValidation(
                () -> run("SELECT * FROM {t} ORDER BY sk"),
                "ORDER BY requires a WHERE clause with an equality on the partition key");
        assertValidation(
                () -> run("SELECT * FROM {t} WHERE pk = 'p' ORDER BY n"), "ORDER BY can only name a key attribute: n");
    }

    @Test
    void selectFromAnIndex() {
        ExecuteStatementResponse red = run("SELECT pk, sk FROM {t}.\"by-color\" WHERE color = 'red'");
        assertThat(keys(red.items())).containsExactlyInAnyOrder("p0", "p3", "p6", "p9");
        assertThat(keys(run("SELECT * FROM {t}.\"by-color\"").items())).hasSize(7);
        assertValidation(
                () -> run("SELECT * FROM {t}.\"nope\" WHERE color = 'red'"),
                "The table does not have the specified index: nope");
    }

    @Test
    void limitAndNextTokenPageThroughQueriesAndScans() {
        for (String statement : List.of(
                "SELECT * FROM {t} WHERE pk = 'p'",
                "SELECT * FROM {t} WHERE n > 0",
                "SELECT * FROM {t} WHERE pk = 'p' ORDER BY sk DESC")) {
            List<Map<String, AttributeValue>> all = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String next = token;
                ExecuteStatementResponse r = ddb.executeStatement(
                        b -> b.limit(3).nextToken(next).statement(statement.replace("{t}", "\"" + table + "\"")));
                assertThat(r.items().size()).isLessThanOrEqualTo(3);
                all.addAll(r.items());
                token = r.nextToken();
                if (token != null) {
                    assertThat(r.lastEvaluatedKey()).isNotEmpty();
                    assertThat(token).doesNotContain("{");
                }
                pages++;
            } while (token != null);
            ExecuteStatementResponse whole = run(statement);
            assertThat(all).as(statement).isEqualTo(whole.items());
            assertThat(pages).isGreaterThan(3);
        }
        assertValidation(
                () -> ddb.executeStatement(
                        b -> b.nextToken("not-a-token").statement("SELECT * FROM \"" + table + "\" WHERE pk = 'p'")),
                "The provided NextToken is invalid");
    }

    @Test
    void existsChecksAnItemInATransaction() {
        String t = "\"" + table + "\"";
        ddb.executeTransaction(b -> b.transactStatements(
                ParameterizedStatement.builder()
                        .statement("EXISTS(SELECT * FROM " + t + " WHERE pk = 'q' AND sk = 0 AND color = 'blue')")
                        .build(),
                ParameterizedStatement.builder()
                        .statement("UPDATE " + t + " SET flag = true WHERE pk = 'q' AND sk = 1")
                        .build()));
        assertThat(run("SELECT flag FROM {t} WHERE pk = 'q' AND sk = 1").items())
                .containsExactly(Map.of("flag", AttributeValue.fromBool(true)));
        assertThatThrownBy(() -> ddb.executeTransaction(b -> b.transactStatements(
                        ParameterizedStatement.builder()
                                .statement("EXISTS(SELECT * FROM " + t + " WHERE pk = 'q' AND sk = 7)")
                                .build(),
                        ParameterizedStatement.builder()
                                .statement("UPDATE " + t + " SET flag = false WHERE pk = 'q' AND sk = 1")
                                .build())))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        e -> assertThat(e.cancellationReasons())
                                .extracting(CancellationReason::code)
                                .containsExactly("ConditionalCheckFailed", "None"));
        assertThat(run("SELECT flag FROM {t} WHERE pk = 'q' AND sk = 1").items())
                .containsExactly(Map.of("flag", AttributeValue.fromBool(true)));
        assertValidation(
                () -> run("EXISTS(SELECT * FROM {t} WHERE pk = 'q' AND sk = 0)"),
                "EXISTS can only be used in ExecuteTransaction");
        assertValidation(
                () -> ddb.executeTransaction(b -> b.transactStatements(ParameterizedStatement.builder()
                        .statement("EXISTS(SELECT * FROM " + t + " WHERE pk = 'q')")
                        .build())),
                "Where clause does not contain a mandatory equality on all key attributes");
    }
}
