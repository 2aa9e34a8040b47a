package dev.eddy.queue;

import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Tuple;

/**
 * The store keys of FIFO queues, in {@link Keyspace#QUEUE_META} beside the queue descriptors (see
 * {@link FifoCodec} for the values):
 *
 * <pre>
 * ("fifo-group", queueId, groupId)            -> group: last sequence number, its head entry
 * ("fifo-order", queueId, groupId, sequence)  -> (sentMillis, messageId): the group in send order
 * ("fifo-dedup", queueId, scope, dedupId)     -> the first send of that id (5 minutes)
 * ("fifo-attempt", queueId, attemptId)        -> what a receive attempt returned (5 minutes)
 * ("fifo-sweep", queueId, atMillis, "send", groupId, scope, dedupId)
 * ("fifo-sweep", queueId, atMillis, "attempt", attemptId)  -> empty: what to forget when
 * </pre>
 *
 * The scope of a deduplication id is "" (per queue) or the group id. Stateless.
 */
final class FifoKeys {
    static final String SEND = "send";
    static final String ATTEMPT = "attempt";
    static final String[] PREFIXES = {"fifo-group", "fifo-order", "fifo-dedup", "fifo-attempt", "fifo-sweep"};

    private FifoKeys() {}

    static byte[] group(long queueId, String groupId) {
        return Keyspace.QUEUE_META.key(Tuple.of("fifo-group", queueId, groupId));
    }

    static byte[] order(long queueId, String groupId, long sequence) {
        return Keyspace.QUEUE_META.key(Tuple.of("fifo-order", queueId, groupId, sequence));
    }

    /** The group's messages in send order, from sequence number {@code from} on. */
    static KeyRange orderFrom(long queueId, String groupId, Long from) {
        KeyRange all = Keyspace.QUEUE_META.range(Tuple.of("fifo-order", queueId, groupId));
        return from == null ? all : new KeyRange(order(queueId, groupId, from.longValue()), all.end());
    }

    static byte[] dedup(long queueId, String scope, String deduplicationId) {
        return Keyspace.QUEUE_META.key(Tuple.of("fifo-dedup", queueId, scope, deduplicationId));
    }

    static byte[] attempt(long queueId, String attemptId) {
        return Keyspace.QUEUE_META.key(Tuple.of("fifo-attempt", queueId, attemptId));
    }

    static byte[] sweepSend(long queueId, long atMillis, String groupId, String scope, String deduplicationId) {
        return Keyspace.QUEUE_META.key(
                Tuple.of("fifo-sweep", queueId, atMillis, SEND, groupId, scope, deduplicationId));
    }

    static byte[] sweepAttempt(long queueId, long atMillis, String attemptId) {
        return Keyspace.QUEUE_META.key(Tuple.of("fifo-sweep", queueId, atMillis, ATTEMPT, attemptId));
    }

    /** The sweep entries of a queue due before {@code beforeMillis}. */
    static KeyRange sweepBefore(long queueId, long beforeMillis) {
        return new KeyRange(
                Keyspace.QUEUE_META.range(Tuple.of("fifo-sweep", queueId)).begin(),
                Keyspace.QUEUE_META.key(Tuple.of("fifo-sweep", queueId, beforeMillis)));
    }

    /** Every key of one kind ({@link #PREFIXES}) of a queue. */
    static KeyRange all(String prefix, long queueId) {
        return Keyspace.QUEUE_META.range(Tuple.of(prefix, queueId));
    }

    /** The visibility entry of a group's head: receivable from {@code atMillis}. */
    static byte[] entry(long queueId, long atMillis, long sentMillis, String messageId) {
        return Keyspace.QUEUE_VISIBILITY.key(Tuple.of(queueId, atMillis, sentMillis, messageId));
    }

    /** The tuple of a key of {@link Keyspace#QUEUE_META}. */
    static Tuple tuple(byte[] key) {
        return Tuple.unpack(java.util.Arrays.copyOfRange(key, 1, key.length));
    }
}
