package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the stored forms of asynchronous invocation ({@link AsyncRecords}, version 1): event invoke
 * configurations and queued events. Data directories depend on these bytes; a change must add a
 * version, not alter this one.
 */
class StoredAsyncFormatTest {
    static final String CONFIG_GOLDEN =
            "0100066f72646572730007244c415445535400000001ffffffff00010000002961726e3a6177733a7371733a75732d656173742d313a3030303030303030303030303a6661696c6564000001a0c4506c7b";
    static final String EVENT_GOLDEN =
            "0100066f7264657273002436663163303030302d303030302d343030302d383030302d303030303030303030303031003561726e3a6177733a6c616d6264613a75732d656173742d313a3030303030303030303030303a66756e6374696f6e3a6f7264657273000000087b226964223a317d000001a0c4506c00000001a0c451566000000001000000020100000009556e68616e646c656401000000147b226572726f724d657373616765223a2278227d";

    static EventInvokeConfig config() {
        return new EventInvokeConfig(
                "orders", "$LATEST", 1, null, null, "arn:aws:sqs:us-east-1:000000000000:failed", 1_790_000_000_123L);
    }

    static QueuedEvent event() {
        return new QueuedEvent(
                "orders",
                "6f1c0000-0000-4000-8000-000000000001",
                "arn:aws:lambda:us-east-1:000000000000:function:orders",
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
                1_790_000_000_000L,
                1_790_000_060_000L,
                1,
                2,
                FunctionErrorType.Unhandled,
                "{\"errorMessage\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void configurationBytes() {
        assertThat(HexFormat.of().formatHex(AsyncRecords.encodeConfig(config())))
                .isEqualTo(CONFIG_GOLDEN);
        assertThat(AsyncRecords.decodeConfig(HexFormat.of().parseHex(CONFIG_GOLDEN)))
                .isEqualTo(config());
    }

    @Test
    void eventBytes() {
        assertThat(HexFormat.of().formatHex(AsyncRecords.encodeEvent(event()))).isEqualTo(EVENT_GOLDEN);
        assertThat(AsyncRecords.decodeEvent(HexFormat.of().parseHex(EVENT_GOLDEN)))
                .isEqualTo(event());
    }

    @Test
    void anEventWithoutResponseRoundTrips() {
        QueuedEvent fresh = QueuedEvent.accepted("f", "id", "arn", new byte[] {'1'}, 5);
        assertThat(AsyncRecords.decodeEvent(AsyncRecords.encodeEvent(fresh))).isEqualTo(fresh);
    }
}
