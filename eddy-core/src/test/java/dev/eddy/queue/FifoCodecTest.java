package dev.eddy.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.StoreException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes of format 1 of the FIFO records: they must read the same forever. */
class FifoCodecTest {
    static final FifoCodec.Group GROUP =
            new FifoCodec.Group(1772323200000000001L, 1772323200000000001L, 1772323230000L, 1772323200000L, "m1");
    static final String GROUP_V1 =
            "01" + "1c18988e8f6b2f0001" + "1c18988e8f6b2f0001" + "1a019ca6b25130" + "1a019ca6b1dc00" + "026d3100";
    static final FifoCodec.Ref REF = new FifoCodec.Ref(1772323200000L, "m1");
    static final String REF_V1 = "01" + "1a019ca6b1dc00" + "026d3100";
    static final FifoCodec.Dedup DEDUP = new FifoCodec.Dedup(1772323200000L, 1772323200000000001L, "m1");
    static final String DEDUP_V1 = "01" + "1a019ca6b1dc00" + "1c18988e8f6b2f0001" + "026d3100";
    static final FifoCodec.Attempt ATTEMPT =
            new FifoCodec.Attempt(1772323200000L, List.of(new FifoCodec.Received(1772323200000L, "m1", 7)));
    static final String ATTEMPT_V1 = "01" + "1a019ca6b1dc00" + "05" + "1a019ca6b1dc00" + "026d3100" + "1507" + "00";

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void format1OfAGroup() {
        assertThat(hex(FifoCodec.encode(GROUP))).isEqualTo(GROUP_V1);
        assertThat(FifoCodec.decodeGroup(bytes(GROUP_V1))).isEqualTo(GROUP);
    }

    @Test
    void format1OfAnOrderEntry() {
        assertThat(hex(FifoCodec.encode(REF))).isEqualTo(REF_V1);
        assertThat(FifoCodec.decodeRef(bytes(REF_V1))).isEqualTo(REF);
    }

    @Test
    void format1OfADeduplicationRecord() {
        assertThat(hex(FifoCodec.encode(DEDUP))).isEqualTo(DEDUP_V1);
        assertThat(FifoCodec.decodeDedup(bytes(DEDUP_V1))).isEqualTo(DEDUP);
    }

    @Test
    void format1OfAReceiveAttempt() {
        assertThat(hex(FifoCodec.encode(ATTEMPT))).isEqualTo(ATTEMPT_V1);
        assertThat(FifoCodec.decodeAttempt(bytes(ATTEMPT_V1))).isEqualTo(ATTEMPT);
    }

    @Test
    void bytesOfNoKnownFormatAreRefused() {
        assertThatThrownBy(() -> FifoCodec.decodeGroup(new byte[] {2})).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> FifoCodec.decodeRef(new byte[] {1, (byte) 0xff}))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> FifoCodec.decodeDedup(new byte[0])).isInstanceOf(StoreException.class);
    }
}
