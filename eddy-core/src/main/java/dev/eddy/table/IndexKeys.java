package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.KeyEncoding;
import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Tuple;
import java.util.HashMap;
import java.util.LinkedHashSet;
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

    /** The tuple every entry of one index partition starts with. */
    static Tuple partition(TableMeta table, IndexDefinition index, AttributeValue hash) {
        return Tuple.of(table.id(), index.name(), KeyEncoding.encode(hash));
    }

    /** Whether the item belongs in the index: it has every index key attribute with its declared type. */
    static boolean indexed(IndexDefinition index, Map<String, AttributeValue> item) {
        KeySchema ks = index.key();
        AttributeValue h = item.get(ks.hashName());
        if (h == null || h.type() != ks.hashType() || isEmpty(h)) {
            return false;
        }
        if (!ks.hasRange()) {
            return true;
        }
        AttributeValue r = item.get(ks.rangeName());
        return r != null && r.type() == ks.rangeType() && !isEmpty(r);
    }

    /** The entry key of an indexed item (see {@link #indexed}); the item must hold the table key too. */
    static byte[] entryKey(TableMeta table, IndexDefinition index, Map<String, AttributeValue> item) {
        KeySchema ks = index.key();
        KeySchema tk = table.key();
        Tuple t = Tuple.of(table.id(), index.name(), KeyEncoding.encode(item.get(ks.hashName())));
        if (ks.hasRange()) {
            t = t.add(KeyEncoding.encode(item.get(ks.rangeName())));
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
     * Rejects an item whose index key attributes are present with another type than declared, or
     * empty, as DynamoDB does for every write.
     */
    static void check(IndexDefinition index, Map<String, AttributeValue> item) {
        KeySchema ks = index.key();
        for (String name : ks.names()) {
            AttributeValue v = item.get(name);
            if (v == null) {
                continue;
            }
            AttributeValue.Type expected = name.equals(ks.hashName()) ? ks.hashType() : ks.rangeType();
            if (v.type() != expected) {
                throw EddyException.validation(INVALID + "Type mismatch for Index Key " + name + " Expected: "
                        + expected + " Actual: " + v.type() + " IndexName: " + index.name());
            }
            if (isEmpty(v)) {
                throw EddyException.validation("One or more parameter values are not valid. A value specified for a "
                        + "secondary index key is not supported. The AttributeValue for a key attribute cannot "
                        + "contain an empty " + (v.type() == AttributeValue.Type.S ? "string" : "binary")
                        + " value. IndexName: " + index.name() + ", IndexKey: " + name);
            }
        }
    }

    private static boolean isEmpty(AttributeValue v) {
        return v instanceof AttributeValue.S s && s.value().isEmpty()
                || v instanceof AttributeValue.B b && b.length() == 0;
    }
}
