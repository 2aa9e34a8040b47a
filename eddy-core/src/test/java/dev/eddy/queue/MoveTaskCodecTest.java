package dev.eddy.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.store.StoreException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Format 1 of a stored move task, frozen: these bytes must keep decoding to these tasks. */
class MoveTaskCodecTest {
    private static final MoveTask FULL = new MoveTask(
            "t1",
            7,
            Account.DEFAULT.queue("dlq"),
            3,
            Account.DEFAULT.queue("q"),
            5,
            MoveTask.Status.FAILED,
            2,
            9,
            1_000,
            "why");
    private static final MoveTask SPARSE = new MoveTask(
            "t2", 8, Account.DEFAULT.queue("dlq"), 3, null, null, MoveTask.Status.RUNNING, 0, 0, 1_000, null);

    @Test
    void formatOneIsFrozen() {
        String full = "01" + "00000002" + "7431" + "0000000000000007"
                + "00000026" + hex("arn:aws:sqs:us-east-1:000000000000:dlq") + "0000000000000003"
                + "00000024" + hex("arn:aws:sqs:us-east-1:000000000000:q") + "00000005"
                + "00000006" + hex("FAILED") + "0000000000000002" + "0000000000000009" + "00000000000003e8"
                + "00000003" + hex("why");
        assertThat(HexFormat.of().formatHex(MoveTaskCodec.encode(FULL))).isEqualTo(full);
        assertThat(MoveTaskCodec.decode(HexFormat.of().parseHex(full))).isEqualTo(FULL);
        String sparse = "01" + "00000002" + "7432" + "0000000000000008"
                + "00000026" + hex("arn:aws:sqs:us-east-1:000000000000:dlq") + "0000000000000003"
                + "ffffffff" + "00000000"
                + "00000007" + hex("RUNNING") + "0000000000000000" + "0000000000000000" + "00000000000003e8"
                + "ffffffff";
        assertThat(HexFormat.of().formatHex(MoveTaskCodec.encode(SPARSE))).isEqualTo(sparse);
        assertThat(MoveTaskCodec.decode(HexFormat.of().parseHex(sparse))).isEqualTo(SPARSE);
    }

    @Test
    void unknownFormatsAndTruncatedBytesFail() {
        byte[] bytes = MoveTaskCodec.encode(FULL);
        bytes[0] = 2;
        assertThatThrownBy(() -> MoveTaskCodec.decode(bytes)).isInstanceOf(StoreException.class);
        byte[] cut = java.util.Arrays.copyOf(MoveTaskCodec.encode(FULL), 20);
        assertThatThrownBy(() -> MoveTaskCodec.decode(cut)).isInstanceOf(StoreException.class);
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
