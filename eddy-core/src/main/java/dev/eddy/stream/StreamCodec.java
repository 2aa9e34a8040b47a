package dev.eddy.stream;

import dev.eddy.store.StoreException;
import dev.eddy.table.StreamViewType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The stored forms of the stream package's metadata. FROZEN once written; a new format gets the
 * next version byte, and the readers of every earlier format stay.
 *
 * <p>A {@link StreamDescriptor} (at {@code ("desc", table, label)}) and a {@link ShardState} (at
 * {@code ("shard", stream, partition, generation)}) start with a format byte:
 * <ul>
 * <li>format 1: byte 1, then the fields in the order of the record's components, big-endian:
 *     {@code long}s in 8 bytes, {@code int}s in 4, strings as a 4-byte length (-1 for null) and
 *     UTF-8, the descriptor's {@code disabled} as one byte (0 or 1).</li>
 * <li>format 0, written before format 1 existed: a JSON object of the record's components
 *     ({@link StreamJsonV0}); recognised by its first byte, {@code '{'}.</li>
 * </ul>
 *
 * <p>The trim floor ({@code ("trim", stream, partition)}) and the last stream id handed out
 * ({@code ("next-id")}) are 8-byte big-endian numbers with no format byte; a later format of
 * either must be longer than 8 bytes and start with its version. Stream records have their own
 * codec, {@link RecordCodec}.
 *
 * <p>Stateless; decoding fails with {@link StoreException} on bytes of no known format.
 */
final class StreamCodec {
    static final byte FORMAT = 1;
    private static final byte JSON_V0 = '{';

    private StreamCodec() {}

    static byte[] encode(StreamDescriptor d) {
        byte[][] strings = utf8(
                d.tableName(),
                d.tableUuid(),
                d.label(),
                d.viewType() == null ? null : d.viewType().name(),
                d.hashKey(),
                d.rangeKey());
        int size = 1 + 8 + 8 + 4 + 4 + 1 + 8;
        for (byte[] s : strings) {
            size += 4 + (s == null ? 0 : s.length);
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(FORMAT).putLong(d.id());
        for (byte[] s : strings) {
            putString(b, s);
        }
        b.putLong(d.createdMillis())
                .putInt(d.partitions())
                .putInt(d.salt())
                .put((byte) (d.disabled() ? 1 : 0))
                .putLong(d.disabledMillis());
        return b.array();
    }

    static StreamDescriptor decodeDescriptor(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == JSON_V0) {
            return StreamJsonV0.descriptor(bytes);
        }
        try {
            ByteBuffer b = open(bytes, "stream descriptor");
            StreamDescriptor d = new StreamDescriptor(
                    b.getLong(),
                    getString(b),
                    getString(b),
                    getString(b),
                    StreamViewType.fromWire(getString(b)),
                    getString(b),
                    getString(b),
                    b.getLong(),
                    b.getInt(),
                    b.getInt(),
                    getFlag(b),
                    b.getLong());
            return finish(b, d, "stream descriptor");
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw unreadable("stream descriptor", e);
        }
    }

    static byte[] encode(ShardState s) {
        return ByteBuffer.allocate(1 + 4 + 4 + 8 * 4)
                .put(FORMAT)
                .putInt(s.partition())
                .putInt(s.generation())
                .putLong(s.createdMillis())
                .putLong(s.parentCreatedMillis())
                .putLong(s.start())
                .putLong(s.end())
                .array();
    }

    static ShardState decodeShard(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == JSON_V0) {
            return StreamJsonV0.shard(bytes);
        }
        try {
            ByteBuffer b = open(bytes, "shard state");
            ShardState s = new ShardState(b.getInt(), b.getInt(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
            return finish(b, s, "shard state");
        } catch (BufferUnderflowException e) {
            throw unreadable("shard state", e);
        }
    }

    /** A trim floor or stream id. */
    static byte[] encodeLong(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long decodeLong(byte[] bytes) {
        if (bytes.length != 8) {
            throw new StoreException("unreadable stream number of " + bytes.length + " bytes", null);
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    private static ByteBuffer open(byte[] bytes, String what) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new StoreException("unknown " + what + " format " + format, null);
        }
        return b;
    }

    private static <T> T finish(ByteBuffer b, T value, String what) {
        if (b.hasRemaining()) {
            throw new StoreException("unreadable " + what + ": " + b.remaining() + " bytes left over", null);
        }
        return value;
    }

    static StoreException unreadable(String what, Exception cause) {
        return new StoreException("unreadable " + what, cause);
    }

    private static byte[][] utf8(String... values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static void putString(ByteBuffer b, byte[] s) {
        if (s == null) {
            b.putInt(-1);
        } else {
            b.putInt(s.length).put(s);
        }
    }

    private static String getString(ByteBuffer b) {
        int len = b.getInt();
        if (len < -1 || len > b.remaining()) {
            throw new IllegalArgumentException("bad string length " + len);
        }
        if (len < 0) {
            return null;
        }
        String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    private static boolean getFlag(ByteBuffer b) {
        byte flag = b.get();
        if (flag != 0 && flag != 1) {
            throw new IllegalArgumentException("bad flag " + flag);
        }
        return flag == 1;
    }
}
