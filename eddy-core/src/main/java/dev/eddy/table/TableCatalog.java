package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Tuple;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes table descriptions at (META, "table", name) in {@link TableCodec}'s form, with
 * a cache of decoded descriptions keyed by their stored bytes (a changed description is decoded
 * again; an unchanged one is not).
 */
final class TableCatalog {
    private static final byte[] NEXT_ID = Keyspace.META.key(Tuple.of("next-table-id"));

    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(byte[] bytes, TableMeta meta) {}

    static byte[] key(String name) {
        return Keyspace.META.key(Tuple.of("table", name));
    }

    static KeyRange all() {
        return Keyspace.META.range(Tuple.of("table"));
    }

    /** The table, or null when it does not exist. A read inside a transaction is conflict-checked. */
    TableMeta find(ReadView view, String name) {
        byte[] bytes = view.get(key(name));
        if (bytes == null) {
            return null;
        }
        Cached c = cache.get(name);
        if (c != null && Arrays.equals(c.bytes, bytes)) {
            return c.meta;
        }
        TableMeta meta = TableCodec.decode(bytes);
        cache.put(name, new Cached(bytes, meta));
        return meta;
    }

    TableMeta get(ReadView view, String name) {
        TableMeta meta = find(view, name);
        if (meta == null) {
            throw EddyException.tableNotFound(name);
        }
        return meta;
    }

    void put(dev.eddy.store.Transaction tx, TableMeta meta) {
        tx.put(key(meta.name()), TableCodec.encode(meta));
    }

    void remove(dev.eddy.store.Transaction tx, String name) {
        tx.clear(key(name));
        cache.remove(name);
    }

    long nextId(dev.eddy.store.Transaction tx) {
        byte[] cur = tx.get(NEXT_ID);
        long id = cur == null ? 1 : ByteBuffer.wrap(cur).getLong();
        tx.put(NEXT_ID, ByteBuffer.allocate(8).putLong(id + 1).array());
        return id;
    }

    List<TableMeta> list(ReadView view) {
        List<TableMeta> out = new ArrayList<>();
        for (KeyValue kv : view.scan(all(), 0, false)) {
            out.add(TableCodec.decode(kv.value()));
        }
        return out;
    }
}
