package dev.eddy.stream;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Shard iterators: {@code <streamArn>|1|<base64 of stream id, partition, generation, position,
 * issue time>}. Opaque to clients; the position is the last sequence number already passed.
 */
final class ShardIterators {
    private static final Base64.Encoder ENC = Base64.getEncoder();
    private static final Base64.Decoder DEC = Base64.getDecoder();
    private static final long MAGIC = 0x4544445953544d31L;

    private ShardIterators() {}

    record Decoded(String arn, long streamId, int partition, int generation, long after, long issuedMillis) {}

    static String encode(String arn, long streamId, int partition, int generation, long after, long issuedMillis) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 4 + 4 + 8 + 8);
        b.putLong(MAGIC)
                .putLong(streamId)
                .putInt(partition)
                .putInt(generation)
                .putLong(after)
                .putLong(issuedMillis);
        return arn + "|1|" + ENC.encodeToString(b.array());
    }

    /** The iterator's parts, or null when it is not one of ours. */
    static Decoded decode(String iterator) {
        int bar = iterator.lastIndexOf("|1|");
        if (bar < 0) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = DEC.decode(iterator.substring(bar + 3));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length != 40) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getLong() != MAGIC) {
            return null;
        }
        return new Decoded(iterator.substring(0, bar), b.getLong(), b.getInt(), b.getInt(), b.getLong(), b.getLong());
    }
}
