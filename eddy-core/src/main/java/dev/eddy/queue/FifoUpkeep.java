package dev.eddy.queue;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Tuple;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The upkeep of FIFO queues: counting their messages, dropping expired or purged ones (keeping the
 * groups' heads right), forgetting deduplication ids and receive attempts after five minutes, and
 * removing everything of a deleted queue. Each step is a bounded transaction. Thread-safe.
 */
final class FifoUpkeep {
    private static final int BATCH = 500;

    private final Store store;
    private final FifoMessages fifo;

    FifoUpkeep(Store store, FifoMessages fifo) {
        this.store = store;
        this.fifo = fifo;
    }

    /**
     * Visible, in flight and delayed messages, counted from the message records (only group heads
     * have visibility entries). A message waiting behind an in-flight one of its group counts as
     * visible, as it is neither in flight nor delayed.
     */
    long[] counts(long queueId, long nowMillis) {
        long[] counts = new long[3];
        try (ReadView view = store.snapshot()) {
            for (KeyValue kv : view.scan(QueueKeys.messages(queueId), 0, false)) {
                StoredMessage m = QueueCodec.decodeMessage(kv.value());
                if (m.visibleAtMillis() <= nowMillis) {
                    counts[0]++;
                } else if (m.receiveCount() > 0) {
                    counts[1]++;
                } else {
                    counts[2]++;
                }
            }
        }
        return counts;
    }

    /** Removes the messages sent before {@code cutoffMillis} (all of them: purge); returns how many. */
    int removeSentBefore(long queueId, long cutoffMillis, long nowMillis) {
        int n = 0;
        while (true) {
            int removed = store.run(tx -> {
                List<KeyValue> old = tx.scan(QueueKeys.messagesBefore(queueId, cutoffMillis), BATCH, false);
                Set<String> groups = new LinkedHashSet<>();
                for (KeyValue kv : old) {
                    StoredMessage m = QueueCodec.decodeMessage(kv.value());
                    FifoMessages.remove(tx, queueId, m);
                    groups.add(m.groupId());
                }
                groups.forEach(g -> fifo.refreshGroup(tx, queueId, g, nowMillis));
                return old.size();
            });
            n += removed;
            if (removed < BATCH) {
                return n;
            }
        }
    }

    /**
     * Forgets deduplication ids and receive attempts older than five minutes, and the records of
     * groups that have had no message for as long (their sequence numbers are then far behind any
     * new one).
     */
    void sweep(long queueId, long nowMillis) {
        long cutoff = nowMillis - FifoMessages.DEDUP_WINDOW_MILLIS;
        while (store.run(tx -> {
            List<KeyValue> due = tx.scan(FifoKeys.sweepBefore(queueId, cutoff), BATCH, false);
            for (KeyValue kv : due) {
                Tuple t = FifoKeys.tuple(kv.key());
                long at = t.getLong(2);
                if (t.getString(3).equals(FifoKeys.SEND)) {
                    byte[] dedupKey = FifoKeys.dedup(queueId, t.getString(5), t.getString(6));
                    byte[] dedup = tx.get(dedupKey);
                    if (dedup != null && FifoCodec.decodeDedup(dedup).sentMillis() == at) {
                        tx.clear(dedupKey);
                    }
                    byte[] groupKey = FifoKeys.group(queueId, t.getString(4));
                    byte[] group = tx.get(groupKey);
                    if (group != null) {
                        FifoCodec.Group g = FifoCodec.decodeGroup(group);
                        if (!g.hasHead() && g.lastSequence() / 1_000_000L < cutoff) {
                            tx.clear(groupKey);
                        }
                    }
                } else {
                    byte[] attemptKey = FifoKeys.attempt(queueId, t.getString(4));
                    byte[] attempt = tx.get(attemptKey);
                    if (attempt != null && FifoCodec.decodeAttempt(attempt).createdMillis() == at) {
                        tx.clear(attemptKey);
                    }
                }
                tx.clear(kv.key());
            }
            return due.size() == BATCH;
        })) {
            // next batch
        }
    }

    /** Removes every FIFO record and visibility entry of a deleted queue. */
    void forget(long queueId) {
        for (String prefix : FifoKeys.PREFIXES) {
            clear(FifoKeys.all(prefix, queueId));
        }
        clear(QueueKeys.visibilities(queueId));
    }

    private void clear(KeyRange range) {
        while (store.run(tx -> {
            List<KeyValue> batch = tx.scan(range, BATCH, false);
            batch.forEach(kv -> tx.clear(kv.key()));
            return batch.size() == BATCH;
        })) {
            // next batch
        }
    }
}
