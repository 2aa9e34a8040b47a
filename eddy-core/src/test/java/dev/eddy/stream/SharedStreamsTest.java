package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.cluster.LocalClusterSignal;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.ConflictException;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.Transaction;
import dev.eddy.table.BillingMode;
import dev.eddy.table.CreateTable;
import dev.eddy.table.PutItem;
import dev.eddy.table.ReturnValues;
import dev.eddy.table.StreamViewType;
import dev.eddy.table.TableDirectory;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import dev.eddy.table.UpdateTable;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two change logs sharing one store, as two nodes do: the counter per lineage in the store, and
 * stream changes and commits of one node seen by the other.
 */
class SharedStreamsTest {
    private final AtomicLong now =
            new AtomicLong(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final MemoryStore store = new MemoryStore();
    private final LocalClusterSignal notices = new LocalClusterSignal();
    private final StreamConfig config =
            StreamConfig.defaults().withShardsPerTable(1).withShardLifetime(Duration.ofHours(1));
    private final List<AutoCloseable> opened = new ArrayList<>();

    private record Node(ChangeLog log, TableEngine engine) {}

    /** A node; its background work runs with a long poll interval, so that only notices make it quick. */
    private Node node() {
        ChangeLog log = ChangeLog.shared(
                store, clock, Account.DEFAULT, config, new TableDirectory(store), notices, Duration.ofMinutes(5));
        BackgroundWork work = BackgroundWork.singleNode(clock);
        log.start(work);
        work.start();
        opened.add(work);
        opened.add(log);
        return new Node(log, new TableEngine(store, clock, Account.DEFAULT, List.of(log.maintainer())));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private static TableMeta create(TableEngine engine, String name) {
        return engine.createTable(new CreateTable(
                name,
                List.of(new CreateTable.KeyElement("id", "HASH")),
                Map.of("id", AttributeValue.Type.S),
                BillingMode.PAY_PER_REQUEST,
                null,
                null,
                List.of(),
                List.of(),
                true,
                StreamViewType.KEYS_ONLY,
                Map.of(),
                false,
                null));
    }

    private void put(Node node, String table, String id) {
        now.addAndGet(10);
        node.engine.putItem(
                new PutItem(table, Map.of("id", new AttributeValue.S(id)), null, ReturnValues.NONE, false, null));
    }

    private static String arn(TableMeta t) {
        return "arn:aws:dynamodb:us-east-1:000000000000:table/" + t.name() + "/stream/" + t.latestStreamLabel();
    }

    private static ShardRef firstShard(Node node, TableMeta t) {
        StreamReader reader = node.log.reader();
        return reader.lineage(reader.stream(arn(t))).getFirst().shard();
    }

    @Test
    void twoWritersThatReadTheSameCounterCannotBothCommit() {
        SharedSequencer seq = new SharedSequencer(store, 7, 0);
        store.run(tx -> {
            StreamCatalog.put(tx, 7, new ShardState(0, 0, 1, -1, 101, -1));
            return null;
        });
        assertThat(seq.visible())
                .as("a new lineage starts below its first shard")
                .isEqualTo(100);
        Transaction first = store.begin();
        Transaction second = store.begin();
        long a = seq.assign(first);
        long b = seq.assign(second);
        assertThat(a).as("both read the same counter").isEqualTo(b).isEqualTo(101);
        assertThat(seq.visible()).as("nothing committed yet").isEqualTo(100);
        first.commit();
        assertThat(seq.visible()).isEqualTo(101);
        assertThatThrownBy(second::commit).isInstanceOf(ConflictException.class);
        assertThat(seq.resolve(b, false)).as("a given-up number shows nothing").isFalse();
        Transaction retried = store.begin();
        assertThat(seq.assign(retried)).isEqualTo(102);
        retried.commit();
        assertThat(seq.resolve(102, true)).isTrue();
        assertThat(new SharedSequencer(store, 7, 0).visible())
                .as("another node reads the committed counter")
                .isEqualTo(102);
    }

    @Test
    void recordsWrittenThroughTwoNodesShareOneNumberingAndAreReadThroughEither() {
        Node a = node();
        Node b = node();
        TableMeta t = create(a.engine, "orders");
        for (int i = 0; i < 10; i++) {
            put(i % 2 == 0 ? a : b, "orders", "k" + i);
        }
        for (Node reader : List.of(a, b)) {
            ShardRef shard = firstShard(reader, t);
            ReadBatch batch =
                    reader.log.reader().read(reader.log.reader().position(shard, ShardIteratorType.TRIM_HORIZON), 100);
            assertThat(batch.records())
                    .extracting(r -> ((AttributeValue.S) r.keys().get("id")).value())
                    .containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
            List<Long> numbers =
                    batch.records().stream().map(ChangeRecord::sequence).toList();
            assertThat(numbers).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aCommitOnOneNodeWakesAReaderWaitingOnTheOtherWhichLoadedTheStreamLater() throws Exception {
        Node a = node();
        Node b = node();
        TableMeta t = create(a.engine, "orders");
        put(a, "orders", "first");
        // B loads the stream an hour later: its clock must not bound what A numbers
        now.addAndGet(Duration.ofMinutes(50).toMillis());
        StreamReader atB = b.log.reader();
        ShardRef shard = firstShard(b, t);
        ShardPosition latest = atB.position(shard, ShardIteratorType.LATEST);
        CompletableFuture<Void> woken = atB.awaitAppend(latest);
        assertThat(woken).isNotDone();
        put(a, "orders", "x");
        woken.get(5, TimeUnit.SECONDS);
        assertThat(atB.read(latest, 10).records())
                .extracting(r -> ((AttributeValue.S) r.keys().get("id")).value())
                .containsExactly("x");
    }

    @Test
    void aRolloverOnOneNodeIsSeenByTheOtherAndItsWritesGoToTheChild() {
        Node a = node();
        Node b = node();
        TableMeta t = create(a.engine, "orders");
        put(b, "orders", "before");
        ShardRef parent = firstShard(b, t);
        StreamReader atB = b.log.reader();
        ShardPosition start = atB.position(parent, ShardIteratorType.TRIM_HORIZON);
        now.addAndGet(Duration.ofHours(2).toMillis());
        a.log.maintain();
        put(b, "orders", "after");
        // B's read of the parent ends at its end even before B heard of the rollover
        ReadBatch rest = atB.read(start, 10);
        assertThat(rest.records())
                .extracting(r -> ((AttributeValue.S) r.keys().get("id")).value())
                .containsExactly("before");
        assertThat(rest.shardEnd()).isTrue();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(atB.lineage(atB.stream(arn(t)))).hasSize(2));
        StreamShard child = atB.lineage(atB.stream(arn(t))).stream()
                .filter(s -> !s.shard().equals(parent))
                .findFirst()
                .orElseThrow();
        ReadBatch inChild = atB.read(atB.position(child.shard(), ShardIteratorType.TRIM_HORIZON), 10);
        assertThat(inChild.records())
                .extracting(r -> ((AttributeValue.S) r.keys().get("id")).value())
                .containsExactly("after");
    }

    @Test
    void aStreamDisabledOnOneNodeIsClosedOnTheOther() {
        Node a = node();
        Node b = node();
        TableMeta t = create(a.engine, "orders");
        put(b, "orders", "x");
        StreamReader atB = b.log.reader();
        ShardRef shard = firstShard(b, t);
        CompletableFuture<Void> closing = atB.awaitAppend(atB.position(shard, ShardIteratorType.LATEST));
        a.engine.updateTable(new UpdateTable("orders", null, null, null, false, null, null, null));
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(closing).isDone();
            assertThat(atB.lineage(atB.stream(arn(t))))
                    .singleElement()
                    .satisfies(s -> assertThat(s.closed()).isTrue());
        });
        put(b, "orders", "y");
        assertThat(atB.read(atB.position(shard, ShardIteratorType.TRIM_HORIZON), 10)
                        .records())
                .as("a write after the disable has no record")
                .hasSize(1);
    }
}
