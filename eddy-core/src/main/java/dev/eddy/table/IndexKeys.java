package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.Items;
import dev.eddy.item.KeyEncoding;
import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Tuple;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Store keys and values of secondary index entries: INDEX (tableId, indexName, ipk, [isk], pk,
 * [sk]) → the item as the index projects it, with key values in DynamoDB order. An index's
 * partition is then one ordered range, sorted by the index sort key and then by the table key.
 */
final class IndexKeys {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private IndexKeys() {}

    /** Every entry of one index. */
    static KeyRange index(TableMeta table, IndexDefinition index) {
        return Keyspace.INDEX.range(Tuple.of(table.id(), index.name()));
    }

    /** Every entry of every index of a table. */
    static KeyRange table(long tableId) {
        return Keyspace.INDEX.range(Tuple.of(tableId));
    }

    /**
     * The tuple every entry of one index partition starts with, extended by {@code values}: the
     * index's HASH values in KeySchema order, optionally followed by a prefix of its RANGE values.
     */
    static Tuple partition(TableMeta table, IndexDefinition index, List<AttributeValue> values) {
        Tuple t = Tuple.of(table.id(), index.name());
        for (AttributeValue v : values) {
            t = t.add(KeyEncoding.encode(v));
        }
        return t;
    }

    /**
     * Whether the item belongs in the index: it has every index key attribute (every HASH and every
     * RANGE attribute of a multi-attribute key) with its declared type and not empty.
     */
    static boolean indexed(IndexDefinition index, Map<String, AttributeValue> item) {
        for (KeySchema.Attribute a : index.key().attributes()) {
            AttributeValue v = item.get(a.name());
            if (v == null || v.type() != a.type() || isEmpty(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The entry key of an indexed item (see {@link #indexed}); the item must hold the table key
     * too. Index key values come in KeySchema order, so a partition's entries sort by the tuple of
     * RANGE values, then by the table key.
     */
    static byte[] entryKey(TableMeta table, IndexDefinition index, Map<String, AttributeValue> item) {
        KeySchema tk = table.key();
        Tuple t = Tuple.of(table.id(), index.name());
        for (String name : index.key().names()) {
            t = t.add(KeyEncoding.encode(item.get(name)));
        }
        t = t.add(KeyEncoding.encode(item.get(tk.hashName())));
        if (tk.hasRange()) {
            t = t.add(KeyEncoding.encode(item.get(tk.rangeName())));
        }
        return Keyspace.INDEX.key(t);
    }

    /** The attributes an index entry holds: the table and index keys, plus what the projection adds. */
    static Map<String, AttributeValue> project(
            TableMeta table, IndexDefinition index, Map<String, AttributeValue> item) {
        if ("ALL".equals(index.projectionType())) {
            return item;
        }
        Map<String, AttributeValue> out = new HashMap<>();
        for (String name : projected(table, index)) {
            AttributeValue v = item.get(name);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    /** The top-level attributes a non-ALL index holds. */
    static Set<String> projected(TableMeta table, IndexDefinition index) {
        Set<String> names = new LinkedHashSet<>(table.key().names());
        names.addAll(index.key().names());
        if (index.nonKeyAttributes() != null) {
            names.addAll(index.nonKeyAttributes());
        }
        return names;
    }

    /**
     * Rejects an item whose index key attributes are present with another type than declared,
     * empty, or over the key size limits, as DynamoDB does for every write.
     */
    static void check(IndexDefinition index, Map<String, AttributeValue> item) {
        String violation = violation(index, item);
        if (violation != null) {
            throw EddyException.validation(violation);
        }
    }

    /**
     * Why the item cannot be in the index although it holds index key attributes (another type
     * than declared, an empty value, a key over the size limits), in DynamoDB's words; null when
     * nothing is wrong, or when a key attribute is merely missing (a sparse index).
     */
    static String violation(IndexDefinition index, Map<String, AttributeValue> item) {
        KeySchema ks = index.key();
        long hashBytes = 0;
        long rangeBytes = 0;
        for (KeySchema.Attribute a : ks.attributes()) {
            AttributeValue v = item.get(a.name());
            if (v == null) {
                continue;
            }
            if (v.type() != a.type()) {
                return INVALID + "Type mismatch for Index Key " + a.name() + " Expected: " + a.type() + " Actual: "
                        + v.type() + " IndexName: " + index.name();
            }
            if (isEmpty(v)) {
                return "One or more parameter values are not valid. A value specified for a "
                        + "secondary index key is not supported. The AttributeValue for a key attribute cannot "
                        + "contain an empty " + (v.type() == AttributeValue.Type.S ? "string" : "binary")
                        + " value. IndexName: " + index.name() + ", IndexKey: " + a.name();
            }
            if (ks.hashKeys().contains(a)) {
                hashBytes += Items.size(v);
            } else {
                rangeBytes += Items.size(v);
            }
        }
        if (hashBytes > Keys.MAX_HASH_BYTES) {
            return INVALID + "Size of hashkey has exceeded the maximum size limit of" + Keys.MAX_HASH_BYTES + " bytes";
        }
        if (rangeBytes > Keys.MAX_RANGE_BYTES) {
            return INVALID + "Aggregated size of all range keys has exceeded the size limit of " + Keys.MAX_RANGE_BYTES
                    + " bytes";
        }
        return null;
    }

    private static boolean isEmpty(AttributeValue v) {
        return v instanceof AttributeValue.S s && s.value().isEmpty()
                || v instanceof AttributeValue.B b && b.length() == 0;
    }
}
