package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Concurrent conditional writes to one item are atomic, on the default (RocksDB) store. */
class ConcurrencyTest {
    static final int CLIENTS = 16;

    @TempDir
    Path dir;

    @Test
    void racingConditionalPutsAndCounters() throws Exception {
        try (EddyServer server = EddyServer.start(ServerConfig.onDisk(dir));
                DynamoDbClient ddb = EddyClients.dynamo(server.endpoint())) {
            String table = TestNames.unique("race");
            ddb.createTable(TablesTest.hashTable(table).build());
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                for (int round = 0; round < 5; round++) {
                    String id = "item-" + round;
                    AtomicInteger won = new AtomicInteger();
                    AtomicInteger lost = new AtomicInteger();
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> futures = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        int client = c;
                        futures.add(pool.submit(() -> {
                            go.await();
                            try {
                                ddb.putItem(b -> b.tableName(table)
                                        .item(Map.of(
                                                "id",
                                                AttributeValue.fromS(id),
                                                "owner",
                                                AttributeValue.fromN(Integer.toString(client))))
                                        .conditionExpression("attribute_not_exists(id)"));
                                won.incrementAndGet();
                            } catch (ConditionalCheckFailedException e) {
                                lost.incrementAndGet();
                            }
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<?> f : futures) {
                        f.get();
                    }
                    assertThat(won.get()).isEqualTo(1);
                    assertThat(lost.get()).isEqualTo(CLIENTS - 1);
                }

                int perClient = 25;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < perClient; i++) {
                            ddb.updateItem(b -> b.tableName(table)
                                    .key(Map.of("id", AttributeValue.fromS("counter")))
                                    .updateExpression("ADD #c :one")
                                    .expressionAttributeNames(Map.of("#c", "count"))
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : futures) {
                    f.get();
                }
                assertThat(ddb.getItem(b -> b.tableName(table)
                                        .key(Map.of("id", AttributeValue.fromS("counter")))
                                        .consistentRead(true))
                                .item()
                                .get("count")
                                .n())
                        .isEqualTo(Integer.toString(CLIENTS * perClient));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
