package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.KeyEncoding;
import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Store keys of a table's items: ITEM (tableId, pk, sk), with key values in DynamoDB order, so
 * that a partition's items are one ordered range.
 */
final class ItemKeys {
    private ItemKeys() {}

    static byte[] key(TableMeta table, Map<String, AttributeValue> item) {
        KeySchema ks = table.key();
        byte[] pk = KeyEncoding.encode(item.get(ks.hashName()));
        Tuple t = ks.hasRange()
                ? Tuple.of(table.id(), pk, KeyEncoding.encode(item.get(ks.rangeName())))
                : Tuple.of(table.id(), pk);
        return Keyspace.ITEM.key(t);
    }

    /** The table key attributes of an item (for messages and logs), in KeySchema order. */
    static Map<String, AttributeValue> keyOf(TableMeta table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : table.key().names()) {
            key.put(name, item.get(name));
        }
        return key;
    }

    static KeyRange table(long tableId) {
        return Keyspace.ITEM.range(Tuple.of(tableId));
    }
}
