package dev.eddy.queue;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import java.time.Duration;
import java.util.List;

/**
 * AWS's 60-second rules: a queue name cannot be used again within 60 s of the queue's deletion
 * (QueueDeletedRecently), and a queue can be purged once every 60 s (PurgeQueueInProgress).
 *
 * <p>Store layout, in {@link Keyspace#QUEUE_META}: {@code ("deleted", name)} and
 * {@code ("purged", queueId)}, each the time of the deletion or purge (8 bytes, epoch
 * milliseconds). Both are read and written inside the transaction that creates, deletes or purges,
 * so two purges at once conflict and one of them is refused. Entries older than the cooldown are
 * dropped by {@link #sweep}. Stateless.
 */
final class QueueCooldowns {
    static final Duration COOLDOWN = Duration.ofSeconds(60);

    private QueueCooldowns() {}

    /** @throws EddyException QueueDeletedRecently when a queue of this name was deleted less than 60 s ago */
    static void checkCreate(Transaction tx, String name, long nowMillis) {
        byte[] key = deleted(name);
        byte[] at = tx.get(key);
        if (at == null) {
            return;
        }
        if (nowMillis - QueueCodec.decodeLong(at) < COOLDOWN.toMillis()) {
            throw new EddyException(
                    ErrorCode.SQS_QUEUE_DELETED_RECENTLY,
                    "You must wait 60 seconds after deleting a queue before you can create another with the same"
                            + " name.");
        }
        tx.clear(key);
    }

    static void markDeleted(Transaction tx, QueueDescriptor d, long nowMillis) {
        tx.put(deleted(d.name()), QueueCodec.encodeLong(nowMillis));
        tx.clear(purged(d.id()));
    }

    /** Records a purge of {@code d}. @throws EddyException PurgeQueueInProgress within 60 s of the last one */
    static void startPurge(Transaction tx, QueueDescriptor d, long nowMillis) {
        byte[] key = purged(d.id());
        byte[] at = tx.get(key);
        if (at != null && nowMillis - QueueCodec.decodeLong(at) < COOLDOWN.toMillis()) {
            throw new EddyException(
                    ErrorCode.SQS_PURGE_QUEUE_IN_PROGRESS,
                    "Only one PurgeQueue operation on " + d.name() + " is allowed every 60 seconds.");
        }
        tx.put(key, QueueCodec.encodeLong(nowMillis));
    }

    /** Drops the entries whose 60 seconds are over at {@code nowMillis}. */
    static void sweep(Store store, long nowMillis) {
        for (String kind : List.of("deleted", "purged")) {
            store.run(tx -> {
                for (KeyValue kv : tx.scan(Keyspace.QUEUE_META.range(Tuple.of(kind)), 0, false)) {
                    if (nowMillis - QueueCodec.decodeLong(kv.value()) >= COOLDOWN.toMillis()) {
                        tx.clear(kv.key());
                    }
                }
                return null;
            });
        }
    }

    private static byte[] deleted(String name) {
        return Keyspace.QUEUE_META.key(Tuple.of("deleted", name));
    }

    private static byte[] purged(long queueId) {
        return Keyspace.QUEUE_META.key(Tuple.of("purged", queueId));
    }
}
