package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Many threads move money between a few accounts with conflicting transactions (two updates and
 * an audit record in another table each) while readers take transactional snapshots, on the
 * default RocksDB store. Invariants: every snapshot sees the total unchanged (no partial
 * transaction is ever visible), no balance goes negative, and at the end every balance is
 * exactly what the committed audit records say (all three writes of a transaction committed
 * together or none did).
 */
class TransactionConcurrencyTest {
    static final int ACCOUNTS = 8;
    static final int START = 100;
    static final int WRITERS = 8;
    static final int TRANSFERS_PER_WRITER = 40;
    static final int READERS = 2;

    @TempDir
    Path dir;

    @Test
    void conflictingTransfersAreNeverPartial() throws Exception {
        try (EddyServer server = EddyServer.start(ServerConfig.onDisk(dir));
                DynamoDbClient ddb = EddyClients.dynamo(server.endpoint())) {
            String accounts = TestNames.unique("accounts");
            String audit = TestNames.unique("audit");
            ddb.createTable(TablesTest.hashTable(accounts).build());
            ddb.createTable(TablesTest.hashTable(audit).build());
            for (int i = 0; i < ACCOUNTS; i++) {
                int n = i;
                ddb.putItem(b -> b.tableName(accounts)
                        .item(Map.of(
                                "id",
                                AttributeValue.fromS("acct-" + n),
                                "balance",
                                AttributeValue.fromN(Integer.toString(START)))));
            }
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger committed = new AtomicInteger();
            AtomicInteger cancelled = new AtomicInteger();
            AtomicInteger snapshots = new AtomicInteger();
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int t = 0; t < TRANSFERS_PER_WRITER; t++) {
                            ThreadLocalRandom random = ThreadLocalRandom.current();
                            int from = random.nextInt(ACCOUNTS);
                            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                            int amount = 1 + random.nextInt(30);
                            String transfer = "t-" + writer + "-" + t;
                            try {
                                ddb.transactWriteItems(b -> b.transactItems(
                                        move(accounts, from, -amount),
                                        move(accounts, to, amount),
                                        TransactWriteItem.builder()
                                                .put(Put.builder()
                                                        .tableName(audit)
                                                        .item(Map.of(
                                                                "id", AttributeValue.fromS(transfer),
                                                                "from", AttributeValue.fromN(Integer.toString(from)),
                                                                "to", AttributeValue.fromN(Integer.toString(to)),
                                                                "amount",
                                                                        AttributeValue.fromN(Integer.toString(amount))))
                                                        .build())
                                                .build()));
                                committed.incrementAndGet();
                            } catch (TransactionCanceledException e) {
                                cancelled.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                List<Future<?>> readers = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    readers.add(pool.submit(() -> {
                        while (writing.get()) {
                            List<TransactGetItem> gets = new ArrayList<>();
                            for (int i = 0; i < ACCOUNTS; i++) {
                                gets.add(TransactGetItem.builder()
                                        .get(Get.builder()
                                                .tableName(accounts)
                                                .key(Map.of("id", AttributeValue.fromS("acct-" + i)))
                                                .build())
                                        .build());
                            }
                            int total = 0;
                            for (var response : ddb.transactGetItems(b -> b.transactItems(gets))
                                    .responses()) {
                                int balance = Integer.parseInt(
                                        response.item().get("balance").n());
                                assertThat(balance).isNotNegative();
                                total += balance;
                            }
                            assertThat(total).isEqualTo(ACCOUNTS * START);
                            snapshots.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : writers) {
                    f.get();
                }
                writing.set(false);
                for (Future<?> f : readers) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(committed.get() + cancelled.get()).isEqualTo(WRITERS * TRANSFERS_PER_WRITER);
            assertThat(committed.get()).isPositive();
            assertThat(snapshots.get()).isPositive();

            // every balance is what the committed audit records say
            int[] expected = new int[ACCOUNTS];
            java.util.Arrays.fill(expected, START);
            int audited = 0;
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                for (int t = 0; t < TRANSFERS_PER_WRITER; t++) {
                    keys.add(Map.of("id", AttributeValue.fromS("t-" + w + "-" + t)));
                }
            }
            for (int i = 0; i < keys.size(); i += 100) {
                List<Map<String, AttributeValue>> chunk = keys.subList(i, Math.min(i + 100, keys.size()));
                var page = ddb.batchGetItem(b -> b.requestItems(Map.of(
                        audit,
                        KeysAndAttributes.builder()
                                .keys(chunk)
                                .consistentRead(true)
                                .build())));
                assertThat(page.unprocessedKeys()).isEmpty();
                for (Map<String, AttributeValue> item : page.responses().get(audit)) {
                    int amount = Integer.parseInt(item.get("amount").n());
                    expected[Integer.parseInt(item.get("from").n())] -= amount;
                    expected[Integer.parseInt(item.get("to").n())] += amount;
                    audited++;
                }
            }
            assertThat(audited).isEqualTo(committed.get());
            Map<Integer, Integer> actual = new HashMap<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                int n = i;
                actual.put(
                        i,
                        Integer.parseInt(ddb.getItem(b -> b.tableName(accounts)
                                        .consistentRead(true)
                                        .key(Map.of("id", AttributeValue.fromS("acct-" + n))))
                                .item()
                                .get("balance")
                                .n()));
            }
            for (int i = 0; i < ACCOUNTS; i++) {
                assertThat(actual.get(i)).as("balance of acct-" + i).isEqualTo(expected[i]);
            }
        }
    }

    private static TransactWriteItem move(String table, int account, int delta) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(Map.of("id", AttributeValue.fromS("acct-" + account)))
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
}
