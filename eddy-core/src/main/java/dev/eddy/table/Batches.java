package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.item.Items;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchGetItem and BatchWriteItem. Every request is validated (tables exist, keys match their
 * schema, no key twice) before anything is read or written. Eddy has no throughput limits, so a
 * batch is processed whole: unprocessed keys appear only when a BatchGetItem response reaches
 * DynamoDB's 16 MB limit, and a BatchWriteItem never leaves unprocessed items.
 */
final class Batches {
    /** DynamoDB's limit on the size of a BatchGetItem response. */
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    static final String DUPLICATES = "Provided list of item keys contains duplicates";

    private final Store store;
    private final TableCatalog catalog;
    private final ItemWriter writer;

    Batches(Store store, TableCatalog catalog, ItemWriter writer) {
        this.store = store;
        this.catalog = catalog;
        this.writer = writer;
    }

    BatchGetItem.Result get(BatchGetItem req) {
        try (ReadView view = store.snapshot()) {
            List<TableMeta> tables = new ArrayList<>();
            Set<ByteBuffer> seen = new HashSet<>();
            for (BatchGetItem.TableReads reads : req.tables()) {
                TableMeta table = catalog.get(view, reads.tableName());
                tables.add(table);
                for (Map<String, AttributeValue> key : reads.keys()) {
                    Keys.checkKey(table, key);
                    if (!seen.add(ByteBuffer.wrap(ItemKeys.key(table, key)))) {
                        throw EddyException.validation(DUPLICATES);
                    }
                }
            }
            long budget = MAX_RESPONSE_BYTES;
            List<BatchGetItem.TableResult> results = new ArrayList<>();
            for (int t = 0; t < tables.size(); t++) {
                TableMeta table = tables.get(t);
                BatchGetItem.TableReads reads = req.tables().get(t);
                List<Map<String, AttributeValue>> items = new ArrayList<>();
                List<Map<String, AttributeValue>> unprocessed = new ArrayList<>();
                double units = 0;
                for (Map<String, AttributeValue> key : reads.keys()) {
                    if (budget < 0) {
                        unprocessed.add(key);
                        continue;
                    }
                    byte[] bytes = view.get(ItemKeys.key(table, key));
                    Map<String, AttributeValue> item = bytes == null ? null : ItemCodec.decode(bytes);
                    long size = item == null ? 0 : Items.size(item);
                    if (size > budget) {
                        // the response is full: this key and every later one are left for the next call
                        budget = -1;
                        unprocessed.add(key);
                        continue;
                    }
                    units += Capacity.read(size, reads.consistentRead());
                    if (item != null) {
                        budget -= size;
                        items.add(
                                reads.projection() == null
                                        ? item
                                        : reads.projection().apply(item));
                    }
                }
                results.add(new BatchGetItem.TableResult(
                        items, unprocessed, ConsumedCapacity.ofTable(table.name(), units)));
            }
            return new BatchGetItem.Result(results);
        }
    }

    BatchWriteItem.Result write(BatchWriteItem req) {
        Map<String, TableMeta> tables = new HashMap<>();
        try (ReadView view = store.snapshot()) {
            for (BatchWriteItem.Request r : req.requests()) {
                TableMeta table = tables.computeIfAbsent(r.tableName(), name -> catalog.get(view, name));
                switch (r) {
                    case BatchWriteItem.Put put -> Keys.checkItemKey(table, put.item());
                    case BatchWriteItem.Delete delete -> Keys.checkKey(table, delete.key());
                }
            }
        }
        Set<ByteBuffer> seen = new HashSet<>();
        for (BatchWriteItem.Request r : req.requests()) {
            if (!seen.add(ByteBuffer.wrap(ItemKeys.key(tables.get(r.tableName()), keyOf(r))))) {
                throw EddyException.validation(DUPLICATES);
            }
        }
        for (BatchWriteItem.Request r : req.requests()) {
            if (r instanceof BatchWriteItem.Put put) {
                Items.checkSize(put.item());
            }
        }
        // All writes in one store transaction: each item write is atomic as DynamoDB promises,
        // and the batch costs one commit instead of up to 25.
        List<ItemWriter.Change> changes = store.run(tx -> {
            List<ItemWriter.Change> out = new ArrayList<>();
            Map<String, TableMeta> current = new HashMap<>();
            for (BatchWriteItem.Request r : req.requests()) {
                TableMeta table = current.computeIfAbsent(r.tableName(), name -> catalog.get(tx, name));
                out.add(
                        switch (r) {
                            case BatchWriteItem.Put put ->
                                writer.apply(
                                        tx,
                                        table,
                                        put.item(),
                                        true,
                                        null,
                                        false,
                                        old -> put.item(),
                                        WriteOrigin.CLIENT);
                            case BatchWriteItem.Delete delete ->
                                writer.apply(
                                        tx, table, delete.key(), false, null, false, old -> null, WriteOrigin.CLIENT);
                        });
            }
            return out;
        });
        Map<String, Double> units = new LinkedHashMap<>();
        for (ItemWriter.Change c : changes) {
            writer.committed(c);
            units.merge(c.table().name(), writeUnits(c), Double::sum);
        }
        return new BatchWriteItem.Result(
                units.entrySet().stream()
                        .map(e -> ConsumedCapacity.ofTable(e.getKey(), e.getValue()))
                        .toList(),
                collections(changes));
    }

    /** The last metrics of each item collection the changes wrote, in order of first write. */
    static List<ItemCollectionMetrics> collections(List<ItemWriter.Change> changes) {
        Map<List<Object>, ItemCollectionMetrics> last = new LinkedHashMap<>();
        for (ItemWriter.Change c : changes) {
            ItemCollectionMetrics m = c.collection();
            if (m != null) {
                last.put(List.of(m.tableName(), m.key()), m);
            }
        }
        return List.copyOf(last.values());
    }

    static double writeUnits(ItemWriter.Change c) {
        return Capacity.write(c.oldSize(), c.newSize());
    }

    private static Map<String, AttributeValue> keyOf(BatchWriteItem.Request r) {
        return switch (r) {
            case BatchWriteItem.Put put -> put.item();
            case BatchWriteItem.Delete delete -> delete.key();
        };
    }
}
