package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Tuple;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes table descriptions at (META, "table", name) in {@link TableCodec}'s form, with
 * a cache of decoded descriptions keyed by their stored bytes (a changed description is decoded
 * again; an unchanged one is not). Every answer comes from the store (other nodes may change a
 * table); only {@link #cached} answers from the cache alone.
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
        return decoded(name, view.get(key(name)));
    }

    /** The table as one point read of the store sees it, or null when it does not exist. */
    TableMeta find(Store store, String name) {
        return decoded(name, store.get(key(name)));
    }

    /**
     * The description this catalog last decoded for {@code name}, without reading the store: it
     * may be stale or of a deleted table. Only good for a guess that a read then confirms.
     */
    TableMeta cached(String name) {
        Cached c = cache.get(name);
        return c == null ? null : c.meta;
    }

    private TableMeta decoded(String name, byte[] bytes) {
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
        return found(find(view, name), name);
    }

    /** The table as one point read of the store sees it. */
    TableMeta get(Store store, String name) {
        return found(find(store, name), name);
    }

    private static TableMeta found(TableMeta meta, String name) {
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
