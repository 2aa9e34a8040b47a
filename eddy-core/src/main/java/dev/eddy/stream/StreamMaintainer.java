package dev.eddy.stream;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.item.Items;
import dev.eddy.store.Transaction;
import dev.eddy.table.ItemWrite;
import dev.eddy.table.StreamViewType;
import dev.eddy.table.TableMeta;
import dev.eddy.table.WriteMaintainer;
import dev.eddy.table.WriteOrigin;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Derives the stream record of an item write inside the write's transaction (DynamoDB's rules:
 * INSERT / MODIFY / REMOVE, nothing for a write that changes nothing, images per view type), and
 * creates or disables streams as table descriptions change. The record gets its sequence number
 * through the transaction's commit hooks, so the table engine writes through the plain store.
 */
final class StreamMaintainer implements WriteMaintainer {
    private final ChangeLog log;
    private final InstantSource clock;

    StreamMaintainer(ChangeLog log, InstantSource clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void onWrite(Transaction tx, TableMeta table, ItemWrite write) {
        if (!table.streamEnabled() || table.latestStreamLabel() == null || write.unchanged()) {
            return;
        }
        StreamState stream = log.state(table.name(), table.latestStreamLabel());
        StreamViewType view = stream.descriptor().viewType();
        Map<String, AttributeValue> oldItem = write.oldItem();
        Map<String, AttributeValue> newItem = write.newItem();
        ChangeRecord.EventName name = oldItem == null
                ? ChangeRecord.EventName.INSERT
                : newItem == null ? ChangeRecord.EventName.REMOVE : ChangeRecord.EventName.MODIFY;
        Map<String, AttributeValue> source = newItem != null ? newItem : oldItem;
        Map<String, AttributeValue> keys = new LinkedHashMap<>(4);
        for (String k : table.key().names()) {
            keys.put(k, source.get(k));
        }
        // the images are the bytes the write stored and read: neither encoded nor sized again
        boolean withNew = view.hasNewImage() && newItem != null;
        boolean withOld = view.hasOldImage() && oldItem != null;
        long size = Items.size(keys) + (withNew ? write.newSize() : 0) + (withOld ? write.oldSize() : 0);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] payload = RecordCodec.encode(
                name,
                write.origin() == WriteOrigin.TTL,
                clock.millis(),
                r.nextLong(),
                r.nextLong(),
                ItemCodec.encode(keys),
                withNew ? write.newBytes() : null,
                withOld ? write.oldBytes() : null,
                size);
        append(tx, stream.partitionOf(keys.get(table.key().hashName())), payload);
    }

    /**
     * Numbers the record when the transaction commits (in memory on a single node, so that
     * concurrent writers of one shard never conflict; through the lineage's counter in the store
     * when nodes share it); the number is resolved whatever the outcome, so that the watermark can
     * pass it.
     */
    private static void append(Transaction tx, Partition p, byte[] payload) {
        tx.beforeCommit(() -> {
            long seq = p.assign(tx);
            tx.afterCompletion(committed -> p.resolve(seq, committed));
            // nobody else writes this number's key: no conflict tracking for it
            tx.putUnique(p.recordKey(seq), payload);
        });
    }

    @Override
    public void onTableChange(Transaction tx, TableMeta before, TableMeta after) {
        log.tableChanging(tx, before, after);
    }

    @Override
    public void afterTableChange(TableMeta before, TableMeta after) {
        log.tableChanged(before, after);
    }
}
