package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the stored forms of a function's configuration ({@link FunctionRecords}, versions 1 and 2).
 * Data directories depend on these bytes; a change must add a version, not alter these.
 */
class StoredFunctionFormatTest {
    /** Version 2: version 1 followed by the dead-letter queue. */
    static final String GOLDEN_V2 =
            "02000e6f72646572732d68616e646c657201000000066a6176613231002061726e3a6177733a69616d3a3a3030303030303030303030303a726f6c652f72010000001b6578616d706c652e4563686f3a3a68616e646c6552657175657374000c64c3a9736372697074696f6e0000001e000002000000000200000001410000000131000000014200000001320008633268684d6a55320000000000001000001c323032362d31322d30325432313a30303a30302e3030302b3030303000057265762d3100064163746976650000000a5375636365737366756c00000000000100067838365f36340000020000000001000000047465616d000000087061796d656e747300000007010000002d61726e3a6177733a7371733a75732d656173742d313a3030303030303030303030303a6f72646572732d646c71";

    /** Version 3: version 2 followed by the layers. */
    static final String GOLDEN_V3 =
            "03000e6f72646572732d68616e646c657201000000066a6176613231002061726e3a6177733a69616d3a3a3030303030303030303030303a726f6c652f72010000001b6578616d706c652e4563686f3a3a68616e646c6552657175657374000c64c3a9736372697074696f6e0000001e000002000000000200000001410000000131000000014200000001320008633268684d6a55320000000000001000001c323032362d31322d30325432313a30303a30302e3030302b3030303000057265762d3100064163746976650000000a5375636365737366756c00000000000100067838365f36340000020000000001000000047465616d000000087061796d656e747300000007010000002d61726e3a6177733a7371733a75732d656173742d313a3030303030303030303030303a6f72646572732d646c7100000001003261726e3a6177733a6c616d6264613a75732d656173742d313a3030303030303030303030303a6c617965723a7574696c3a32000000000000000a000463326868";

    /** Version 1, written before functions had a dead-letter queue. */
    static final String GOLDEN =
            "01000e6f72646572732d68616e646c657201000000066a6176613231002061726e3a6177733a69616d3a3a3030303030303030303030303a726f6c652f72010000001b6578616d706c652e4563686f3a3a68616e646c6552657175657374000c64c3a9736372697074696f6e0000001e000002000000000200000001410000000131000000014200000001320008633268684d6a55320000000000001000001c323032362d31322d30325432313a30303a30302e3030302b3030303000057265762d3100064163746976650000000a5375636365737366756c00000000000100067838365f36340000020000000001000000047465616d000000087061796d656e747300000007";

    private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:orders-dlq";

    static FunctionConfig sample() {
        return sample(null);
    }

    static FunctionConfig sample(String deadLetterTarget) {
        return new FunctionConfig(
                "orders-handler",
                "java21",
                "arn:aws:iam::000000000000:role/r",
                "example.Echo::handleRequest",
                "d\u00e9scription",
                30,
                512,
                Map.of("B", "2", "A", "1"),
                "c2hhMjU2",
                4096,
                "2026-12-02T21:00:00.000+0000",
                "rev-1",
                FunctionConfig.State.Active,
                null,
                null,
                FunctionConfig.LastUpdateStatus.Successful,
                null,
                null,
                List.of("x86_64"),
                512,
                Map.of("team", "payments"),
                7,
                deadLetterTarget);
    }

    @Test
    void versionOneStillDecodesToAFunctionWithoutDeadLetterQueue() {
        assertThat(FunctionRecords.decode(HexFormat.of().parseHex(GOLDEN))).isEqualTo(sample());
    }

    @Test
    void theEncoderWritesVersionThree() {
        assertThat(HexFormat.of().formatHex(FunctionRecords.encode(layered()))).isEqualTo(GOLDEN_V3);
        assertThat(FunctionRecords.decode(HexFormat.of().parseHex(GOLDEN_V3))).isEqualTo(layered());
    }

    private static FunctionConfig layered() {
        FunctionConfig c = sample(DLQ);
        return new FunctionConfig(
                c.name(),
                c.runtime(),
                c.role(),
                c.handler(),
                c.description(),
                c.timeout(),
                c.memorySize(),
                c.environment(),
                c.codeSha256(),
                c.codeSize(),
                c.lastModified(),
                c.revisionId(),
                c.state(),
                c.stateReason(),
                c.stateReasonCode(),
                c.lastUpdateStatus(),
                c.lastUpdateStatusReason(),
                c.lastUpdateStatusReasonCode(),
                c.architectures(),
                c.ephemeralStorageSize(),
                c.tags(),
                c.reservedConcurrency(),
                c.deadLetterTarget(),
                List.of(new FunctionLayer("arn:aws:lambda:us-east-1:000000000000:layer:util:2", 10, "c2hh")));
    }

    @Test
    void versionTwoDecodesWithItsDeadLetterQueue() {
        assertThat(FunctionRecords.decode(HexFormat.of().parseHex(GOLDEN_V2))).isEqualTo(sample(DLQ));
    }

    @Test
    void aFunctionWithoutDeadLetterQueueRoundTrips() {
        assertThat(FunctionRecords.decode(FunctionRecords.encode(sample()))).isEqualTo(sample());
    }
}
