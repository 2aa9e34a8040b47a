package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.expr.Condition;
import dev.eddy.expr.Path;
import dev.eddy.expr.Projection;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.KeyEncoding;
import dev.eddy.item.StoredItem;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query and Scan: one page per call, read from one store snapshot, in key order, so that a
 * paginated read that continues after its LastEvaluatedKey never returns an item twice and never
 * skips one that existed unchanged throughout.
 *
 * <p>The store is read in bounded chunks, so a long scan makes many short native calls rather
 * than one that holds its thread for the whole page. Thread-safe.
 */
final class QueryEngine {
    /** DynamoDB stops a page once the items read reach 1 MB (before the filter). */
    static final long PAGE_BYTES = 1024 * 1024;

    private static final int CHUNK = 256;

    private final Store store;
    private final TableCatalog catalog;

    QueryEngine(Store store, TableCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    ReadPage query(Query q) {
        try (ReadView view = store.snapshot()) {
            return query(view, q);
        }
    }

    ReadPage scan(Scan s) {
        try (ReadView view = store.snapshot()) {
            return scan(view, s);
        }
    }

    private ReadPage query(ReadView view, Query q) {
        TableMeta table = catalog.get(view, q.tableName());
        ReadSource source = ReadSource.of(table, q.indexName(), q.consistentRead());
        KeyCondition key = KeyCondition.of(q.keyCondition().ast(), source);
        if (q.filter() != null && q.filterParameter() != null) {
            for (String attr : KeyCondition.attributes(q.filter().ast())) {
                if (source.key().names().contains(attr)) {
                    throw EddyException.validation(q.filterParameter() + " can only contain non-primary key "
                            + "attributes: Primary key attribute: " + attr);
                }
            }
        }
        Select select = select(source, q.select(), q.projection());
        KeyRange range = key.range(source);
        boolean forward = q.scanIndexForward();
        if (q.exclusiveStartKey() != null) {
            Map<String, AttributeValue> start = q.exclusiveStartKey();
            checkStartKey(source, start, "The provided starting key is invalid");
            checkStartInRange(source, key, start);
            range = after(range, source.rowKey(start), forward);
        }
        Reader reader = new Reader(view, source, q.filter(), q.projection(), select, q.limit(), null);
        return reader.read(range, !forward, q.consistentRead());
    }

    private ReadPage scan(ReadView view, Scan s) {
        TableMeta table = catalog.get(view, s.tableName());
        ReadSource source = ReadSource.of(table, s.indexName(), s.consistentRead());
        Select select = select(source, s.select(), s.projection());
        KeyRange range = source.all();
        Segment segment =
                s.totalSegments() == null ? null : new Segment(s.segment(), s.totalSegments(), source.hashPosition());
        if (s.exclusiveStartKey() != null) {
            checkStartKey(
                    source,
                    s.exclusiveStartKey(),
                    source.isIndex()
                            ? "The provided starting key is invalid"
                            : "The provided starting key is invalid: The provided key element does not match the schema");
            byte[] start = source.rowKey(s.exclusiveStartKey());
            if (segment != null && !segment.contains(start)) {
                throw EddyException.validation("The provided Exclusive start key does not map to the provided segment");
            }
            range = after(range, start, true);
        }
        Reader reader = new Reader(view, source, s.filter(), s.projection(), select, s.limit(), segment);
        return reader.read(range, false, s.consistentRead());
    }

    private static Select select(ReadSource source, Select requested, Projection projection) {
        Select select = requested != null
                ? requested
                : projection != null
                        ? Select.SPECIFIC_ATTRIBUTES
                        : source.isIndex() ? Select.ALL_PROJECTED_ATTRIBUTES : Select.ALL_ATTRIBUTES;
        if (select == Select.ALL_ATTRIBUTES
                && source.isIndex()
                && source.index().global()
                && !source.holdsAll()) {
            throw EddyException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES "
                    + "is not supported for global secondary index "
                    + source.index().name()
                    + " because its projection type is not ALL");
        }
        return select;
    }

    /** A Query's ExclusiveStartKey must lie in the partition and the sort key range the condition selects. */
    private static void checkStartInRange(ReadSource source, KeyCondition key, Map<String, AttributeValue> start) {
        KeySchema ks = source.key();
        List<AttributeValue> hashes = key.hashValues();
        for (int i = 0; i < hashes.size(); i++) {
            AttributeValue given = start.get(ks.hashKeys().get(i).name());
            if (!Arrays.equals(KeyEncoding.encode(given), KeyEncoding.encode(hashes.get(i)))) {
                throw EddyException.validation(
                        "The provided starting key is outside query boundaries based on provided conditions");
            }
        }
        boolean inRange = ks.multiAttribute()
                ? key.contains(source, source.rowKey(start))
                : !ks.hasRange() || key.sortMatches(start.get(ks.rangeName()));
        if (!inRange) {
            throw EddyException.validation("The provided starting key does not match the range key predicate");
        }
    }

    /** An ExclusiveStartKey must have exactly the attributes of a LastEvaluatedKey, with their types. */
    private static void checkStartKey(ReadSource source, Map<String, AttributeValue> start, String message) {
        List<String> names = source.startKeyNames();
        boolean ok = start.size() == names.size();
        for (String n : names) {
            AttributeValue v = start.get(n);
            ok &= v != null && v.type() == source.typeOf(n);
        }
        if (!ok) {
            throw EddyException.validation(message);
        }
    }

    /** The part of {@code range} strictly after (forward) or before (reverse) {@code key}. */
    private static KeyRange after(KeyRange range, byte[] key, boolean forward) {
        if (forward) {
            byte[] next = Arrays.copyOf(key, key.length + 1);
            return Arrays.compareUnsigned(next, range.begin()) > 0 ? new KeyRange(next, range.end()) : range;
        }
        boolean earlier = range.end() == null || Arrays.compareUnsigned(key, range.end()) < 0;
        return earlier ? new KeyRange(range.begin(), key) : range;
    }

    /** The rows of one parallel-scan segment: those whose partition key hashes to it. */
    private record Segment(int segment, int total, int hashPosition) {
        boolean contains(byte[] rowKey) {
            Tuple t = Tuple.unpack(Arrays.copyOfRange(rowKey, 1, rowKey.length));
            return Math.floorMod(hash(t.getBytes(hashPosition)), (long) total) == segment;
        }

        /** FNV-1a: stable across processes, so pages of one segment agree with each other. */
        private static long hash(byte[] bytes) {
            long h = 0xcbf29ce484222325L;
            for (byte b : bytes) {
                h ^= b & 0xFF;
                h *= 0x100000001b3L;
            }
            return h;
        }
    }

    /** Reads one page. */
    private static final class Reader {
        private final ReadView view;
        private final ReadSource source;
        private final Condition filter;
        private final Projection projection;
        private final Select select;
        private final Integer limit;
        private final Segment segment;
        private final boolean fetchItems;

        Reader(
                ReadView view,
                ReadSource source,
                Condition filter,
                Projection projection,
                Select select,
                Integer limit,
                Segment segment) {
            this.view = view;
            this.source = source;
            this.filter = filter;
            this.projection = projection;
            this.select = select;
            this.limit = limit;
            this.segment = segment;
            this.fetchItems = fetchesItems(source, filter, projection, select);
        }

        /**
         * A local secondary index that does not hold every attribute the request needs reads them
         * from the table, as DynamoDB does (a global one returns what it holds).
         */
        private static boolean fetchesItems(ReadSource source, Condition filter, Projection projection, Select select) {
            if (source.holdsAll() || source.index().global() || select == Select.ALL_PROJECTED_ATTRIBUTES) {
                return false;
            }
            if (select == Select.ALL_ATTRIBUTES) {
                return true;
            }
            Set<String> held = IndexKeys.projected(source.table(), source.index());
            List<String> needed = new ArrayList<>();
            if (projection != null) {
                projection.paths().stream().map(Path::attribute).forEach(needed::add);
            }
            if (filter != null) {
                needed.addAll(KeyCondition.attributes(filter.ast()));
            }
            return !held.containsAll(needed);
        }

        ReadPage read(KeyRange range, boolean reverse, boolean consistent) {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            int scanned = 0;
            int count = 0;
            long bytes = 0;
            Map<String, AttributeValue> last = null;
            byte[] begin = range.begin();
            byte[] end = range.end();
            outer:
            while (!new KeyRange(begin, end).isEmpty()) {
                int chunk = limit != null && segment == null ? Math.min(CHUNK, limit - scanned) : CHUNK;
                List<KeyValue> rows = view.scan(new KeyRange(begin, end), chunk, reverse);
                for (KeyValue kv : rows) {
                    if (segment != null && !segment.contains(kv.key())) {
                        continue;
                    }
                    // the row stays in its stored form unless a filter, a projection or the
                    // LastEvaluatedKey reads it: size and answer come from the bytes
                    StoredItem row = new StoredItem(kv.value());
                    StoredItem item = fetchItems ? tableItem(row) : row;
                    scanned++;
                    bytes += item.itemSize();
                    if (filter == null || filter.test(item)) {
                        count++;
                        if (select != Select.COUNT) {
                            items.add(projection != null ? projection.apply(item) : item);
                        }
                    }
                    if (limit != null && scanned >= limit || bytes >= PAGE_BYTES) {
                        last = source.lastKeyOf(row);
                        break outer;
                    }
                }
                if (rows.size() < chunk) {
                    break;
                }
                byte[] lastKey = rows.getLast().key();
                if (reverse) {
                    end = lastKey;
                } else {
                    begin = Arrays.copyOf(lastKey, lastKey.length + 1);
                }
            }
            return new ReadPage(items, count, scanned, last, capacity(bytes, consistent));
        }

        private StoredItem tableItem(StoredItem row) {
            byte[] bytes = view.get(ItemKeys.key(source.table(), row));
            // the snapshot holds the item whenever it holds its index entry
            return bytes == null ? row : new StoredItem(bytes);
        }

        private ConsumedCapacity capacity(long bytes, boolean consistent) {
            double units = Capacity.read(bytes, consistent);
            String table = source.table().name();
            if (!source.isIndex()) {
                return ConsumedCapacity.ofTable(table, units);
            }
            Map<String, Double> index = new HashMap<>();
            index.put(source.index().name(), units);
            return source.index().global()
                    ? new ConsumedCapacity(table, units, 0, index, Map.of())
                    : new ConsumedCapacity(table, units, 0, Map.of(), index);
        }
    }
}
