package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.work.BackgroundWork;
import dev.eddy.work.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds global secondary indexes added to existing tables, on one background thread: pages
 * through the table in short transactions, each re-reading its items (so a concurrent write to one
 * of them makes the chunk run again) and writing their entries; then marks the index ACTIVE.
 * Writes made meanwhile maintain the index themselves, since it is in the table description from
 * the start (as CREATING). Also clears the entries of dropped indexes.
 *
 * <p>Builds are queued and run one after the other by {@link #runOnce}, the pass of the background
 * task {@link #attach} registers; queuing a build wakes it.
 */
final class IndexBuilder implements PeriodicTask {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuilder.class);
    private static final int CHUNK = 500;

    private final Store store;
    private final TableCatalog catalog;
    private final IndexStats stats;
    /** Builds still to do, in the order they were asked for; run by {@link #runOnce}. */
    private final Queue<Runnable> jobs = new ConcurrentLinkedQueue<>();
    /** Items left out of the indexes built so far: wrong key type, empty or oversized key. */
    private final AtomicLong skipped = new AtomicLong();

    private volatile BackgroundWork.Registration registration;

    IndexBuilder(Store store, TableCatalog catalog, IndexStats stats) {
        this.store = store;
        this.catalog = catalog;
        this.stats = stats;
    }

    /** Registers the builds' background task; builds queued before run once the scheduler starts. */
    void attach(BackgroundWork work) {
        registration = work.schedule("index-backfill", Duration.ofMinutes(1), this);
        registration.wake();
    }

    /** Takes the builds' task off the background work; queued builds stay queued. Idempotent. */
    void detach() {
        BackgroundWork.Registration r = registration;
        if (r != null) {
            r.cancel();
        }
    }

    /** How many items backfills have left out since this process started (see {@link IndexKeys#violation}). */
    long skipped() {
        return skipped.get();
    }

    /** Runs every queued build, oldest first. */
    @Override
    public void runOnce(Instant now) {
        for (Runnable job = jobs.poll(); job != null; job = jobs.poll()) {
            job.run();
        }
    }

    private void enqueue(Runnable job) {
        jobs.add(job);
        BackgroundWork.Registration r = registration;
        if (r != null) {
            r.wake();
        }
    }

    /** Queues builds of the indexes left CREATING by a previous run. */
    void resume() {
        List<TableMeta> tables;
        try (ReadView view = store.snapshot()) {
            tables = catalog.list(view);
        }
        for (TableMeta t : tables) {
            for (IndexDefinition i : t.globalIndexes()) {
                if (i.status() == IndexStatus.CREATING) {
                    backfill(t.name(), t.id(), i.name());
                }
            }
        }
    }

    void backfill(String tableName, long tableId, String indexName) {
        enqueue(() -> {
            try {
                build(tableName, tableId, indexName);
            } catch (RuntimeException e) {
                LOG.error("building index {} of table {} failed", indexName, tableName, e);
            }
        });
    }

    private void build(String tableName, long tableId, String indexName) {
        KeyRange all = ItemKeys.table(tableId);
        byte[] from = all.begin();
        while (from != null) {
            byte[] start = from;
            from = store.run(tx -> {
                IndexDefinition index = creating(catalog.find(tx, tableName), tableId, indexName);
                if (index == null) {
                    return null;
                }
                TableMeta table = catalog.find(tx, tableName);
                List<KeyValue> rows = tx.scan(new KeyRange(start, all.end()), CHUNK, false);
                for (KeyValue kv : rows) {
                    byte[] current = tx.get(kv.key());
                    if (current == null) {
                        continue;
                    }
                    Map<String, AttributeValue> item = ItemCodec.decode(current);
                    String violation = IndexKeys.violation(index, item);
                    if (violation != null) {
                        // DynamoDB leaves such an item out of the new index without failing the build;
                        // the operator learns of it here and through the skipped-items counter
                        skipped.incrementAndGet();
                        LOG.warn(
                                "index {} of table {}: item {} left out of the index: {}",
                                indexName,
                                tableName,
                                ItemKeys.keyOf(table, item),
                                violation);
                    } else if (IndexKeys.indexed(index, item)) {
                        tx.put(
                                IndexKeys.entryKey(table, index, item),
                                ItemCodec.encode(IndexKeys.project(table, index, item)));
                    }
                }
                if (rows.size() < CHUNK) {
                    return null;
                }
                byte[] last = rows.getLast().key();
                return Arrays.copyOf(last, last.length + 1);
            });
        }
        store.run(tx -> {
            TableMeta table = catalog.find(tx, tableName);
            if (creating(table, tableId, indexName) == null) {
                return null;
            }
            List<IndexDefinition> globals = new ArrayList<>();
            for (IndexDefinition i : table.globalIndexes()) {
                globals.add(
                        i.name().equals(indexName)
                                ? new IndexDefinition(
                                        i.name(),
                                        true,
                                        i.key(),
                                        i.projectionType(),
                                        i.nonKeyAttributes(),
                                        i.readCapacity(),
                                        i.writeCapacity(),
                                        IndexStatus.ACTIVE,
                                        false)
                                : i);
            }
            catalog.put(tx, table.toBuilder().globalIndexes(globals).build());
            return null;
        });
        stats.forget(tableId, indexName);
    }

    /** Adds the existing items of a table whose TTL was just enabled to its TTL index. */
    void backfillTtl(String tableName, long tableId) {
        enqueue(() -> {
            try {
                buildTtl(tableName, tableId);
            } catch (RuntimeException e) {
                LOG.error("indexing expiry times of table {} failed", tableName, e);
            }
        });
    }

    private void buildTtl(String tableName, long tableId) {
        KeyRange all = ItemKeys.table(tableId);
        byte[] from = all.begin();
        while (from != null) {
            byte[] start = from;
            from = store.run(tx -> {
                TableMeta table = catalog.find(tx, tableName);
                if (table == null || table.id() != tableId || !table.ttlEnabled()) {
                    return null;
                }
                List<KeyValue> rows = tx.scan(new KeyRange(start, all.end()), CHUNK, false);
                for (KeyValue kv : rows) {
                    byte[] current = tx.get(kv.key());
                    byte[] entry = current == null ? null : TtlIndex.key(table, ItemCodec.decode(current));
                    if (entry != null) {
                        tx.put(entry, new byte[0]);
                    }
                }
                if (rows.size() < CHUNK) {
                    return null;
                }
                byte[] last = rows.getLast().key();
                return Arrays.copyOf(last, last.length + 1);
            });
        }
    }

    /** The index if the table still exists (same incarnation) and the index is still being created. */
    private static IndexDefinition creating(TableMeta table, long tableId, String indexName) {
        if (table == null || table.id() != tableId) {
            return null;
        }
        for (IndexDefinition i : table.globalIndexes()) {
            if (i.name().equals(indexName) && i.status() == IndexStatus.CREATING) {
                return i;
            }
        }
        return null;
    }

    /** Removes every key of {@code range}, in transactions of bounded size. */
    void clear(KeyRange range) {
        byte[] from = range.begin();
        while (from != null) {
            byte[] start = from;
            from = store.run(tx -> {
                List<KeyValue> rows = tx.scan(new KeyRange(start, range.end()), CHUNK, false);
                for (KeyValue kv : rows) {
                    tx.clear(kv.key());
                }
                if (rows.size() < CHUNK) {
                    return null;
                }
                byte[] last = rows.getLast().key();
                return Arrays.copyOf(last, last.length + 1);
            });
        }
    }
}
