package dev.eddy.stream;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.store.StoreException;
import dev.eddy.table.StreamViewType;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The stored form of a stream record (the value under its record key; the sequence number is in
 * the key). FROZEN once written: version byte 1, then event name, flags, creation millis, the
 * 16-byte event id, the size, and Keys / NewImage / OldImage as {@link ItemCodec} blobs (length
 * -1 when absent).
 */
final class RecordCodec {
    private static final byte VERSION = 1;
    private static final int BY_SERVICE = 1;

    private RecordCodec() {}

    static byte[] encode(
            ChangeRecord.EventName name,
            boolean byService,
            long millis,
            long idHigh,
            long idLow,
            Map<String, AttributeValue> keys,
            Map<String, AttributeValue> newImage,
            Map<String, AttributeValue> oldImage,
            long sizeBytes) {
        return encode(
                name,
                byService,
                millis,
                idHigh,
                idLow,
                ItemCodec.encode(keys),
                newImage == null ? null : ItemCodec.encode(newImage),
                oldImage == null ? null : ItemCodec.encode(oldImage),
                sizeBytes);
    }

    /**
     * The same record from its keys and images already in {@link ItemCodec} form (the bytes the
     * table engine stored and read for the item), so that a write encodes no item twice; the
     * result is byte for byte the one {@link #encode(ChangeRecord.EventName, boolean, long, long,
     * long, Map, Map, Map, long) encode} gives for the decoded maps.
     *
     * @param k the keys' bytes
     * @param n the new image's bytes, or null when the record has none
     * @param o the old image's bytes, or null when the record has none
     */
    static byte[] encode(
            ChangeRecord.EventName name,
            boolean byService,
            long millis,
            long idHigh,
            long idLow,
            byte[] k,
            byte[] n,
            byte[] o,
            long sizeBytes) {
        int len = 1 + 1 + 1 + 8 + 16 + 8 + 12 + k.length + (n == null ? 0 : n.length) + (o == null ? 0 : o.length);
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put(VERSION).put((byte) name.ordinal()).put((byte) (byService ? BY_SERVICE : 0));
        b.putLong(millis).putLong(idHigh).putLong(idLow).putLong(sizeBytes);
        blob(b, k);
        blob(b, n);
        blob(b, o);
        return b.array();
    }

    private static void blob(ByteBuffer b, byte[] bytes) {
        if (bytes == null) {
            b.putInt(-1);
        } else {
            b.putInt(bytes.length).put(bytes);
        }
    }

    static ChangeRecord decode(long seq, StreamViewType viewType, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.get() != VERSION) {
            throw new StoreException("unknown stream record version", null);
        }
        ChangeRecord.EventName name = ChangeRecord.EventName.values()[b.get()];
        boolean byService = (b.get() & BY_SERVICE) != 0;
        long millis = b.getLong();
        String id = hex(b.getLong()) + hex(b.getLong());
        long size = b.getLong();
        Map<String, AttributeValue> keys = item(b);
        Map<String, AttributeValue> newImage = item(b);
        Map<String, AttributeValue> oldImage = item(b);
        return new ChangeRecord(seq, id, name, millis, keys, newImage, oldImage, viewType, size, byService);
    }

    /** The creation millis of a stored record, without decoding the rest (for trimming). */
    static long createdMillis(byte[] bytes) {
        if (bytes[0] != VERSION) {
            throw new StoreException("unknown stream record version", null);
        }
        return ByteBuffer.wrap(bytes, 3, 8).getLong();
    }

    private static Map<String, AttributeValue> item(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0) {
            return null;
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return ItemCodec.decode(bytes);
    }

    private static String hex(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }
}
