package dev.eddy.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.StoreException;
import dev.eddy.stream.StartingPosition;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored form of a mapping: frozen bytes, a round trip, and refusal of unknown bytes. */
class MappingCodecTest {
    static final Mapping SAMPLE = new Mapping(
            "a1b2c3d4-5678-90ab-cdef-111111111111",
            "arn:aws:dynamodb:us-east-1:000000000000:table/t1/stream/2025-02-22T03:03:03.123",
            "arn:aws:lambda:us-east-1:000000000000:function:f1",
            StartingPosition.TRIM_HORIZON,
            new MappingSettings(
                    false,
                    10,
                    2,
                    3,
                    4,
                    60,
                    true,
                    5,
                    List.of("ReportBatchItemFailures"),
                    "arn:aws:sqs:us-east-1:000000000000:q",
                    List.of("{\"a\":[\"b\"]}"),
                    null,
                    null),
            MappingState.DISABLING,
            "User action",
            "OK",
            1_740_193_383_531L,
            Map.of("k", "v"));

    /** Format 1 as written by the first release with mappings; it must stay readable as it is. */
    static final String GOLDEN =
            "010000002461316232633364342d353637382d393061622d636465662d3131313131313131313131310000004f61726e"
                    + "3a6177733a64796e616d6f64623a75732d656173742d313a3030303030303030303030303a7461626c652f74312f7374"
                    + "7265616d2f323032352d30322d32325430333a30333a30332e3132330000003161726e3a6177733a6c616d6264613a75"
                    + "732d656173742d313a3030303030303030303030303a66756e6374696f6e3a66310000000c5452494d5f484f52495a4f"
                    + "4e0000000944697361626c696e670000000b5573657220616374696f6e000000024f4b000001952b9bc46b000000000a"
                    + "0000000200000003000000040000003c010000000500000001000000175265706f727442617463684974656d4661696c"
                    + "757265730000002461726e3a6177733a7371733a75732d656173742d313a3030303030303030303030303a7100000001"
                    + "0000000b7b2261223a5b2262225d7dffffffffffffffff00000001000000016b0000000176";

    @Test
    void formatOneIsFrozen() {
        assertThat(HexFormat.of().formatHex(MappingCodec.encode(SAMPLE))).isEqualTo(GOLDEN);
        assertThat(MappingCodec.decode(HexFormat.of().parseHex(GOLDEN))).isEqualTo(SAMPLE);
    }

    @Test
    void defaultsRoundTrip() {
        Mapping m = new Mapping(
                "00000000-0000-0000-0000-000000000001",
                SAMPLE.eventSourceArn(),
                SAMPLE.functionArn() + ":$LATEST",
                StartingPosition.LATEST,
                MappingSettings.DEFAULTS,
                MappingState.CREATING,
                Mapping.USER_ACTION,
                Mapping.NO_RECORDS_PROCESSED,
                0,
                Map.of());
        assertThat(MappingCodec.decode(MappingCodec.encode(m))).isEqualTo(m);
    }

    @Test
    void unknownFormatsAndTruncatedBytesAreRefused() {
        byte[] bytes = MappingCodec.encode(SAMPLE);
        bytes[0] = 2;
        assertThatThrownBy(() -> MappingCodec.decode(bytes)).isInstanceOf(StoreException.class);
        byte[] cut = java.util.Arrays.copyOf(MappingCodec.encode(SAMPLE), 40);
        assertThatThrownBy(() -> MappingCodec.decode(cut)).isInstanceOf(StoreException.class);
    }
}
