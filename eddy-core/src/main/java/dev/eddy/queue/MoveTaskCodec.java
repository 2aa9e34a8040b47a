package dev.eddy.queue;

import dev.eddy.arn.Arn;
import dev.eddy.store.StoreException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a {@link MoveTask}. FROZEN once written; a new format gets the next version
 * byte, and the readers of every earlier format stay.
 *
 * <p>Format 1: byte 1, then the record's components in order, big-endian: {@code long}s in 8
 * bytes, strings as a 4-byte length (-1 for null) and UTF-8; the queues as their ARN text, the
 * rate as an {@code int} (0 when not set), the status as its name.
 *
 * <p>Stateless; decoding fails with {@link StoreException} on bytes of no known format.
 */
final class MoveTaskCodec {
    static final byte FORMAT = 1;

    private MoveTaskCodec() {}

    static byte[] encode(MoveTask t) {
        List<byte[]> strings = new ArrayList<>();
        for (String s : new String[] {
            t.taskId(),
            t.source().toString(),
            t.destination() == null ? null : t.destination().toString(),
            t.status().name(),
            t.failureReason()
        }) {
            strings.add(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }
        int size = 1 + 8 * 5 + 4;
        for (byte[] s : strings) {
            size += 4 + (s == null ? 0 : s.length);
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(FORMAT);
        string(b, strings.get(0));
        b.putLong(t.number());
        string(b, strings.get(1));
        b.putLong(t.sourceQueueId());
        string(b, strings.get(2));
        b.putInt(t.maxPerSecond() == null ? 0 : t.maxPerSecond());
        string(b, strings.get(3));
        b.putLong(t.moved()).putLong(t.toMove()).putLong(t.startedMillis());
        string(b, strings.get(4));
        return b.array();
    }

    static MoveTask decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            throw new StoreException(
                    "unreadable move task: unknown format " + (bytes.length == 0 ? "(empty)" : bytes[0]), null);
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            String taskId = string(b);
            long number = b.getLong();
            Arn.Queue source = queue(string(b));
            long sourceQueueId = b.getLong();
            String destination = string(b);
            int rate = b.getInt();
            MoveTask.Status status = MoveTask.Status.valueOf(string(b));
            MoveTask t = new MoveTask(
                    taskId,
                    number,
                    source,
                    sourceQueueId,
                    destination == null ? null : queue(destination),
                    rate == 0 ? null : rate,
                    status,
                    b.getLong(),
                    b.getLong(),
                    b.getLong(),
                    string(b));
            if (b.hasRemaining()) {
                throw new StoreException("unreadable move task: " + b.remaining() + " bytes too many", null);
            }
            return t;
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new StoreException("unreadable move task", e);
        }
    }

    private static Arn.Queue queue(String arn) {
        return Arn.parse(arn, Arn.Queue.class).orElseThrow(() -> new IllegalArgumentException("bad queue ARN " + arn));
    }

    private static void string(ByteBuffer b, byte[] s) {
        b.putInt(s == null ? -1 : s.length);
        if (s != null) {
            b.put(s);
        }
    }

    private static String string(ByteBuffer b) {
        int n = b.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        byte[] a = new byte[n];
        b.get(a);
        return new String(a, StandardCharsets.UTF_8);
    }
}
