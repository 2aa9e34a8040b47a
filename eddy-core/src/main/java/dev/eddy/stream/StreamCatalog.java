package dev.eddy.stream;

import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes stream descriptors, shard states and trim floors, in the forms
 * {@link StreamCodec} defines. Stateless.
 */
final class StreamCatalog {

    private StreamCatalog() {}

    static long nextId(Transaction tx) {
        byte[] cur = tx.get(StreamKeys.NEXT_ID);
        long id = cur == null ? 1 : StreamCodec.decodeLong(cur) + 1;
        tx.put(StreamKeys.NEXT_ID, StreamCodec.encodeLong(id));
        return id;
    }

    static void put(Transaction tx, StreamDescriptor d) {
        tx.put(StreamKeys.descriptor(d.tableName(), d.label()), StreamCodec.encode(d));
    }

    static StreamDescriptor find(ReadView view, String table, String label) {
        byte[] bytes = view.get(StreamKeys.descriptor(table, label));
        return bytes == null ? null : StreamCodec.decodeDescriptor(bytes);
    }

    static List<StreamDescriptor> all(ReadView view) {
        List<StreamDescriptor> out = new ArrayList<>();
        for (KeyValue kv : view.scan(StreamKeys.descriptors(), 0, false)) {
            out.add(StreamCodec.decodeDescriptor(kv.value()));
        }
        return out;
    }

    static void put(Transaction tx, long stream, ShardState s) {
        tx.put(StreamKeys.shard(stream, s.partition(), s.generation()), StreamCodec.encode(s));
    }

    /** Shards of one stream, by partition then generation. */
    static List<ShardState> shards(ReadView view, long stream) {
        List<ShardState> out = new ArrayList<>();
        for (KeyValue kv : view.scan(StreamKeys.shards(stream), 0, false)) {
            out.add(StreamCodec.decodeShard(kv.value()));
        }
        return out;
    }

    /** Shards of one partition of a stream, by generation. */
    static List<ShardState> shards(ReadView view, long stream, int partition) {
        List<ShardState> out = new ArrayList<>();
        for (KeyValue kv : view.scan(StreamKeys.shards(stream, partition), 0, false)) {
            out.add(StreamCodec.decodeShard(kv.value()));
        }
        return out;
    }

    static long trimFloor(ReadView view, long stream, int partition) {
        byte[] b = view.get(StreamKeys.trim(stream, partition));
        return b == null ? 0 : StreamCodec.decodeLong(b);
    }

    static void putTrimFloor(Transaction tx, long stream, int partition, long floor) {
        tx.put(StreamKeys.trim(stream, partition), StreamCodec.encodeLong(floor));
    }
}
