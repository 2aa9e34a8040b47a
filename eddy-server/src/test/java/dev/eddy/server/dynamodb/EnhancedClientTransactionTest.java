package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPageIterable;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The DynamoDB Enhanced Client's transactional and batch writes against Eddy. */
class EnhancedClientTransactionTest extends InMemoryServerTest {
    static DynamoDbEnhancedClient enhanced;
    static DynamoDbTable<Account> accounts;

    /** A mapped bean, as applications write them. */
    @DynamoDbBean
    public static class Account {
        private String id;
        private Integer balance;
        private String owner;

        public Account() {}

        Account(String id, int balance, String owner) {
            this.id = id;
            this.balance = balance;
            this.owner = owner;
        }

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public Integer getBalance() {
            return balance;
        }

        public void setBalance(Integer balance) {
            this.balance = balance;
        }

        public String getOwner() {
            return owner;
        }

        public void setOwner(String owner) {
            this.owner = owner;
        }
    }

    @BeforeAll
    static void start() {
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
        accounts = enhanced.table(TestNames.unique("enhanced"), TableSchema.fromBean(Account.class));
        accounts.createTable();
    }

    static Key key(String id) {
        return Key.builder().partitionValue(id).build();
    }

    @Test
    void transactionalWriteCommitsOrCancelsAsAWhole() {
        accounts.putItem(new Account("alice", 50, "Alice"));
        accounts.putItem(new Account("closed", 0, "Old"));
        accounts.putItem(new Account("bank", 1000, "Bank"));
        Expression hasFunds = Expression.builder()
                .expression("balance >= :n")
                .putExpressionValue(":n", AttributeValue.fromN("20"))
                .build();
        enhanced.transactWriteItems(b -> b.addUpdateItem(
                        accounts,
                        TransactUpdateItemEnhancedRequest.builder(Account.class)
                                .item(new Account("alice", 30, "Alice"))
                                .conditionExpression(hasFunds)
                                .build())
                .addPutItem(accounts, new Account("bob", 20, "Bob"))
                .addDeleteItem(accounts, key("closed"))
                .addConditionCheck(
                        accounts,
                        c -> c.key(key("bank"))
                                .conditionExpression(Expression.builder()
                                        .expression("attribute_exists(id)")
                                        .build())));
        assertThat(accounts.getItem(key("alice")).getBalance()).isEqualTo(30);
        assertThat(accounts.getItem(key("bob")).getBalance()).isEqualTo(20);
        assertThat(accounts.getItem(key("closed"))).isNull();

        Expression tooMuch = Expression.builder()
                .expression("balance >= :n")
                .putExpressionValue(":n", AttributeValue.fromN("1000"))
                .build();
        assertThatThrownBy(() ->
                        enhanced.transactWriteItems(b -> b.addPutItem(accounts, new Account("carol", 5, "Carol"))
                                .addUpdateItem(
                                        accounts,
                                        TransactUpdateItemEnhancedRequest.builder(Account.class)
                                                .item(new Account("bob", 0, "Bob"))
                                                .conditionExpression(tooMuch)
                                                .build())))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        e -> assertThat(e.cancellationReasons())
                                .extracting(r -> r.code())
                                .containsExactly("None", "ConditionalCheckFailed"));
        assertThat(accounts.getItem(key("carol"))).isNull();
        assertThat(accounts.getItem(key("bob")).getBalance()).isEqualTo(20);

        List<Account> read =
                enhanced
                        .transactGetItems(
                                b -> b.addGetItem(accounts, key("alice")).addGetItem(accounts, key("bob")))
                        .stream()
                        .map(d -> d.getItem(accounts))
                        .toList();
        assertThat(read).extracting(Account::getOwner).containsExactly("Alice", "Bob");
    }

    @Test
    void batchWriteAndGet() {
        WriteBatch.Builder<Account> writes = WriteBatch.builder(Account.class).mappedTableResource(accounts);
        for (int i = 0; i < 10; i++) {
            writes.addPutItem(new Account("batch-" + i, i, "owner-" + i));
        }
        enhanced.batchWriteItem(b -> b.addWriteBatch(writes.build()));
        ReadBatch.Builder<Account> reads = ReadBatch.builder(Account.class).mappedTableResource(accounts);
        for (int i = 0; i < 10; i++) {
            reads.addGetItem(key("batch-" + i));
        }
        BatchGetResultPageIterable pages = enhanced.batchGetItem(b -> b.addReadBatch(reads.build()));
        List<Integer> balances = new ArrayList<>();
        pages.resultsForTable(accounts).forEach(a -> balances.add(a.getBalance()));
        assertThat(balances).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
