package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.item.Items;
import dev.eddy.store.AbstractTransaction;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.table.BillingMode;
import dev.eddy.table.CreateTable;
import dev.eddy.table.ItemWrite;
import dev.eddy.table.PutItem;
import dev.eddy.table.ReturnValues;
import dev.eddy.table.StreamViewType;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import dev.eddy.table.WriteOrigin;
import dev.eddy.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The change log's ordering, wake-ups, recovery, rollover and TTL identity, against a MemoryStore. */
class ChangeLogTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));

    private record Setup(ChangeLog log, TableEngine engine, Store store) {}

    private Setup open(Store store, StreamConfig config) {
        ChangeLog log = new ChangeLog(store, clock, Account.DEFAULT, config);
        TableEngine engine = new TableEngine(store, clock, Account.DEFAULT, List.of(log.maintainer()));
        return new Setup(log, engine, store);
    }

    private static TableMeta create(TableEngine engine, String name, StreamViewType view) {
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
                view,
                Map.of(),
                false,
                null));
    }

    private static void put(TableEngine engine, String table, String id, String v) {
        engine.putItem(new PutItem(
                table,
                Map.of("id", new AttributeValue.S(id), "v", new AttributeValue.S(v)),
                null,
                ReturnValues.NONE,
                false,
                null));
    }

    private static String arn(TableMeta t) {
        return "arn:aws:dynamodb:us-east-1:000000000000:table/" + t.name() + "/stream/" + t.latestStreamLabel();
    }

    /** Blocks the backend commit of transactions run on threads whose name starts with "held". */
    private static final class GatedStore implements Store {
        final Store delegate;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedStore(Store delegate) {
            this.delegate = delegate;
        }

        @Override
        public Transaction begin() {
            Transaction tx = delegate.begin();
            // the gate sits between the hooks (which number the records) and the backend commit
            return new AbstractTransaction() {
                public byte[] get(byte[] key) {
                    return tx.get(key);
                }

                public List<KeyValue> scan(KeyRange range, int limit, boolean reverse) {
                    return tx.scan(range, limit, reverse);
                }

                public void put(byte[] key, byte[] value) {
                    tx.put(key, value);
                }

                public void clear(byte[] key) {
                    tx.clear(key);
                }

                public void clearRange(byte[] begin, byte[] end) {
                    tx.clearRange(begin, end);
                }

                @Override
                protected void commitWrites() {
                    if (Thread.currentThread().getName().startsWith("held")) {
                        entered.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    tx.commit();
                }

                @Override
                protected void rollback() {
                    tx.close();
                }
            };
        }

        @Override
        public ReadView snapshot() {
            return delegate.snapshot();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** The first shard of a stream, read from its trim horizon. */
    private static ShardPosition start(ChangeLog log, TableMeta t) {
        StreamReader reader = log.reader();
        ShardRef shard = reader.lineage(reader.stream(arn(t))).getFirst().shard();
        return reader.position(shard, ShardIteratorType.TRIM_HORIZON);
    }

    @Test
    void aReaderNeverSeesALaterNumberBeforeAnEarlierOneCommits() throws Exception {
        GatedStore gated = new GatedStore(new MemoryStore());
        Setup s = open(gated, StreamConfig.defaults().withShardsPerTable(1));
        TableMeta t = create(s.engine, "tbl", StreamViewType.KEYS_ONLY);
        StreamReader reader = s.log.reader();
        ShardPosition start = start(s.log, t);
        CompletableFuture<Void> woken = reader.awaitAppend(start);

        Thread held = Thread.ofPlatform().name("held-writer").start(() -> put(s.engine, "tbl", "first", "1"));
        assertThat(gated.entered.await(5, TimeUnit.SECONDS)).isTrue();
        put(s.engine, "tbl", "second", "2"); // takes a higher number and commits first

        ReadBatch early = reader.read(start, 100);
        assertThat(early.records()).isEmpty();
        assertThat(early.next()).isEqualTo(start);
        assertThat(woken).isNotDone();

        gated.release.countDown();
        held.join(5000);
        assertThat(woken).isCompleted();
        ReadBatch both = reader.read(start, 100);
        assertThat(both.records())
                .extracting(r -> ((AttributeValue.S) r.keys().get("id")).value())
                .containsExactly("first", "second");
        assertThat(both.records().get(0).sequence())
                .isLessThan(both.records().get(1).sequence());
        assertThat(both.shardEnd()).isFalse();
    }

    @Test
    void numbersKeepIncreasingAfterARestart() {
        MemoryStore store = new MemoryStore();
        Setup first = open(store, StreamConfig.defaults().withShardsPerTable(1));
        TableMeta t = create(first.engine, "tbl", StreamViewType.NEW_IMAGE);
        put(first.engine, "tbl", "a", "1");
        put(first.engine, "tbl", "a", "2");
        long before = first.log
                .reader()
                .read(start(first.log, t), 100)
                .records()
                .getLast()
                .sequence();

        Setup second = open(store, StreamConfig.defaults().withShardsPerTable(1));
        put(second.engine, "tbl", "a", "3");
        List<ChangeRecord> all =
                second.log.reader().read(start(second.log, t), 100).records();
        assertThat(all)
                .extracting(r -> ((AttributeValue.S) r.newImage().get("v")).value())
                .containsExactly("1", "2", "3");
        assertThat(all.getLast().sequence()).isGreaterThan(before);
        assertThat(all)
                .extracting(ChangeRecord::eventName)
                .containsExactly(
                        ChangeRecord.EventName.INSERT, ChangeRecord.EventName.MODIFY, ChangeRecord.EventName.MODIFY);
    }

    @Test
    void shardsRollOverWithTheClockAndParentsEnd() {
        Setup s = open(
                new MemoryStore(),
                StreamConfig.defaults().withShardsPerTable(1).withShardLifetime(Duration.ofHours(1)));
        TableMeta t = create(s.engine, "tbl", StreamViewType.KEYS_ONLY);
        StreamReader reader = s.log.reader();
        StreamId stream = reader.stream(arn(t));
        put(s.engine, "tbl", "a", "1");
        ShardRef parent = reader.lineage(stream).getFirst().shard();
        CompletableFuture<Void> closing = reader.awaitAppend(reader.position(parent, ShardIteratorType.LATEST));
        clock.advance(Duration.ofMinutes(59));
        s.log.maintain();
        assertThat(reader.lineage(stream)).hasSize(1);
        assertThat(closing).isNotDone();
        clock.advance(Duration.ofMinutes(1));
        s.log.maintain();
        assertThat(closing).isCompleted();
        List<StreamShard> shards = reader.lineage(stream);
        assertThat(shards).hasSize(2);
        assertThat(shards.get(0).closed()).isTrue();
        assertThat(shards.get(1).parentShardId())
                .isEqualTo(shards.get(0).shard().shardId());
        put(s.engine, "tbl", "a", "2");

        ReadBatch p = reader.read(reader.position(shards.get(0).shard(), ShardIteratorType.TRIM_HORIZON), 100);
        assertThat(p.records()).hasSize(1);
        assertThat(p.shardEnd()).isTrue();
        ReadBatch c = reader.read(reader.position(shards.get(1).shard(), ShardIteratorType.TRIM_HORIZON), 100);
        assertThat(c.records()).hasSize(1);
        assertThat(c.records().getFirst().sequence())
                .isGreaterThan(p.records().getFirst().sequence());
        assertThat(c.shardEnd()).isFalse();
    }

    @Test
    void ttlDeletionsCarryTheServiceIdentity() {
        Setup s = open(new MemoryStore(), StreamConfig.defaults().withShardsPerTable(1));
        TableMeta t = create(s.engine, "tbl", StreamViewType.NEW_AND_OLD_IMAGES);
        put(s.engine, "tbl", "a", "1");
        Map<String, AttributeValue> old = Map.of("id", new AttributeValue.S("a"), "v", new AttributeValue.S("1"));
        TableMeta current = s.engine.describeTable("tbl");
        s.store.run(tx -> {
            s.log.maintainer()
                    .onWrite(
                            tx,
                            current,
                            new ItemWrite(old, null, ItemCodec.encode(old), null, Items.size(old), 0, WriteOrigin.TTL));
            return null;
        });
        List<ChangeRecord> r = s.log.reader().read(start(s.log, t), 10).records();
        assertThat(r).extracting(ChangeRecord::byService).containsExactly(false, true);
        assertThat(r.get(1).eventName()).isEqualTo(ChangeRecord.EventName.REMOVE);
        assertThat(r.get(1).oldImage()).isEqualTo(old);
        assertThat(r.get(1).newImage()).isNull();
    }

    @Test
    void unknownStreamsAndShards() {
        Setup s = open(new MemoryStore(), StreamConfig.defaults());
        TableMeta t = create(s.engine, "tbl", StreamViewType.KEYS_ONLY);
        StreamReader reader = s.log.reader();
        assertThatThrownBy(() -> reader.stream(arn(t).replace("/tbl/", "/tbx/")))
                .isInstanceOfSatisfying(
                        EddyException.class,
                        e -> assertThat(e.code().shortName()).isEqualTo("ResourceNotFoundException"));
        assertThatThrownBy(() -> reader.shard(reader.stream(arn(t)), "shardId-00000000000000000001-00000000"))
                .isInstanceOfSatisfying(
                        EddyException.class,
                        e -> assertThat(e.code().shortName()).isEqualTo("ResourceNotFoundException"));
    }

    @Test
    void sequenceNumbersAreTwentyOneDigitsInNumericOrder() {
        assertThat(SequenceNumbers.format(0)).isEqualTo("100000000000000000000");
        assertThat(SequenceNumbers.format(Long.MAX_VALUE)).hasSize(21);
        assertThat(SequenceNumbers.parse(SequenceNumbers.format(123456789L))).isEqualTo(123456789L);
        assertThat(SequenceNumbers.parse("12345")).isEqualTo(-1);
        assertThat(SequenceNumbers.parse("000000000000000000001")).isEqualTo(-1);
        assertThat(SequenceNumbers.format(99).compareTo(SequenceNumbers.format(100)))
                .isNegative();
    }
}
