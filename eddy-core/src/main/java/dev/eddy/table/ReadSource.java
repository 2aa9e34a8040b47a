package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.KeyEncoding;
import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Query or Scan reads: a table, or one of its secondary indexes. Knows the ordered store
 * range of the rows, their key schema, and which attributes make up a LastEvaluatedKey.
 *
 * @param index null for the table itself
 */
record ReadSource(TableMeta table, IndexDefinition index) {

    /** The source a request names, with DynamoDB's errors for a missing or unreadable index. */
    static ReadSource of(TableMeta table, String indexName, boolean consistentRead) {
        if (indexName == null) {
            return new ReadSource(table, null);
        }
        IndexDefinition found = null;
        for (IndexDefinition i : table.localIndexes()) {
            if (i.name().equals(indexName)) {
                found = i;
            }
        }
        for (IndexDefinition i : table.globalIndexes()) {
            if (i.name().equals(indexName)) {
                found = i;
            }
        }
        if (found == null) {
            throw EddyException.validation("The table does not have the specified index: " + indexName);
        }
        if (found.global() && consistentRead) {
            throw EddyException.validation("Consistent reads are not supported on global secondary indexes");
        }
        if (found.global() && found.status() != IndexStatus.ACTIVE) {
            throw EddyException.validation("Cannot read from backfilling global secondary index: " + indexName);
        }
        return new ReadSource(table, found);
    }

    boolean isIndex() {
        return index != null;
    }

    /** The key schema rows are ordered by. */
    KeySchema key() {
        return index == null ? table.key() : index.key();
    }

    Keyspace keyspace() {
        return index == null ? Keyspace.ITEM : Keyspace.INDEX;
    }

    /** Every row. */
    KeyRange all() {
        return index == null ? ItemKeys.table(table.id()) : IndexKeys.index(table, index);
    }

    /**
     * The tuple every row of one partition starts with, extended by {@code values}: the HASH
     * values in KeySchema order, then optionally a prefix of the RANGE values.
     */
    Tuple partition(List<AttributeValue> values) {
        if (index != null) {
            return IndexKeys.partition(table, index, values);
        }
        Tuple t = Tuple.of(table.id());
        for (AttributeValue v : values) {
            t = t.add(KeyEncoding.encode(v));
        }
        return t;
    }

    /** Position in the key tuple of the partition key's encoding. */
    int hashPosition() {
        return index == null ? 1 : 2;
    }

    /** The names of a LastEvaluatedKey: the table key, then the index key attributes it lacks. */
    List<String> startKeyNames() {
        List<String> names = new ArrayList<>(table.key().names());
        if (index != null) {
            for (String n : index.key().names()) {
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** The declared type of a key attribute of this source. */
    AttributeValue.Type typeOf(String name) {
        return table.attributeDefinitions().get(name);
    }

    /** The store key of the row a LastEvaluatedKey (or a full row) designates. */
    byte[] rowKey(Map<String, AttributeValue> key) {
        return index == null ? ItemKeys.key(table, key) : IndexKeys.entryKey(table, index, key);
    }

    /** The LastEvaluatedKey of a row. */
    Map<String, AttributeValue> lastKeyOf(Map<String, AttributeValue> row) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String n : startKeyNames()) {
            key.put(n, row.get(n));
        }
        return key;
    }

    /** Whether rows hold every attribute of the item (the table, or an index projecting ALL). */
    boolean holdsAll() {
        return index == null || "ALL".equals(index.projectionType());
    }
}
