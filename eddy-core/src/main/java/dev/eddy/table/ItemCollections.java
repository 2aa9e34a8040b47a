package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.item.Items;
import dev.eddy.item.KeyEncoding;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Item collections of tables with local secondary indexes: the items of one partition key plus
 * their LSI entries. DynamoDB limits such a collection to 10 GB and reports its size when asked
 * (ReturnItemCollectionMetrics SIZE). The size is measured by reading the partition inside the
 * writing transaction, so it is exact, and costs a read of the partition per write to such a
 * table; tables without LSIs pay nothing.
 *
 * <p>Thread-safe: the limit is the only state.
 */
final class ItemCollections {
    /** DynamoDB's limit on an item collection, 10 GB. */
    static final long DEFAULT_LIMIT_BYTES = 10L * 1024 * 1024 * 1024;

    private static final int CHUNK = 1000;
    private static final double GB = 1024.0 * 1024 * 1024;

    private volatile long limitBytes = DEFAULT_LIMIT_BYTES;

    void limit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("item collection limit must be positive: " + bytes);
        }
        limitBytes = bytes;
    }

    /**
     * The collection a write left behind, or null when the table has no LSI or the write left no
     * item. Rejects a write that grows a collection beyond the limit.
     *
     * @throws EddyException ItemCollectionSizeLimitExceededException
     */
    ItemCollectionMetrics afterWrite(ReadView tx, TableMeta table, ItemWriter.Change change) {
        if (table.localIndexes().isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> any = change.newItem() != null ? change.newItem() : change.oldItem();
        if (any == null) {
            return null;
        }
        String hash = table.key().hashName();
        long bytes = size(tx, table, any.get(hash));
        if (change.newSize() > change.oldSize() && bytes > limitBytes) {
            throw new EddyException(
                    ErrorCode.ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED, "Item collection size limit exceeded");
        }
        // DynamoDB answers a range of whole gigabytes around the size
        double lower = Math.floor(bytes / GB);
        return new ItemCollectionMetrics(table.name(), Map.of(hash, any.get(hash)), List.of(lower, lower + 1));
    }

    /** The items of the partition and what each LSI holds of them, in bytes. */
    static long size(ReadView tx, TableMeta table, AttributeValue hash) {
        KeyRange all = Keyspace.ITEM.range(Tuple.of(table.id(), KeyEncoding.encode(hash)));
        long total = 0;
        byte[] from = all.begin();
        while (true) {
            List<KeyValue> rows = tx.scan(new KeyRange(from, all.end()), CHUNK, false);
            for (KeyValue kv : rows) {
                Map<String, AttributeValue> item = ItemCodec.decode(kv.value());
                total += Items.size(item);
                for (IndexDefinition lsi : table.localIndexes()) {
                    if (IndexKeys.indexed(lsi, item)) {
                        total += Items.size(IndexKeys.project(table, lsi, item));
                    }
                }
            }
            if (rows.size() < CHUNK) {
                return total;
            }
            byte[] last = rows.getLast().key();
            from = Arrays.copyOf(last, last.length + 1);
        }
    }
}
