package dev.eddy.queue;

import dev.eddy.store.StoreException;
import dev.eddy.store.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stored forms of FIFO queues' records. FROZEN once written; a new format gets the next version
 * byte, and the readers of every earlier format stay.
 *
 * <p>Format 1 of each: byte 1, then a packed {@link Tuple} of the record's components in order
 * (strings, longs; an attempt's messages as nested tuples). A group without messages has head
 * {@code (0, 0, 0, "")}. A sweep entry's value is empty.
 *
 * <p>Stateless; decoding fails with {@link StoreException} on bytes of no known format.
 */
final class FifoCodec {
    static final byte FORMAT = 1;

    private FifoCodec() {}

    /**
     * A message group.
     *
     * @param lastSequence the sequence number of the group's latest send
     * @param headSequence the head message's sequence number (every message of the group before it
     *     is gone, so reads of the group's order start there), or 0 without a head
     * @param entryAt when the group's head can next be received: the key time of its visibility entry
     * @param headSentMillis the head message's send time
     * @param headId the head message's id, or "" when the group has no message
     */
    record Group(long lastSequence, long headSequence, long entryAt, long headSentMillis, String headId) {
        static final Group NEW = new Group(0, 0, 0, 0, "");

        boolean hasHead() {
            return !headId.isEmpty();
        }

        /** The key of the head's visibility entry, or null without a head. */
        byte[] entryKey(long queueId) {
            return hasHead() ? FifoKeys.entry(queueId, entryAt, headSentMillis, headId) : null;
        }
    }

    /** Where a message of a group is stored: its send time and id. */
    record Ref(long sentMillis, String messageId) {}

    /** The first send of a deduplication id. */
    record Dedup(long sentMillis, long sequence, String messageId) {}

    /** The messages one receive attempt returned, with their receipt tokens. */
    record Attempt(long createdMillis, List<Received> messages) {
        Attempt {
            messages = List.copyOf(messages);
        }
    }

    /** One message of an attempt. */
    record Received(long sentMillis, String messageId, long token) {}

    static byte[] encode(Group g) {
        return pack(Tuple.of(g.lastSequence(), g.headSequence(), g.entryAt(), g.headSentMillis(), g.headId()));
    }

    static Group decodeGroup(byte[] bytes) {
        return read(
                bytes,
                "FIFO group",
                t -> new Group(t.getLong(0), t.getLong(1), t.getLong(2), t.getLong(3), t.getString(4)));
    }

    static byte[] encode(Ref r) {
        return pack(Tuple.of(r.sentMillis(), r.messageId()));
    }

    static Ref decodeRef(byte[] bytes) {
        return read(bytes, "FIFO order entry", t -> new Ref(t.getLong(0), t.getString(1)));
    }

    static byte[] encode(Dedup d) {
        return pack(Tuple.of(d.sentMillis(), d.sequence(), d.messageId()));
    }

    static Dedup decodeDedup(byte[] bytes) {
        return read(bytes, "FIFO deduplication", t -> new Dedup(t.getLong(0), t.getLong(1), t.getString(2)));
    }

    static byte[] encode(Attempt a) {
        Tuple t = Tuple.of(a.createdMillis());
        for (Received r : a.messages()) {
            t = t.add(Tuple.of(r.sentMillis(), r.messageId(), r.token()));
        }
        return pack(t);
    }

    static Attempt decodeAttempt(byte[] bytes) {
        return read(bytes, "FIFO receive attempt", t -> {
            List<Received> messages = new ArrayList<>();
            for (int i = 1; i < t.size(); i++) {
                Tuple r = t.getNested(i);
                messages.add(new Received(r.getLong(0), r.getString(1), r.getLong(2)));
            }
            return new Attempt(t.getLong(0), messages);
        });
    }

    private static byte[] pack(Tuple t) {
        byte[] packed = t.pack();
        byte[] out = new byte[packed.length + 1];
        out[0] = FORMAT;
        System.arraycopy(packed, 0, out, 1, packed.length);
        return out;
    }

    private interface Reader<T> {
        T read(Tuple t);
    }

    private static <T> T read(byte[] bytes, String what, Reader<T> reader) {
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            throw new StoreException(
                    "unreadable " + what + ": unknown format " + (bytes.length == 0 ? "(empty)" : bytes[0]), null);
        }
        try {
            return reader.read(Tuple.unpack(Arrays.copyOfRange(bytes, 1, bytes.length)));
        } catch (RuntimeException e) {
            throw new StoreException("unreadable " + what, e);
        }
    }
}
