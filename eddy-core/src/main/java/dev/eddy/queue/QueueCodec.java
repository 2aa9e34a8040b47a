package dev.eddy.queue;

import dev.eddy.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored forms of the queue package. FROZEN once written; a new format gets the next version
 * byte, and the readers of every earlier format stay.
 *
 * <p>Format 1 of a {@link QueueDescriptor} and of a {@link StoredMessage}: byte 1, then the fields
 * in the order of the record's components, big-endian: {@code long}s in 8 bytes, {@code int}s in
 * 4, strings as a 4-byte length (-1 for null) and UTF-8, byte strings likewise, maps as a 4-byte
 * count and their entries in key order. A message attribute is its name, data type, string value
 * and binary value.
 *
 * <p>Format 2 of a {@link StoredMessage}: byte 2, the fields of format 1, then the group id and the
 * deduplication id (strings) and the sequence number (a {@code long}). A message without any of
 * the three is still written in format 1.
 *
 * <p>The last queue id handed out ({@code ("next-id")}) is an 8-byte big-endian number with no
 * format byte; a visibility entry's value is one byte: 0 while the message was never received, 1
 * after (so that the counts tell delayed from in-flight messages).
 *
 * <p>Stateless; decoding fails with {@link StoreException} on bytes of no known format.
 */
final class QueueCodec {
    static final byte FORMAT = 1;
    static final byte GROUPED_MESSAGE_FORMAT = 2;

    private QueueCodec() {}

    static byte[] encode(QueueDescriptor d) {
        Out out = new Out();
        out.longValue(d.id());
        out.string(d.name());
        out.longValue(d.createdMillis());
        out.longValue(d.modifiedMillis());
        out.strings(d.attributes());
        out.strings(d.tags());
        return out.bytes();
    }

    static QueueDescriptor decodeQueue(byte[] bytes) {
        try {
            ByteBuffer b = open(bytes, "queue descriptor");
            QueueDescriptor d =
                    new QueueDescriptor(b.getLong(), string(b), b.getLong(), b.getLong(), strings(b), strings(b));
            return finish(b, d, "queue descriptor");
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw unreadable("queue descriptor", e);
        }
    }

    static byte[] encode(StoredMessage m) {
        Out out = new Out(m.grouped() ? GROUPED_MESSAGE_FORMAT : FORMAT);
        out.string(m.messageId());
        out.string(m.body());
        out.intValue(m.attributes().size());
        for (Map.Entry<String, MessageAttribute> e : m.attributes().entrySet()) {
            out.string(e.getKey());
            out.string(e.getValue().dataType());
            out.string(e.getValue().stringValue());
            out.bytes(e.getValue().binaryValue());
        }
        out.string(m.traceHeader());
        out.longValue(m.sentMillis());
        out.intValue(m.receiveCount());
        out.longValue(m.firstReceiveMillis());
        out.longValue(m.visibleAtMillis());
        out.longValue(m.receiptToken());
        out.string(m.deadLetterSourceArn());
        if (m.grouped()) {
            out.string(m.groupId());
            out.string(m.deduplicationId());
            out.longValue(m.sequenceNumber());
        }
        return out.bytes();
    }

    static StoredMessage decodeMessage(byte[] bytes) {
        try {
            ByteBuffer b = open(bytes, "queue message", GROUPED_MESSAGE_FORMAT);
            boolean grouped = bytes[0] == GROUPED_MESSAGE_FORMAT;
            String id = string(b);
            String body = string(b);
            int n = count(b);
            Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                attributes.put(string(b), new MessageAttribute(string(b), string(b), byteString(b)));
            }
            StoredMessage m = new StoredMessage(
                    id,
                    body,
                    attributes,
                    string(b),
                    b.getLong(),
                    b.getInt(),
                    b.getLong(),
                    b.getLong(),
                    b.getLong(),
                    string(b));
            if (grouped) {
                m = new StoredMessage(
                        m.messageId(),
                        m.body(),
                        m.attributes(),
                        m.traceHeader(),
                        m.sentMillis(),
                        m.receiveCount(),
                        m.firstReceiveMillis(),
                        m.visibleAtMillis(),
                        m.receiptToken(),
                        m.deadLetterSourceArn(),
                        string(b),
                        string(b),
                        b.getLong());
            }
            return finish(b, m, "queue message");
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw unreadable("queue message", e);
        }
    }

    static byte[] encodeLong(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long decodeLong(byte[] bytes) {
        if (bytes.length != 8) {
            throw new StoreException("unreadable queue number of " + bytes.length + " bytes", null);
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    private static ByteBuffer open(byte[] bytes, String what) {
        return open(bytes, what, FORMAT);
    }

    /** Opens bytes of any format from 1 to {@code newest}. */
    private static ByteBuffer open(byte[] bytes, String what, byte newest) {
        if (bytes.length == 0 || bytes[0] < FORMAT || bytes[0] > newest) {
            throw new StoreException(
                    "unreadable " + what + ": unknown format " + (bytes.length == 0 ? "(empty)" : bytes[0]), null);
        }
        return ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    }

    private static <T> T finish(ByteBuffer b, T value, String what) {
        if (b.hasRemaining()) {
            throw new StoreException("unreadable " + what + ": " + b.remaining() + " bytes too many", null);
        }
        return value;
    }

    private static StoreException unreadable(String what, RuntimeException cause) {
        return new StoreException("unreadable " + what, cause);
    }

    private static int count(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad count " + n);
        }
        return n;
    }

    private static byte[] byteString(ByteBuffer b) {
        int n = b.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        byte[] a = new byte[n];
        b.get(a);
        return a;
    }

    private static String string(ByteBuffer b) {
        byte[] a = byteString(b);
        return a == null ? null : new String(a, StandardCharsets.UTF_8);
    }

    private static Map<String, String> strings(ByteBuffer b) {
        int n = count(b);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(string(b), string(b));
        }
        return m;
    }

    /** A growing big-endian writer that starts with the format byte. */
    private static final class Out {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        private final DataOutputStream out = new DataOutputStream(buffer);

        Out() {
            this(FORMAT);
        }

        Out(byte format) {
            buffer.write(format);
        }

        void longValue(long v) {
            run(() -> out.writeLong(v));
        }

        void intValue(int v) {
            run(() -> out.writeInt(v));
        }

        void string(String s) {
            bytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] a) {
            run(() -> {
                out.writeInt(a == null ? -1 : a.length);
                if (a != null) {
                    out.write(a);
                }
            });
        }

        void strings(Map<String, String> m) {
            intValue(m.size());
            for (Map.Entry<String, String> e : m.entrySet()) {
                string(e.getKey());
                string(e.getValue());
            }
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }

        private interface Write {
            void run() throws IOException;
        }

        private static void run(Write w) {
            try {
                w.run();
            } catch (IOException e) {
                // a ByteArrayOutputStream does not fail
                throw new UncheckedIOException(e);
            }
        }
    }
}
