package dev.eddy.stream;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.table.TableDirectory;
import dev.eddy.table.TableMeta;
import dev.eddy.work.BackgroundWork;
import dev.eddy.work.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Background upkeep of streams, one pass at a time: closes shards older than their lifetime (each
 * gets one child; nothing else rolls shards over, so reads stay read-only), trims records older
 * than the retention with range deletes, forgets shards that were trimmed away entirely and
 * removes disabled streams once their retention has passed. Decisions use the time a pass is
 * given; only the pause between passes is real time.
 *
 * <p>Runs as the background task {@value #TASK} (in a cluster, one node will run it), every
 * quarter of the shard lifetime within 50 ms to 1 s, so an expired shard rolls over within about
 * a second.
 */
final class StreamKeeper implements PeriodicTask {
    /** The keeper's task name on the background work. */
    static final String TASK = "stream-keeper";

    private static final int TRIM_BATCH = 1000;

    private final ChangeLog log;
    private final Store store;
    private final StreamConfig config;
    private final TableDirectory tables;
    private volatile BackgroundWork.Registration registration;

    StreamKeeper(ChangeLog log, Store store, StreamConfig config, TableDirectory tables) {
        this.log = log;
        this.store = store;
        this.config = config;
        this.tables = tables;
    }

    /** Registers the keeper with {@code work}; its first pass runs as soon as the work starts. */
    void attach(BackgroundWork work) {
        Duration pause = Duration.ofMillis(
                Math.max(50, Math.min(1000, config.shardLifetime().toMillis() / 4)));
        registration = work.schedule(TASK, pause, this);
        registration.wake();
    }

    void detach() {
        BackgroundWork.Registration r = registration;
        if (r != null) {
            r.cancel();
        }
    }

    /** One pass at {@code at}; serialised with passes a test runs directly. */
    @Override
    public synchronized void runOnce(Instant at) {
        long now = at.toEpochMilli();
        for (StreamState s : log.states()) {
            Duration retention = retention(s.descriptor());
            StreamDescriptor d = s.descriptor();
            if (d.disabled() && retention != null && now - d.disabledMillis() > retention.toMillis()) {
                purge(s);
                continue;
            }
            rollExpired(s, now);
            if (retention != null) {
                for (Partition p : s.partitions) {
                    trim(s, p, now - retention.toMillis());
                }
            }
        }
    }

    /**
     * Rolls over the open shards of {@code s} older than the shard lifetime: each closes and
     * gets one child. The keeper is the only one that rolls shards over; reads never write.
     */
    void rollExpired(StreamState s, long now) {
        if (s.descriptor().disabled()) {
            return;
        }
        long life = config.shardLifetime().toMillis();
        boolean rolled = false;
        for (Partition p : s.partitions) {
            ShardState cur = p.current();
            if (cur.open() && now - cur.createdMillis() >= life) {
                rolled |= p.roll(store, now, true, cur.generation());
            }
        }
        if (rolled) {
            log.announce(s);
        }
    }

    private Duration retention(StreamDescriptor d) {
        TableMeta t = tables.find(d.tableName()).orElse(null);
        if (t != null && d.tableUuid().equals(t.uuid())) {
            return config.retentionFor(t.tags());
        }
        return config.retention();
    }

    /** Deletes records of {@code p} created before {@code cutoff}, oldest first, in batches. */
    private void trim(StreamState s, Partition p, long cutoff) {
        long id = s.id();
        // look at a few records first: on a busy stream the oldest one is usually still young, and
        // reading a full batch every pass would cost megabytes a second
        int batchSize = 16;
        while (true) {
            long floor = p.trimFloor();
            long visible = p.visible();
            if (floor > visible) {
                break;
            }
            List<KeyValue> batch;
            try (ReadView view = store.snapshot()) {
                batch = view.scan(StreamKeys.records(id, p.index, floor, visible), batchSize, false);
            }
            // the floor moves just past the last record actually deleted: a position in a gap after it
            // lost nothing and stays readable
            long lastOld = -1;
            boolean reachedYoung = false;
            for (KeyValue kv : batch) {
                long created = RecordCodec.createdMillis(kv.value());
                if (created >= cutoff) {
                    reachedYoung = true;
                    break;
                }
                lastOld = StreamKeys.seqOf(kv.key());
            }
            if (lastOld < 0) {
                break;
            }
            long newFloor = lastOld + 1;
            long target = newFloor;
            KeyRange range = StreamKeys.records(id, p.index, floor, target - 1);
            store.run(tx -> {
                tx.clearRange(range.begin(), range.end());
                StreamCatalog.putTrimFloor(tx, id, p.index, target);
                return null;
            });
            p.trimFloor(target);
            if (reachedYoung || batch.size() < batchSize) {
                break;
            }
            batchSize = TRIM_BATCH;
        }
        dropTrimmedShards(s, p, cutoff);
    }

    /** Forgets closed shards that closed before the cutoff and hold no record any more. */
    private void dropTrimmedShards(StreamState s, Partition p, long cutoff) {
        List<ShardState> gone = new ArrayList<>();
        List<ShardState> all = p.shards();
        for (int i = 0; i + 1 < all.size(); i++) {
            ShardState st = all.get(i);
            if (st.open() || all.get(i + 1).createdMillis() >= cutoff) {
                continue;
            }
            try (ReadView view = store.snapshot()) {
                if (view.scan(StreamKeys.records(s.id(), p.index, st.start(), st.end()), 1, false)
                        .isEmpty()) {
                    gone.add(st);
                }
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        store.run(tx -> {
            for (ShardState st : gone) {
                tx.clear(StreamKeys.shard(s.id(), st.partition(), st.generation()));
            }
            return null;
        });
        p.dropShards(gone);
    }

    /** Removes a disabled stream whose retention has passed: descriptor, shards, records, floors. */
    private void purge(StreamState s) {
        StreamDescriptor d = s.descriptor();
        for (Partition p : s.partitions) {
            KeyRange all = StreamKeys.allRecords(d.id(), p.index);
            // in batches: a range clear costs as much as the keys it removes
            while (true) {
                List<KeyValue> batch;
                try (ReadView view = store.snapshot()) {
                    batch = view.scan(all, TRIM_BATCH, false);
                }
                if (batch.isEmpty()) {
                    break;
                }
                byte[] begin = batch.getFirst().key();
                byte[] end = java.util.Arrays.copyOf(
                        batch.getLast().key(), batch.getLast().key().length + 1);
                store.run(tx -> {
                    tx.clearRange(begin, end);
                    return null;
                });
            }
        }
        store.run(tx -> {
            KeyRange shards = StreamKeys.shards(d.id());
            tx.clearRange(shards.begin(), shards.end());
            KeyRange trims = StreamKeys.allOfStream(d.id(), "trim");
            tx.clearRange(trims.begin(), trims.end());
            KeyRange counters = StreamKeys.allOfStream(d.id(), "seq");
            tx.clearRange(counters.begin(), counters.end());
            tx.clear(StreamKeys.descriptor(d.tableName(), d.label()));
            return null;
        });
        log.forget(s);
        log.announce(s);
    }
}
