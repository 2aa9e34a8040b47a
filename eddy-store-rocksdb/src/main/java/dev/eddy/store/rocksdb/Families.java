package dev.eddy.store.rocksdb;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * Which RocksDB column family holds a key. Most keyspaces share the default family; the ones in
 * {@link #SEPARATE} get a family each, chosen by the key's first byte (its {@link Keyspace}
 * prefix). Stream records are written in ascending order per shard and read by range, while items
 * are read and rewritten at random: kept apart, an item's point read no longer searches table
 * files full of records, and compactions no longer rewrite records together with items. Every
 * {@code Store} operation stays one RocksDB transaction across the families.
 *
 * <p>A range that spans families is read family by family, in key order: the families hold
 * disjoint runs of first bytes, so concatenating their parts gives the range's order.
 */
final class Families {

    /**
     * The keyspaces kept in a family of their own. FROZEN once data is written: the family's name
     * is the keyspace's; a keyspace added here later is moved out of the default family when a
     * store opens ({@link RocksDbStore}).
     */
    static final Set<Keyspace> SEPARATE = Set.of(Keyspace.STREAM);

    private final ColumnFamilyHandle defaultFamily;
    /** Indexed by a key's first byte (unsigned). */
    private final ColumnFamilyHandle[] byFirstByte = new ColumnFamilyHandle[256];
    /** Where a family's keys begin or end: each separate family's first byte and the next, ascending. */
    private final List<byte[]> cuts = new ArrayList<>();

    /** @param separate the handles of {@link #SEPARATE}'s families, in {@link #separateKeyspaces()} order */
    Families(ColumnFamilyHandle defaultFamily, List<ColumnFamilyHandle> separate) {
        this.defaultFamily = defaultFamily;
        Arrays.fill(byFirstByte, defaultFamily);
        List<Keyspace> keyspaces = separateKeyspaces();
        for (int i = 0; i < keyspaces.size(); i++) {
            int prefix = keyspaces.get(i).prefix() & 0xFF;
            byFirstByte[prefix] = separate.get(i);
            cuts.add(new byte[] {(byte) prefix});
            if (prefix < 0xFF) {
                cuts.add(new byte[] {(byte) (prefix + 1)});
            }
        }
    }

    /** {@link #SEPARATE} in ascending prefix order (prefix 0x00 is never separated). */
    static List<Keyspace> separateKeyspaces() {
        List<Keyspace> list = new ArrayList<>(SEPARATE);
        list.sort((a, b) -> Integer.compare(a.prefix() & 0xFF, b.prefix() & 0xFF));
        return list;
    }

    /** The family name of a separate keyspace. */
    static byte[] name(Keyspace keyspace) {
        return keyspace.name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] defaultName() {
        return RocksDB.DEFAULT_COLUMN_FAMILY;
    }

    ColumnFamilyHandle of(byte[] key) {
        return key.length == 0 ? defaultFamily : byFirstByte[key[0] & 0xFF];
    }

    ColumnFamilyHandle defaultFamily() {
        return defaultFamily;
    }

    /** One family's part of a range. */
    record Part(ColumnFamilyHandle family, KeyRange range) {}

    /**
     * {@code range} cut at the separate families' bounds, in ascending key order; each part lies
     * in one family. An empty range gives no parts.
     */
    List<Part> parts(KeyRange range) {
        if (range.isEmpty()) {
            return List.of();
        }
        List<Part> parts = new ArrayList<>(1);
        byte[] from = range.begin();
        byte[] end = range.end();
        for (byte[] cut : cuts) {
            if (end != null && Arrays.compareUnsigned(cut, end) >= 0) {
                break;
            }
            if (Arrays.compareUnsigned(cut, from) > 0) {
                parts.add(new Part(of(from), new KeyRange(from, cut)));
                from = cut;
            }
        }
        parts.add(new Part(of(from), new KeyRange(from, end)));
        return parts;
    }

    /**
     * Reads up to {@code limit} entries of {@code range}, family by family in key order (reverse:
     * the last family first), through iterators made by {@code iterators}.
     */
    List<KeyValue> scan(ReadOptionsFactory iterators, KeyRange range, int limit, boolean reverse)
            throws RocksDBException {
        List<Part> parts = parts(range);
        if (parts.isEmpty()) {
            return List.of();
        }
        List<KeyValue> out = new ArrayList<>(limit > 0 ? Math.min(limit, 256) : 16);
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(reverse ? parts.size() - 1 - i : i);
            int left = limit <= 0 ? 0 : limit - out.size();
            if (limit > 0 && left == 0) {
                break;
            }
            scanPart(iterators, part.family(), part.range(), left, reverse, out);
        }
        return out;
    }

    /**
     * Adds up to {@code limit} entries of {@code range} in {@code family} to {@code out}, through an
     * iterator with read options bounded to the range (so the base iterator stops at the bounds).
     * The bounds are also checked here: a transaction iterator's own-writes side is not guaranteed
     * to honour them.
     */
    static List<KeyValue> scanPart(
            ReadOptionsFactory iterators,
            ColumnFamilyHandle family,
            KeyRange range,
            int limit,
            boolean reverse,
            List<KeyValue> out)
            throws RocksDBException {
        byte[] begin = range.begin();
        byte[] end = range.end();
        int stop = limit <= 0 ? Integer.MAX_VALUE : out.size() + limit;
        try (Slice lower = new Slice(begin);
                Slice upper = end == null ? null : new Slice(end);
                ReadOptions bounded = iterators.readOptions()) {
            bounded.setIterateLowerBound(lower);
            if (upper != null) {
                bounded.setIterateUpperBound(upper);
            }
            try (RocksIterator it = iterators.iterator(bounded, family)) {
                if (reverse) {
                    if (end == null) {
                        it.seekToLast();
                    } else {
                        it.seekForPrev(end);
                    }
                } else {
                    it.seek(begin);
                }
                while (it.isValid() && out.size() < stop) {
                    byte[] key = it.key();
                    boolean afterEnd = end != null && Arrays.compareUnsigned(key, end) >= 0;
                    boolean beforeBegin = Arrays.compareUnsigned(key, begin) < 0;
                    if (reverse ? beforeBegin : afterEnd) {
                        break;
                    }
                    if (!afterEnd && !beforeBegin) {
                        out.add(new KeyValue(key, it.value()));
                    }
                    if (reverse) {
                        it.prev();
                    } else {
                        it.next();
                    }
                }
                it.status();
            }
        }
        return out;
    }

    /** Makes the read options and the iterators of one scan. */
    interface ReadOptionsFactory {
        /** Fresh read options with the view's snapshot set; the scan closes them. */
        ReadOptions readOptions();

        RocksIterator iterator(ReadOptions options, ColumnFamilyHandle family);
    }
}
