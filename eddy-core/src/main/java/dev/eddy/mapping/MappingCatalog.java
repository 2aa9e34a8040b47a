package dev.eddy.mapping;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where mappings live in the store, under {@link Keyspace#MAPPING}: {@code ("m", uuid)} holds a
 * mapping ({@link MappingCodec}); {@code ("pair", eventSourceArn, functionArn)} holds the UUID of
 * the mapping of that stream and function, so that two concurrent creates of the same pair
 * conflict on one key instead of both passing a scan. Stateless; thread-safe.
 */
final class MappingCatalog {
    private static final String MAPPING = "m";
    private static final String PAIR = "pair";

    private MappingCatalog() {}

    static Optional<Mapping> get(ReadView view, String uuid) {
        byte[] bytes = view.get(key(uuid));
        return bytes == null ? Optional.empty() : Optional.of(MappingCodec.decode(bytes));
    }

    static void put(Transaction tx, Mapping m) {
        tx.put(key(m.uuid()), MappingCodec.encode(m));
    }

    /** Removes {@code m} and its pair entry. */
    static void remove(Transaction tx, Mapping m) {
        tx.clear(key(m.uuid()));
        clearPair(tx, m.eventSourceArn(), m.functionArn());
    }

    /** The UUID of the mapping of {@code source} and {@code function}; read in a transaction, conflict-checked. */
    static Optional<String> pair(ReadView view, String source, String function) {
        byte[] uuid = view.get(pairKey(source, function));
        return uuid == null ? Optional.empty() : Optional.of(new String(uuid, StandardCharsets.UTF_8));
    }

    static void putPair(Transaction tx, String source, String function, String uuid) {
        tx.put(pairKey(source, function), uuid.getBytes(StandardCharsets.UTF_8));
    }

    static void clearPair(Transaction tx, String source, String function) {
        tx.clear(pairKey(source, function));
    }

    /** Up to {@code limit} mappings (0: all) after UUID {@code after} (null: from the first), by UUID. */
    static List<Mapping> scan(ReadView view, String after, int limit) {
        KeyRange all = Keyspace.MAPPING.range(Tuple.of(MAPPING));
        byte[] begin = all.begin();
        if (after != null) {
            byte[] k = key(after);
            begin = new byte[k.length + 1]; // the first key after k
            System.arraycopy(k, 0, begin, 0, k.length);
        }
        List<Mapping> out = new ArrayList<>();
        for (KeyValue kv : view.scan(new KeyRange(begin, all.end()), limit, false)) {
            out.add(MappingCodec.decode(kv.value()));
        }
        return out;
    }

    private static byte[] key(String uuid) {
        return Keyspace.MAPPING.key(Tuple.of(MAPPING, uuid));
    }

    private static byte[] pairKey(String source, String function) {
        return Keyspace.MAPPING.key(Tuple.of(PAIR, source, function));
    }
}
