package dev.eddy.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.StoreException;
import dev.eddy.store.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes stream descriptors, shard states and trim floors. Stateless. */
final class StreamCatalog {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StreamCatalog() {
    }

    static long nextId(Transaction tx) {
        byte[] cur = tx.get(StreamKeys.NEXT_ID);
        long id = cur == null ? 1 : ByteBuffer.wrap(cur).getLong() + 1;
        tx.put(StreamKeys.NEXT_ID, longBytes(id));
        return id;
    }

    static void put(Transaction tx, StreamDescriptor d) {
        tx.put(StreamKeys.descriptor(d.tableName(), d.label()), write(d));
    }

    static StreamDescriptor find(ReadView view, String table, String label) {
        byte[] bytes = view.get(StreamKeys.descriptor(table, label));
        return bytes == null ? null : read(bytes, StreamDescriptor.class);
    }

    static List<StreamDescriptor> all(ReadView view) {
        List<StreamDescriptor> out = new ArrayList<>();
        for (KeyValue kv : view.scan(StreamKeys.descriptors(), 0, false)) {
            out.add(read(kv.value(), StreamDescriptor.class));
        }
        return out;
    }

    static void put(Transaction tx, long stream, ShardState s) {
        tx.put(StreamKeys.shard(stream, s.partition(), s.generation()), write(s));
    }

    /** Shards of one stream, by partition then generation. */
    static List<ShardState> shards(ReadView view, long stream) {
        List<ShardState> out = new ArrayList<>();
        for (KeyValue kv : view.scan(StreamKeys.shards(stream), 0, false)) {
            out.add(read(kv.value(), ShardState.class));
        }
        return out;
    }

    static long trimFloor(ReadView view, long stream, int partition) {
        byte[] b = view.get(StreamKeys.trim(stream, partition));
        return b == null ? 0 : ByteBuffer.wrap(b).getLong();
    }

    static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] write(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new StoreException("unreadable stream metadata", e);
        }
    }
}
