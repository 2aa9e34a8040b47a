package dev.eddy.queue;

import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Tuple;

/** The store keys of the queue package (see {@link QueueCodec} for the values). Stateless. */
final class QueueKeys {
    private QueueKeys() {}

    static byte[] queue(String name) {
        return Keyspace.QUEUE_META.key(Tuple.of("queue", name));
    }

    static KeyRange queues() {
        return Keyspace.QUEUE_META.range(Tuple.of("queue"));
    }

    static byte[] nextId() {
        return Keyspace.QUEUE_META.key(Tuple.of("next-id"));
    }

    static byte[] message(long queueId, long sentMillis, String messageId) {
        return Keyspace.QUEUE_MESSAGE.key(Tuple.of(queueId, sentMillis, messageId));
    }

    static byte[] message(long queueId, StoredMessage m) {
        return message(queueId, m.sentMillis(), m.messageId());
    }

    /** The messages of a queue sent before {@code beforeMillis}, in send order. */
    static KeyRange messagesBefore(long queueId, long beforeMillis) {
        return new KeyRange(
                Keyspace.QUEUE_MESSAGE.range(Tuple.of(queueId)).begin(),
                Keyspace.QUEUE_MESSAGE.key(Tuple.of(queueId, beforeMillis)));
    }

    static KeyRange messages(long queueId) {
        return Keyspace.QUEUE_MESSAGE.range(Tuple.of(queueId));
    }

    static byte[] visibility(long queueId, StoredMessage m) {
        return Keyspace.QUEUE_VISIBILITY.key(Tuple.of(queueId, m.visibleAtMillis(), m.sentMillis(), m.messageId()));
    }

    /** The visibility entries of messages receivable at {@code nowMillis}, earliest first. */
    static KeyRange visibleAt(long queueId, long nowMillis) {
        return new KeyRange(
                Keyspace.QUEUE_VISIBILITY.range(Tuple.of(queueId)).begin(),
                Keyspace.QUEUE_VISIBILITY.key(Tuple.of(queueId, nowMillis + 1)));
    }

    /** The visibility entries of messages not receivable at {@code nowMillis}. */
    static KeyRange invisibleAt(long queueId, long nowMillis) {
        return new KeyRange(
                Keyspace.QUEUE_VISIBILITY.key(Tuple.of(queueId, nowMillis + 1)),
                Keyspace.QUEUE_VISIBILITY.range(Tuple.of(queueId)).end());
    }

    static KeyRange visibilities(long queueId) {
        return Keyspace.QUEUE_VISIBILITY.range(Tuple.of(queueId));
    }

    /** The message key named by a visibility entry's key. */
    static byte[] messageOfVisibility(byte[] visibilityKey) {
        Tuple t = Tuple.unpack(java.util.Arrays.copyOfRange(visibilityKey, 1, visibilityKey.length));
        return message(t.getLong(0), t.getLong(2), t.getString(3));
    }
}
