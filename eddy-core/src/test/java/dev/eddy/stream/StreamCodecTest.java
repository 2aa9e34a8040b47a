package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.store.StoreException;
import dev.eddy.table.StreamViewType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of every stored form of the stream package. The {@code golden/*.json} and
 * {@code record-v1.bin} resources were written by the code that stored stream metadata as JSON
 * (format 0), before {@link StreamCodec} existed: they must read to the same values forever. The
 * hex constants pin format 1.
 */
class StreamCodecTest {
    static final StreamDescriptor ORDERS = new StreamDescriptor(
            7,
            "orders",
            "0f8fad5b-d9cb-469f-a165-70867728950e",
            "2026-03-01T00:00:00.000",
            StreamViewType.NEW_AND_OLD_IMAGES,
            "pk",
            "sk",
            1772323200000L,
            4,
            -1640531527,
            false,
            0);
    static final StreamDescriptor DISABLED = new StreamDescriptor(
            8,
            "t\u00e9l\u00e9-\"q\"",
            "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            "2026-03-02T10:11:12.345",
            StreamViewType.KEYS_ONLY,
            "id",
            null,
            1772446272345L,
            1,
            123456789,
            true,
            1772450000000L);
    static final ShardState OPEN = new ShardState(0, 0, 1772323200000L, -1, 1772323200000001L, -1);
    static final ShardState CLOSED =
            new ShardState(3, 2, 1772337600000L, 1772330400000L, 1772323200000123L, 1772323200000456L);

    static final String ORDERS_V1 = "01" + "0000000000000007" + "00000006" + "6f7264657273"
            + "00000024" + "30663866616435622d643963622d343639662d613136352d373038363737323839353065"
            + "00000017" + "323032362d30332d30315430303a30303a30302e303030"
            + "00000012" + "4e45575f414e445f4f4c445f494d41474553" + "00000002" + "706b" + "00000002" + "736b"
            + "0000019ca6b1dc00" + "00000004" + "9e3779b9" + "00" + "0000000000000000";
    static final String DISABLED_V1 = "01" + "0000000000000008" + "0000000a" + "74c3a96cc3a92d227122"
            + "00000024" + "37633965363637392d373432352d343064652d393434622d653037666331663930616537"
            + "00000017" + "323032362d30332d30325431303a31313a31322e333435"
            + "00000009" + "4b4559535f4f4e4c59" + "00000002" + "6964" + "ffffffff"
            + "0000019cae07cb59" + "00000001" + "075bcd15" + "01" + "0000019cae40ac80";
    static final String OPEN_V1 = "01" + "00000000" + "00000000" + "0000019ca6b1dc00" + "ffffffffffffffff"
            + "00064beb26c36001" + "ffffffffffffffff";
    static final String CLOSED_V1 = "01" + "00000003" + "00000002" + "0000019ca78d9600" + "0000019ca71fb900"
            + "00064beb26c3607b" + "00064beb26c361c8";

    static byte[] golden(String name) {
        try (InputStream in = StreamCodecTest.class.getResourceAsStream("golden/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void todaysJsonDescriptorsReadToTheSameValues() {
        assertThat(golden("descriptor-orders.json")).startsWith((byte) '{');
        assertThat(StreamCodec.decodeDescriptor(golden("descriptor-orders.json")))
                .isEqualTo(ORDERS);
        assertThat(StreamCodec.decodeDescriptor(golden("descriptor-disabled.json")))
                .isEqualTo(DISABLED);
    }

    @Test
    void todaysJsonShardStatesReadToTheSameValues() {
        assertThat(StreamCodec.decodeShard(golden("shard-open.json"))).isEqualTo(OPEN);
        assertThat(StreamCodec.decodeShard(golden("shard-closed.json"))).isEqualTo(CLOSED);
    }

    @Test
    void formatOneIsPinnedAndRoundTrips() {
        assertThat(StreamCodec.encode(ORDERS)).isEqualTo(hex(ORDERS_V1));
        assertThat(StreamCodec.encode(DISABLED)).isEqualTo(hex(DISABLED_V1));
        assertThat(StreamCodec.encode(OPEN)).isEqualTo(hex(OPEN_V1));
        assertThat(StreamCodec.encode(CLOSED)).isEqualTo(hex(CLOSED_V1));
        assertThat(StreamCodec.decodeDescriptor(hex(ORDERS_V1))).isEqualTo(ORDERS);
        assertThat(StreamCodec.decodeDescriptor(hex(DISABLED_V1))).isEqualTo(DISABLED);
        assertThat(StreamCodec.decodeShard(hex(OPEN_V1))).isEqualTo(OPEN);
        assertThat(StreamCodec.decodeShard(hex(CLOSED_V1))).isEqualTo(CLOSED);
    }

    @Test
    void numbersAreEightBytesBigEndian() {
        assertThat(StreamCodec.encodeLong(0x0102030405060708L)).isEqualTo(hex("0102030405060708"));
        assertThat(StreamCodec.decodeLong(hex("00000000000004d2"))).isEqualTo(1234);
        assertThatThrownBy(() -> StreamCodec.decodeLong(hex("01000000000004d2ff")))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void todaysStreamRecordsReadToTheSameValues() {
        ChangeRecord r = RecordCodec.decode(99, StreamViewType.NEW_IMAGE, golden("record-v1.bin"));
        assertThat(r)
                .isEqualTo(new ChangeRecord(
                        99,
                        "0123456789abcdef7edcba9876543210",
                        ChangeRecord.EventName.MODIFY,
                        1772323200123L,
                        Map.of("pk", new AttributeValue.S("a")),
                        Map.of("pk", new AttributeValue.S("a"), "n", new AttributeValue.N(new BigDecimal("42"))),
                        null,
                        StreamViewType.NEW_IMAGE,
                        17,
                        true));
        assertThat(RecordCodec.createdMillis(golden("record-v1.bin"))).isEqualTo(1772323200123L);
        byte[] again = RecordCodec.encode(
                r.eventName(),
                r.byService(),
                r.approximateCreationMillis(),
                0x0123456789abcdefL,
                0x7edcba9876543210L,
                r.keys(),
                r.newImage(),
                r.oldImage(),
                r.sizeBytes());
        assertThat(RecordCodec.decode(99, StreamViewType.NEW_IMAGE, again)).isEqualTo(r);
    }

    @Test
    void aRecordMadeFromStoredItemBytesIsTodaysRecordByteForByte() {
        byte[] golden = golden("record-v1.bin");
        ChangeRecord r = RecordCodec.decode(99, StreamViewType.NEW_IMAGE, golden);
        byte[] fromItemBytes = RecordCodec.encode(
                r.eventName(),
                r.byService(),
                r.approximateCreationMillis(),
                0x0123456789abcdefL,
                0x7edcba9876543210L,
                ItemCodec.encode(r.keys()),
                ItemCodec.encode(r.newImage()),
                null,
                r.sizeBytes());
        assertThat(fromItemBytes).isEqualTo(golden);
        byte[] fromMaps = RecordCodec.encode(
                r.eventName(),
                r.byService(),
                r.approximateCreationMillis(),
                0x0123456789abcdefL,
                0x7edcba9876543210L,
                r.keys(),
                r.newImage(),
                r.oldImage(),
                r.sizeBytes());
        assertThat(fromMaps).isEqualTo(golden);
    }

    @Test
    void recordKeysFromTheLineagePrefixAreTheTupleKeys() {
        for (long stream : new long[] {1, 255, 70_000}) {
            for (int partition : new int[] {0, 3, 300}) {
                byte[] prefix = StreamKeys.recordPrefix(stream, partition);
                for (long seq : new long[] {0, 1, 255, 256, 65_536, 1772323201000002L, Long.MAX_VALUE}) {
                    assertThat(StreamKeys.record(prefix, seq))
                            .as("stream %d partition %d seq %d", stream, partition, seq)
                            .isEqualTo(StreamKeys.record(stream, partition, seq));
                    assertThat(StreamKeys.seqOf(StreamKeys.record(prefix, seq))).isEqualTo(seq);
                }
            }
        }
    }

    @Test
    void unknownFormatsAndDamagedBytesFailLoudly() {
        byte[] future = hex(OPEN_V1);
        future[0] = 2;
        assertThatThrownBy(() -> StreamCodec.decodeShard(future))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("format 2");
        byte[] shortened = java.util.Arrays.copyOf(hex(ORDERS_V1), 40);
        assertThatThrownBy(() -> StreamCodec.decodeDescriptor(shortened)).isInstanceOf(StoreException.class);
        byte[] longer = java.util.Arrays.copyOf(hex(CLOSED_V1), hex(CLOSED_V1).length + 1);
        assertThatThrownBy(() -> StreamCodec.decodeShard(longer)).isInstanceOf(StoreException.class);
        byte[] renamed = new String(golden("shard-open.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"start\"", "\"begin\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StreamCodec.decodeShard(renamed))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("start");
    }
}
