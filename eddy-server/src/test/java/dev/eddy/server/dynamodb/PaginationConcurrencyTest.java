package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Paginated Scans and Queries (small Limit, many pages) run while writers commit conflicting
 * transactions, on the default RocksDB store. Each transaction stamps one version on both items
 * of two random pairs (four items), or inserts one transient item and deletes another.
 * Invariants: within a page, the two items of a pair always carry the same version (no partial
 * transaction is visible); a full paginated read never returns a key twice; and it returns every
 * item that existed unchanged for the whole read (the stable items, which no one writes).
 */
class PaginationConcurrencyTest {
    static final int STABLE = 150;
    static final int PAIRS = 16;
    static final int WRITERS = 4;
    static final int TRANSACTIONS_PER_WRITER = 60;

    @TempDir
    Path dir;

    @Test
    void paginatedReadsSeeWholeTransactionsAndNeverSkipOrRepeat() throws Exception {
        try (EddyServer server = EddyServer.start(ServerConfig.onDisk(dir));
                DynamoDbClient ddb = EddyClients.dynamo(server.endpoint())) {
            String table = TestNames.unique("paging");
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
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < STABLE; i++) {
                Map<String, AttributeValue> item = item("s" + (i % 5), i);
                ddb.putItem(b -> b.tableName(table).item(item));
                stable.add(id(item));
            }
            for (int sk = 0; sk < 2 * PAIRS; sk++) {
                Map<String, AttributeValue> item = new HashMap<>(item("pairs", sk));
                item.put("v", AttributeValue.fromN("0"));
                ddb.putItem(b -> b.tableName(table).item(item));
            }

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 3);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger committed = new AtomicInteger();
            AtomicInteger fullScans = new AtomicInteger();
            AtomicInteger fullQueries = new AtomicInteger();
            AtomicInteger pagesRead = new AtomicInteger();
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
                            List<TransactWriteItem> actions = transaction(table, writer, t);
                            try {
                                ddb.transactWriteItems(b -> b.transactItems(actions));
                                committed.incrementAndGet();
                            } catch (TransactionCanceledException e) {
                                // conflicts or a missing transient item; nothing of it may be visible
                            }
                        }
                        return null;
                    }));
                }
                List<Future<?>> readers = new ArrayList<>();
                readers.add(pool.submit(() -> {
                    while (writing.get() || fullScans.get() == 0) {
                        checkFullRead(
                                stable,
                                start -> {
                                    var page = ddb.scan(
                                            b -> b.tableName(table).limit(7).exclusiveStartKey(start));
                                    pagesRead.incrementAndGet();
                                    return new Page(
                                            page.items(), page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null);
                                },
                                true);
                        fullScans.incrementAndGet();
                    }
                    return null;
                }));
                for (boolean forward : List.of(true, false)) {
                    readers.add(pool.submit(() -> {
                        while (writing.get() || fullQueries.get() < 2) {
                            checkFullRead(
                                    Set.of(),
                                    start -> {
                                        var page = ddb.query(b -> b.tableName(table)
                                                .limit(5)
                                                .scanIndexForward(forward)
                                                .keyConditionExpression("pk = :p")
                                                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("pairs")))
                                                .exclusiveStartKey(start));
                                        pagesRead.incrementAndGet();
                                        return new Page(
                                                page.items(),
                                                page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null);
                                    },
                                    false);
                            fullQueries.incrementAndGet();
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
            assertThat(committed.get()).isPositive();
            assertThat(fullScans.get()).isPositive();
            assertThat(fullQueries.get()).isGreaterThanOrEqualTo(2);
            assertThat(pagesRead.get()).isGreaterThan(50);
        }
    }

    record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey) {}

    /**
     * Reads every page; checks each page on its own (pairs consistent) and the whole read (no key
     * twice, every stable key present; a Query of the pairs partition sees all pairs).
     */
    static void checkFullRead(Set<String> stable, Function<Map<String, AttributeValue>, Page> read, boolean scan) {
        Set<String> seen = new HashSet<>();
        Map<String, AttributeValue> start = null;
        int pairItems = 0;
        do {
            Page page = read.apply(start);
            Map<Integer, String> versions = new HashMap<>();
            for (Map<String, AttributeValue> item : page.items()) {
                assertThat(seen.add(id(item))).as("returned twice: " + id(item)).isTrue();
                if (item.get("pk").s().equals("pairs")) {
                    pairItems++;
                    int pair = Integer.parseInt(item.get("sk").n()) / 2;
                    String v = item.get("v").n();
                    String other = versions.putIfAbsent(pair, v);
                    assertThat(other == null || other.equals(v))
                            .as("pair " + pair + " half-written in one page: " + other + " vs " + v)
                            .isTrue();
                }
            }
            start = page.lastEvaluatedKey();
        } while (start != null);
        assertThat(seen).containsAll(stable);
        assertThat(pairItems).isEqualTo(2 * PAIRS);
        if (scan) {
            assertThat(seen.stream().filter(k -> k.startsWith("s")).count()).isEqualTo(STABLE);
        }
    }

    static Map<String, AttributeValue> item(String pk, int sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Integer.toString(sk)));
    }

    static String id(Map<String, AttributeValue> item) {
        return item.get("pk").s() + "/" + item.get("sk").n();
    }

    /** Either a version stamped on two random pairs, or a transient item inserted and another deleted. */
    static List<TransactWriteItem> transaction(String table, int writer, int t) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<TransactWriteItem> actions = new ArrayList<>();
        if (t % 3 == 2) {
            int insert = writer * 1000 + t;
            actions.add(TransactWriteItem.builder()
                    .put(Put.builder().tableName(table).item(item("t", insert)).build())
                    .build());
            if (t >= 3) {
                actions.add(TransactWriteItem.builder()
                        .delete(Delete.builder()
                                .tableName(table)
                                .key(item("t", writer * 1000 + t - 3))
                                .conditionExpression("attribute_exists(pk)")
                                .build())
                        .build());
            }
            return actions;
        }
        int first = random.nextInt(PAIRS);
        int second = (first + 1 + random.nextInt(PAIRS - 1)) % PAIRS;
        String version = Integer.toString(writer * 100000 + t + 1);
        for (int pair : List.of(first, second)) {
            for (int half = 0; half < 2; half++) {
                actions.add(TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(table)
                                .key(item("pairs", 2 * pair + half))
                                .updateExpression("SET v = :v")
                                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(version)))
                                .build())
                        .build());
            }
        }
        return actions;
    }
}
