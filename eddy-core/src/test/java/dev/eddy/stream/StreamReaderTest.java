package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.MemoryStore;
import dev.eddy.table.BillingMode;
import dev.eddy.table.CreateTable;
import dev.eddy.table.PutItem;
import dev.eddy.table.ReturnValues;
import dev.eddy.table.StreamViewType;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import dev.eddy.table.UpdateTable;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The typed reader as an event source mapping uses it: lineage across a rollover, reads to a
 * closed shard's end, positions, and wake-ups by commits and by shards closing.
 */
class StreamReaderTest {
    private final AtomicLong now =
            new AtomicLong(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final MemoryStore store = new MemoryStore();
    private final StreamConfig config =
            StreamConfig.defaults().withShardsPerTable(1).withShardLifetime(Duration.ofHours(1));
    private final ChangeLog log = new ChangeLog(store, clock, Account.DEFAULT, config);
    private final TableEngine engine = new TableEngine(store, clock, Account.DEFAULT, List.of(log.maintainer()));
    private final StreamReader reader = log.reader();

    private StreamId table(String name) {
        TableMeta t = engine.createTable(new CreateTable(
                name,
                List.of(new CreateTable.KeyElement("id", "HASH")),
                Map.of("id", AttributeValue.Type.S),
                BillingMode.PAY_PER_REQUEST,
                null,
                null,
                List.of(),
                List.of(),
                true,
                StreamViewType.NEW_AND_OLD_IMAGES,
                Map.of(),
                false,
                null));
        return reader.stream(
                "arn:aws:dynamodb:us-east-1:000000000000:table/" + name + "/stream/" + t.latestStreamLabel());
    }

    private void put(String table, String id, String v) {
        now.addAndGet(1000);
        engine.putItem(new PutItem(
                table,
                Map.of("id", new AttributeValue.S(id), "v", new AttributeValue.S(v)),
                null,
                ReturnValues.NONE,
                false,
                null));
    }

    private static List<String> ids(ReadBatch batch) {
        return batch.records().stream()
                .map(r -> ((AttributeValue.S) r.keys().get("id")).value())
                .toList();
    }

    @Test
    void followsTheLineageAcrossARolloverAndReadsAClosedShardToItsEnd() {
        StreamId stream = table("orders");
        put("orders", "a", "1");
        put("orders", "b", "1");
        put("orders", "c", "1");
        List<StreamShard> lineage = reader.lineage(stream);
        assertThat(lineage).hasSize(1);
        StreamShard first = lineage.getFirst();
        assertThat(first.parentShardId()).isNull();
        assertThat(first.closed()).isFalse();
        assertThat(first.end()).isEqualTo(-1);
        assertThat(first.shard().stream()).isEqualTo(stream);

        ShardPosition from = reader.position(first.shard(), ShardIteratorType.TRIM_HORIZON);
        ReadBatch page1 = reader.read(from, 2);
        assertThat(ids(page1)).containsExactly("a", "b");
        assertThat(page1.next().after()).isEqualTo(page1.records().getLast().sequence());
        ReadBatch page2 = reader.read(page1.next(), 2);
        assertThat(ids(page2)).containsExactly("c");
        ReadBatch idle = reader.read(page2.next(), 2);
        assertThat(idle.records()).isEmpty();
        assertThat(idle.shardEnd()).isFalse();

        now.addAndGet(Duration.ofHours(1).toMillis());
        log.maintain();
        put("orders", "a", "2");
        lineage = reader.lineage(stream);
        assertThat(lineage).hasSize(2);
        StreamShard closed = lineage.get(0);
        StreamShard child = lineage.get(1);
        assertThat(closed.shard()).isEqualTo(first.shard());
        assertThat(closed.closed()).isTrue();
        assertThat(closed.end())
                .isGreaterThanOrEqualTo(page2.records().getLast().sequence());
        assertThat(child.parentShardId()).isEqualTo(first.shard().shardId());
        assertThat(child.start()).isEqualTo(closed.end() + 1);
        assertThat(child.shard().partition()).isEqualTo(first.shard().partition());
        assertThat(child.shard().generation()).isEqualTo(1);

        ReadBatch end = reader.read(idle.next(), 10);
        assertThat(end.records()).isEmpty();
        assertThat(end.shardEnd()).isTrue();
        ReadBatch fromChild = reader.read(reader.position(child.shard(), ShardIteratorType.TRIM_HORIZON), 10);
        assertThat(fromChild.shardEnd()).isFalse();
        ChangeRecord r = fromChild.records().getFirst();
        assertThat(fromChild.records()).hasSize(1);
        assertThat(r.eventName()).isEqualTo(ChangeRecord.EventName.MODIFY);
        assertThat(r.keys()).isEqualTo(Map.of("id", new AttributeValue.S("a")));
        assertThat(r.newImage()).containsEntry("v", new AttributeValue.S("2"));
        assertThat(r.oldImage()).containsEntry("v", new AttributeValue.S("1"));
        assertThat(r.approximateCreationMillis()).isEqualTo(now.get());
        assertThat(r.sizeBytes()).isEqualTo(13);
        assertThat(r.byService()).isFalse();
        assertThat(r.sequence()).isGreaterThan(closed.end());
        assertThat(reader.shard(stream, child.shard().shardId())).isEqualTo(child.shard());
    }

    @Test
    void awaitAppendIsWokenByACommitOfItsShardOnly() throws Exception {
        StreamId orders = table("orders");
        table("other");
        ShardRef shard = reader.lineage(orders).getFirst().shard();
        CompletableFuture<Void> woken = reader.awaitAppend(reader.position(shard, ShardIteratorType.LATEST));
        put("other", "x", "1");
        assertThat(woken).isNotDone();

        Thread writer = Thread.ofPlatform().start(() -> put("orders", "a", "1"));
        woken.get(5, TimeUnit.SECONDS);
        writer.join(5000);
        assertThat(ids(reader.read(reader.position(shard, ShardIteratorType.TRIM_HORIZON), 10)))
                .containsExactly("a");
        assertThat(reader.awaitAppend(reader.position(shard, ShardIteratorType.TRIM_HORIZON)))
                .as("a record is already there")
                .isCompleted();
        assertThat(reader.awaitAppend(reader.position(shard, ShardIteratorType.LATEST)))
                .isNotDone();
    }

    @Test
    void awaitAppendIsWokenWhenTheShardClosesBecauseTheStreamIsDisabled() {
        StreamId orders = table("orders");
        ShardRef shard = reader.lineage(orders).getFirst().shard();
        CompletableFuture<Void> woken = reader.awaitAppend(reader.position(shard, ShardIteratorType.LATEST));
        engine.updateTable(new UpdateTable("orders", null, null, null, false, null, null, null));
        assertThat(woken).isCompleted();
        ReadBatch end = reader.read(reader.position(shard, ShardIteratorType.LATEST), 10);
        assertThat(end.shardEnd()).isTrue();
        assertThat(reader.lineage(orders))
                .singleElement()
                .satisfies(s -> assertThat(s.closed()).isTrue());
    }

    @Test
    void sequenceNumberPositionsAreCheckedAgainstTheShard() {
        StreamId orders = table("orders");
        put("orders", "a", "1");
        put("orders", "b", "1");
        ShardRef shard = reader.lineage(orders).getFirst().shard();
        List<ChangeRecord> all = reader.read(reader.position(shard, ShardIteratorType.TRIM_HORIZON), 10)
                .records();
        long second = all.get(1).sequence();
        assertThat(ids(reader.read(reader.position(shard, ShardIteratorType.AT_SEQUENCE_NUMBER, second), 10)))
                .containsExactly("b");
        assertThat(reader.read(reader.position(shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second), 10)
                        .records())
                .isEmpty();
        assertThatThrownBy(() -> reader.position(shard, ShardIteratorType.AT_SEQUENCE_NUMBER, 5))
                .isInstanceOfSatisfying(
                        EddyException.class,
                        e -> assertThat(e.code().shortName()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> reader.position(shard, ShardIteratorType.AT_SEQUENCE_NUMBER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.position(shard, ShardIteratorType.LATEST, second))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsNeverPersistARolloverTheKeeperDoes() {
        StreamId orders = table("orders");
        put("orders", "a", "1");
        now.addAndGet(Duration.ofHours(2).toMillis());
        ShardRef shard = reader.lineage(orders).getFirst().shard();
        reader.read(reader.position(shard, ShardIteratorType.TRIM_HORIZON), 10);
        log.api().describe(orders.arn(), 100, null, null);
        log.api().shardIterator(orders.arn(), shard.shardId(), ShardIteratorType.LATEST, null);
        assertThat(reader.lineage(orders)).hasSize(1);
        assertThat(new ChangeLog(store, clock, Account.DEFAULT, config).reader().lineage(orders))
                .as("nothing was stored either")
                .hasSize(1);

        log.maintain();
        assertThat(reader.lineage(orders)).hasSize(2);
        assertThat(new ChangeLog(store, clock, Account.DEFAULT, config).reader().lineage(orders))
                .hasSize(2);
    }

    @Test
    void aRemovedStreamNoLongerResolves() {
        StreamId orders = table("orders");
        ShardRef shard = reader.lineage(orders).getFirst().shard();
        engine.updateTable(new UpdateTable("orders", null, null, null, false, null, null, null));
        now.addAndGet(Duration.ofHours(25).toMillis());
        log.maintain();
        assertThatThrownBy(() -> reader.lineage(orders))
                .isInstanceOfSatisfying(
                        EddyException.class,
                        e -> assertThat(e.code().shortName()).isEqualTo("ResourceNotFoundException"));
        assertThatThrownBy(() -> reader.read(new ShardPosition(shard, 0), 10)).isInstanceOf(EddyException.class);
    }
}
