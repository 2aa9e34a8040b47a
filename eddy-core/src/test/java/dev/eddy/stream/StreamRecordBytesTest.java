package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.arn.Account;
import dev.eddy.expr.ExpressionContext;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.Items;
import dev.eddy.store.KeyValue;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.table.BatchWriteItem;
import dev.eddy.table.BillingMode;
import dev.eddy.table.CapacityReport;
import dev.eddy.table.CreateTable;
import dev.eddy.table.PutItem;
import dev.eddy.table.ReturnValues;
import dev.eddy.table.StreamViewType;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import dev.eddy.table.TransactWriteItems;
import dev.eddy.table.UpdateItem;
import dev.eddy.testkit.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stream records that item writes store are byte for byte what the record codec makes of the
 * records' keys and images, for every view type and every write path (put, update, delete, batch,
 * transaction, TTL expiry), and carry the images and sizes of the items written: records built from
 * the bytes the writer stored and read must not differ from records built by encoding the items.
 */
class StreamRecordBytesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final Store store = new MemoryStore();
    private final ChangeLog log = new ChangeLog(store, clock, Account.DEFAULT, StreamConfig.defaults());
    private final TableEngine engine = new TableEngine(store, clock, Account.DEFAULT, List.of(log.maintainer()));

    /** What a record should hold, with every image whatever the view type. */
    private record Expected(
            ChangeRecord.EventName name,
            Map<String, AttributeValue> newImage,
            Map<String, AttributeValue> oldImage,
            boolean byService) {}

    private static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    private static AttributeValue n(long v) {
        return new AttributeValue.N(BigDecimal.valueOf(v));
    }

    private static Map<String, AttributeValue> item(Object... pairs) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        }
        return m;
    }

    private TableMeta create(String name, StreamViewType view) {
        return engine.createTable(new CreateTable(
                name,
                List.of(new CreateTable.KeyElement("id", "HASH"), new CreateTable.KeyElement("sk", "RANGE")),
                Map.of("id", AttributeValue.Type.S, "sk", AttributeValue.Type.N),
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

    /** Writes through every path into {@code table}; returns the records it should leave, in order. */
    private List<Expected> writeEverything(String table) {
        List<Expected> expected = new ArrayList<>();
        Map<String, AttributeValue> a1 = item("id", s("a"), "sk", n(1), "v", s("first"), "n", n(-12345));
        Map<String, AttributeValue> a2 = item("id", s("a"), "sk", n(1), "v", s("second é"), "l", listOfThree());
        engine.putItem(new PutItem(table, a1, null, ReturnValues.NONE, false, null));
        expected.add(new Expected(ChangeRecord.EventName.INSERT, a1, null, false));
        engine.putItem(new PutItem(table, a2, null, ReturnValues.NONE, false, null));
        expected.add(new Expected(ChangeRecord.EventName.MODIFY, a2, a1, false));
        // the same item again changes nothing: no record
        engine.putItem(new PutItem(table, a2, null, ReturnValues.NONE, false, null));
        ExpressionContext ctx = new ExpressionContext(null, Map.of(":x", n(7)));
        engine.updateItem(new UpdateItem(
                table, item("id", s("a"), "sk", n(1)), ctx.update("SET x = :x"), null, ReturnValues.NONE, false, null));
        Map<String, AttributeValue> a3 = new LinkedHashMap<>(a2);
        a3.put("x", n(7));
        expected.add(new Expected(ChangeRecord.EventName.MODIFY, a3, a2, false));
        Map<String, AttributeValue> b = item("id", s("b"), "sk", n(2), "bin", new AttributeValue.B(new byte[] {1, 2}));
        engine.batchWriteItem(new BatchWriteItem(
                List.of(
                        new BatchWriteItem.Put(table, b),
                        new BatchWriteItem.Delete(table, item("id", s("a"), "sk", n(1)))),
                CapacityReport.NONE));
        expected.add(new Expected(ChangeRecord.EventName.INSERT, b, null, false));
        expected.add(new Expected(ChangeRecord.EventName.REMOVE, null, a3, false));
        Map<String, AttributeValue> c = item("id", s("c"), "sk", n(3), "exp", n(clock.millis() / 1000 + 5));
        engine.transactWriteItems(new TransactWriteItems(
                List.of(
                        new TransactWriteItems.Put(table, c, null, false),
                        new TransactWriteItems.Delete(table, item("id", s("b"), "sk", n(2)), null, false)),
                null,
                null,
                CapacityReport.NONE));
        expected.add(new Expected(ChangeRecord.EventName.INSERT, c, null, false));
        expected.add(new Expected(ChangeRecord.EventName.REMOVE, null, b, false));
        // TTL: the service's delete of the expired item
        engine.updateTimeToLive(table, true, "exp");
        engine.putItem(new PutItem(table, c, null, ReturnValues.NONE, false, null));
        clock.advance(Duration.ofSeconds(10));
        assertThat(engine.ttlSweeper().sweep()).isEqualTo(1);
        expected.add(new Expected(ChangeRecord.EventName.REMOVE, null, c, true));
        return expected;
    }

    private static AttributeValue listOfThree() {
        return new AttributeValue.L(List.of(s("x"), n(3), new AttributeValue.M(Map.of("k", AttributeValue.NULL))));
    }

    private List<KeyValue> storedRecords(TableMeta table) {
        StreamState stream = log.state(table.name(), table.latestStreamLabel());
        try (ReadView view = store.snapshot()) {
            return view.scan(StreamKeys.allOfStream(stream.id(), "rec"), 1000, false);
        }
    }

    @Test
    void everyViewTypeStoresTheBytesTheCodecMakesOfItsImages() {
        for (StreamViewType view : StreamViewType.values()) {
            TableMeta table = create("t-" + view.name().toLowerCase(), view);
            List<Expected> expected = writeEverything(table.name());
            List<ChangeRecord> records = new ArrayList<>();
            for (KeyValue kv : storedRecords(table)) {
                ChangeRecord r = RecordCodec.decode(StreamKeys.seqOf(kv.key()), view, kv.value());
                records.add(r);
                byte[] byMaps = RecordCodec.encode(
                        r.eventName(),
                        r.byService(),
                        r.approximateCreationMillis(),
                        Long.parseUnsignedLong(r.eventId(), 0, 16, 16),
                        Long.parseUnsignedLong(r.eventId(), 16, 32, 16),
                        r.keys(),
                        r.newImage(),
                        r.oldImage(),
                        r.sizeBytes());
                assertThat(kv.value()).as("record %d of %s", r.sequence(), view).isEqualTo(byMaps);
            }
            // records are spread over shards by partition key: compare in the order of the writes
            records.sort((x, y) -> Long.compare(x.sequence(), y.sequence()));
            assertThat(records).as("%s", view).hasSize(expected.size());
            for (Expected e : expected) {
                ChangeRecord r = find(records, e);
                Map<String, AttributeValue> source = e.newImage() != null ? e.newImage() : e.oldImage();
                Map<String, AttributeValue> keys = item("id", source.get("id"), "sk", source.get("sk"));
                Map<String, AttributeValue> newImage = view.hasNewImage() ? e.newImage() : null;
                Map<String, AttributeValue> oldImage = view.hasOldImage() ? e.oldImage() : null;
                assertThat(r.keys()).isEqualTo(keys);
                assertThat(r.newImage())
                        .as("new image of %s in %s", e.name(), view)
                        .isEqualTo(newImage);
                assertThat(r.oldImage())
                        .as("old image of %s in %s", e.name(), view)
                        .isEqualTo(oldImage);
                assertThat(r.byService()).isEqualTo(e.byService());
                assertThat(r.sizeBytes())
                        .as("size of %s in %s", e.name(), view)
                        .isEqualTo(Items.size(keys)
                                + (newImage == null ? 0 : Items.size(newImage))
                                + (oldImage == null ? 0 : Items.size(oldImage)));
                records.remove(r);
            }
        }
    }

    /** The first record (in sequence order within its shard) of the expected event and key. */
    private static ChangeRecord find(List<ChangeRecord> records, Expected e) {
        Map<String, AttributeValue> source = e.newImage() != null ? e.newImage() : e.oldImage();
        for (ChangeRecord r : records) {
            if (r.eventName() == e.name() && r.keys().get("id").equals(source.get("id"))) {
                return r;
            }
        }
        throw new AssertionError("no " + e.name() + " record of " + source.get("id") + " in " + records);
    }
}
