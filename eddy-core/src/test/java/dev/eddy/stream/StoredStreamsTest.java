package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.arn.Account;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.table.StreamViewType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Streams stored by the code that wrote stream metadata as JSON still open: the whole stream
 * keyspace it left behind ({@code golden/stream-keyspace.hex}: two tables, a rollover, a disabled
 * stream) reads to the same lineage and records, and a rollover made now stores the new format
 * beside the old one.
 */
class StoredStreamsTest {
    private static final String ALPHA =
            "arn:aws:dynamodb:us-east-1:000000000000:table/alpha/stream/" + "2026-03-01T00:00:00.000";
    private static final String BETA =
            "arn:aws:dynamodb:us-east-1:000000000000:table/beta/stream/" + "2026-03-01T01:00:10.000";

    private final AtomicLong now =
            new AtomicLong(Instant.parse("2026-03-01T01:30:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final StreamConfig config =
            StreamConfig.defaults().withShardsPerTable(2).withShardLifetime(Duration.ofHours(1));

    private static Store storedByTheJsonFormat() {
        Store store = new MemoryStore();
        String dump = new String(StreamCodecTest.golden("stream-keyspace.hex"), StandardCharsets.US_ASCII);
        store.run(tx -> {
            for (String line : dump.strip().split("\n")) {
                String[] kv = line.split(" ");
                tx.put(HexFormat.of().parseHex(kv[0]), HexFormat.of().parseHex(kv[1]));
            }
            return null;
        });
        return store;
    }

    private ChangeLog open(Store store) {
        return new ChangeLog(store, clock, Account.DEFAULT, config);
    }

    private static List<String> ids(StreamReader reader, StreamShard shard) {
        return reader.read(reader.position(shard.shard(), ShardIteratorType.TRIM_HORIZON), 100).records().stream()
                .map(r -> ((AttributeValue.S) r.keys().get("id")).value())
                .toList();
    }

    @Test
    void theLineageAndRecordsReadAsTheyWereWritten() {
        ChangeLog log = open(storedByTheJsonFormat());
        StreamReader reader = log.reader();
        List<StreamShard> lineage = reader.lineage(reader.stream(ALPHA));
        assertThat(lineage)
                .extracting(s -> s.shard().shardId())
                .containsExactly(
                        "shardId-00000001772323200000-b6cdfff1", "shardId-00000001772323200000-b7cdfff1",
                        "shardId-00000001772326806000-b6cdfff0", "shardId-00000001772326806000-b7cdfff0");
        assertThat(lineage)
                .extracting(StreamShard::parentShardId)
                .containsExactly(
                        null, null, "shardId-00000001772323200000-b6cdfff1", "shardId-00000001772323200000-b7cdfff1");
        assertThat(lineage)
                .extracting(StreamShard::end)
                .containsExactly(1772323201000002L, 1772323201000004L, -1L, -1L);
        assertThat(lineage.get(2).start()).isEqualTo(1772323201000003L);
        assertThat(ids(reader, lineage.get(0))).containsExactly("k0", "k1");
        assertThat(ids(reader, lineage.get(1))).containsExactly("k2", "k3", "k4", "k5");
        assertThat(ids(reader, lineage.get(2))).containsExactly("k0", "k1");
        assertThat(ids(reader, lineage.get(3))).containsExactly("k2", "k3");

        ChangeRecord first = reader.read(reader.position(lineage.get(0).shard(), ShardIteratorType.TRIM_HORIZON), 1)
                .records()
                .getFirst();
        assertThat(first)
                .isEqualTo(new ChangeRecord(
                        1772323201000001L,
                        "5297c6e70c76842d29fed4839144b190",
                        ChangeRecord.EventName.INSERT,
                        1772323201000L,
                        Map.of("id", new AttributeValue.S("k0")),
                        Map.of("id", new AttributeValue.S("k0"), "v", new AttributeValue.N(new BigDecimal(0))),
                        null,
                        StreamViewType.NEW_AND_OLD_IMAGES,
                        10,
                        false));
    }

    @Test
    void theDisabledStreamDescribesAsItDid() {
        StreamDescription d = open(storedByTheJsonFormat()).api().describe(BETA, 100, null, null);
        assertThat(d.status()).isEqualTo("DISABLED");
        assertThat(d.viewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(d.createdMillis()).isEqualTo(1772326810000L);
        assertThat(d.hashKey()).isEqualTo("id");
        assertThat(d.rangeKey()).isEqualTo("sk");
        assertThat(d.shards())
                .containsExactly(
                        new ShardInfo(
                                "shardId-00000001772326810000-dcbad1af",
                                null,
                                "100001772326810000001",
                                "100001772326811000000"),
                        new ShardInfo(
                                "shardId-00000001772326810000-ddbad1af",
                                null,
                                "100001772326810000001",
                                "100001772326811000001"));
        assertThat(open(storedByTheJsonFormat())
                        .api()
                        .listStreams(null, null, 10)
                        .items())
                .extracting(StreamSummary::streamArn)
                .containsExactly(ALPHA, BETA);
    }

    @Test
    void aRolloverNowStoresTheNewFormatBesideTheOld() {
        Store store = storedByTheJsonFormat();
        now.addAndGet(Duration.ofHours(1).toMillis());
        open(store).maintain();
        try (ReadView view = store.snapshot()) {
            // by partition, then generation: generation 0 stays as it was, 1 was closed now, 2 is new
            assertThat(view.scan(StreamKeys.shards(1), 0, false))
                    .extracting(kv -> kv.value()[0])
                    .containsExactly(
                            (byte) '{',
                            StreamCodec.FORMAT,
                            StreamCodec.FORMAT,
                            (byte) '{',
                            StreamCodec.FORMAT,
                            StreamCodec.FORMAT);
        }
        StreamReader reader = open(store).reader();
        List<StreamShard> lineage = reader.lineage(reader.stream(ALPHA));
        assertThat(lineage).hasSize(6);
        assertThat(lineage)
                .filteredOn(s -> !s.closed())
                .extracting(s -> s.shard().generation())
                .containsExactly(2, 2);
        assertThat(ids(reader, lineage.get(2))).containsExactly("k0", "k1");
    }
}
