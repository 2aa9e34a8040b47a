package dev.eddy.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.StoreException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden bytes of the queue package's stored forms: every format must read the same forever. */
class QueueCodecTest {
    static final QueueDescriptor QUEUE = new QueueDescriptor(
            3, "jobs", 1772323200000L, 1772323201000L, Map.of("DelaySeconds", "5"), Map.of("k", "v"));
    static final StoredMessage MESSAGE;

    static {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put("s", MessageAttribute.string("x"));
        attributes.put("b", new MessageAttribute("Binary", null, new byte[] {1, 2}));
        MESSAGE = new StoredMessage(
                "m1", "hi", attributes, null, 1772323200000L, 2, 1772323200500L, 1772323230500L, 7L, "arn");
    }

    static final String QUEUE_V1 = "01" + "0000000000000003" + "00000004" + "6a6f6273" + "0000019ca6b1dc00"
            + "0000019ca6b1dfe8" + "00000001" + "0000000c" + "44656c61795365636f6e6473" + "00000001" + "35"
            + "00000001" + "00000001" + "6b" + "00000001" + "76";
    static final String MESSAGE_V1 = "01" + "00000002" + "6d31" + "00000002" + "6869" + "00000002"
            + "00000001" + "62" + "00000006" + "42696e617279" + "ffffffff" + "00000002" + "0102"
            + "00000001" + "73" + "00000006" + "537472696e67" + "00000001" + "78" + "ffffffff"
            + "ffffffff" + "0000019ca6b1dc00" + "00000002" + "0000019ca6b1ddf4" + "0000019ca6b25324"
            + "0000000000000007" + "00000003" + "61726e";

    @Test
    void format1OfAQueue() {
        assertThat(HexFormat.of().formatHex(QueueCodec.encode(QUEUE))).isEqualTo(QUEUE_V1);
        assertThat(QueueCodec.decodeQueue(HexFormat.of().parseHex(QUEUE_V1))).isEqualTo(QUEUE);
    }

    @Test
    void format1OfAMessage() {
        assertThat(HexFormat.of().formatHex(QueueCodec.encode(MESSAGE))).isEqualTo(MESSAGE_V1);
        assertThat(QueueCodec.decodeMessage(HexFormat.of().parseHex(MESSAGE_V1)))
                .isEqualTo(MESSAGE);
    }

    static final StoredMessage GROUPED = new StoredMessage(
            "m2", "hi", Map.of(), null, 1772323200000L, 0, 0, 1772323200000L, 0, null, "g", "d", 1772323200000000001L);
    static final String MESSAGE_V2 = "02" + "00000002" + "6d32" + "00000002" + "6869" + "00000000" + "ffffffff"
            + "0000019ca6b1dc00" + "00000000" + "0000000000000000" + "0000019ca6b1dc00" + "0000000000000000"
            + "ffffffff" + "00000001" + "67" + "00000001" + "64" + "18988e8f6b2f0001";

    @Test
    void format2OfAMessageWithGroupDeduplicationIdAndSequenceNumber() {
        assertThat(HexFormat.of().formatHex(QueueCodec.encode(GROUPED))).isEqualTo(MESSAGE_V2);
        assertThat(QueueCodec.decodeMessage(HexFormat.of().parseHex(MESSAGE_V2)))
                .isEqualTo(GROUPED);
        // a message without any of the three is still written in format 1
        assertThat(QueueCodec.encode(MESSAGE)[0]).isEqualTo((byte) 1);
    }

    @Test
    void bytesOfNoKnownFormatAreRefused() {
        assertThatThrownBy(() -> QueueCodec.decodeQueue(new byte[] {2})).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> QueueCodec.decodeMessage(new byte[] {1, 0})).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> QueueCodec.decodeMessage(new byte[] {3})).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> QueueCodec.decodeLong(new byte[3])).isInstanceOf(StoreException.class);
    }
}
