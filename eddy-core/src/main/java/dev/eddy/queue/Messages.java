package dev.eddy.queue;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The messages of queues in the store: send, claim for a receive, delete, change visibility, purge,
 * expire. Each message has a record and one visibility entry keyed by when it can next be received;
 * a receive scans the entries due now and moves the ones it claims into the future.
 *
 * <p>Concurrent receivers: a claim reads the message record (conflict-checked) and rewrites it, so
 * two receivers that claim the same message conflict and one of them retries on fresh state; a
 * message is never handed out twice within its visibility timeout. To keep conflicts rare with many
 * receivers, each receive looks at a window of up to {@link #WINDOW_FACTOR} times the messages it
 * wants and starts claiming at a random place in it, so receivers spread over the head of the queue
 * instead of all taking the first message (standard queues promise no order).
 *
 * <p>Thread-safe (all state is in the store).
 */
final class Messages {
    static final int WINDOW_FACTOR = 8;
    private static final byte NEVER_RECEIVED = 0;
    private static final byte RECEIVED = 1;

    private final Store store;
    private final QueueCatalog catalog;
    private final QueueSignal signal;
    private final FifoMessages fifo;

    Messages(Store store, QueueCatalog catalog, QueueSignal signal, FifoMessages fifo) {
        this.store = store;
        this.catalog = catalog;
        this.signal = signal;
        this.fifo = fifo;
    }

    SentMessage send(Transaction tx, QueueDescriptor q, OutgoingMessage m, long nowMillis) {
        MessageRules.check(m, q.number(QueueAttributes.MAX_SIZE));
        if (q.fifo()) {
            return fifo.send(tx, q, m, nowMillis);
        }
        FifoRules.checkStandard(m);
        long delay = m.delaySeconds() != null ? m.delaySeconds() : q.number(QueueAttributes.DELAY);
        StoredMessage stored = new StoredMessage(
                UUID.randomUUID().toString(),
                m.body(),
                m.attributes(),
                m.traceHeader(),
                nowMillis,
                0,
                0,
                nowMillis + delay * 1000,
                0,
                null,
                m.groupId(),
                null,
                0);
        write(tx, q.id(), stored, NEVER_RECEIVED);
        wakeAfterCommit(tx, q.id());
        return new SentMessage(stored.messageId());
    }

    /**
     * Claims up to {@code max} messages receivable at {@code nowMillis}, in one transaction; messages
     * over their queue's {@code maxReceiveCount} move to the dead-letter queue instead.
     */
    List<ReceivedMessage> claim(Arn.Queue arn, ReceiveOptions options, long nowMillis) {
        int max = options.maxMessages();
        return store.run(tx -> {
            QueueDescriptor q = catalog.get(tx, arn);
            Integer visibilityTimeout = options.visibilityTimeout();
            long timeout = visibilityTimeout != null ? visibilityTimeout : q.number(QueueAttributes.VISIBILITY_TIMEOUT);
            if (q.fifo()) {
                return options.attemptId() == null
                        ? fifo.claim(tx, arn, q, max, timeout, nowMillis)
                        : fifo.claimAttempt(tx, arn, q, max, timeout, nowMillis, options.attemptId());
            }
            List<KeyValue> due = tx.scan(QueueKeys.visibleAt(q.id(), nowMillis), max * WINDOW_FACTOR, false);
            Optional<QueueAttributes.RedrivePolicy> redrive = QueueAttributes.redrivePolicy(q);
            List<ReceivedMessage> out = new ArrayList<>();
            int start = due.isEmpty() ? 0 : ThreadLocalRandom.current().nextInt(Math.min(due.size(), max * 2));
            for (int i = 0; i < due.size() && out.size() < max; i++) {
                KeyValue entry = due.get((start + i) % due.size());
                byte[] record = tx.get(QueueKeys.messageOfVisibility(entry.key()));
                if (record == null) {
                    continue;
                }
                StoredMessage m = QueueCodec.decodeMessage(record);
                tx.clear(entry.key());
                if (redrive.isPresent()
                        && m.receiveCount() >= redrive.get().maxReceiveCount()
                        && deadLetter(tx, arn, q, m, redrive.get(), nowMillis)) {
                    continue;
                }
                long token = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
                StoredMessage claimed = m.received(nowMillis, nowMillis + timeout * 1000, token);
                write(tx, q.id(), claimed, RECEIVED);
                out.add(new ReceivedMessage(
                        claimed, new ReceiptHandle(q.id(), m.sentMillis(), m.messageId(), token).render()));
            }
            return out;
        });
    }

    /** Moves {@code m} to the dead-letter queue; false (and nothing moved) when that queue is gone. */
    private boolean deadLetter(
            Transaction tx,
            Arn.Queue source,
            QueueDescriptor q,
            StoredMessage m,
            QueueAttributes.RedrivePolicy policy,
            long nowMillis) {
        Optional<QueueDescriptor> dlq =
                catalog.find(tx, policy.deadLetterTarget().name());
        if (dlq.isEmpty() || !catalog.account().owns(policy.deadLetterTarget())) {
            return false;
        }
        tx.clear(QueueKeys.message(q.id(), m));
        write(tx, dlq.get().id(), m.deadLettered(source.toString(), nowMillis), NEVER_RECEIVED);
        wakeAfterCommit(tx, dlq.get().id());
        return true;
    }

    /**
     * Puts {@code m} into queue {@code queueId} as a message never received, waking its receivers
     * once {@code tx} commits (a move task's step; the caller removed it from where it was).
     */
    void putMoved(Transaction tx, long queueId, StoredMessage m) {
        write(tx, queueId, m, NEVER_RECEIVED);
        wakeAfterCommit(tx, queueId);
    }

    void delete(Arn.Queue arn, String handle, long nowMillis) {
        ReceiptHandle h = ReceiptHandle.parse(handle);
        store.run(tx -> {
            QueueDescriptor q = catalog.get(tx, arn);
            checkQueue(h, q, handle);
            if (q.fifo()) {
                fifo.delete(tx, q, h, handle, nowMillis);
                return null;
            }
            byte[] key = QueueKeys.message(q.id(), h.sentMillis(), h.messageId());
            byte[] record = tx.get(key);
            if (record != null) {
                // a standard queue deletes with any handle of the message, also an older one
                tx.clear(QueueKeys.visibility(q.id(), QueueCodec.decodeMessage(record)));
                tx.clear(key);
            }
            return null;
        });
    }

    void changeVisibility(Arn.Queue arn, String handle, int timeoutSeconds, long nowMillis) {
        ReceiptHandle h = ReceiptHandle.parse(handle);
        if (timeoutSeconds < 0 || timeoutSeconds > 43_200) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    "Value " + timeoutSeconds + " for parameter VisibilityTimeout is invalid. Reason: Must be >= 0"
                            + " and <= 43200, if provided.");
        }
        store.run(tx -> {
            QueueDescriptor q = catalog.get(tx, arn);
            checkQueue(h, q, handle);
            if (q.fifo()) {
                fifo.changeVisibility(tx, q, h, handle, timeoutSeconds, nowMillis);
                return null;
            }
            byte[] record = tx.get(QueueKeys.message(q.id(), h.sentMillis(), h.messageId()));
            StoredMessage m = record == null ? null : QueueCodec.decodeMessage(record);
            if (m == null || m.receiveCount() == 0) {
                throw new EddyException(
                        ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                        "Value " + handle + " for parameter ReceiptHandle is invalid. Reason: Message does not exist"
                                + " or is not available for visibility timeout change.");
            }
            if (m.visibleAtMillis() <= nowMillis && timeoutSeconds > 0) {
                return null; // its visibility already expired: AWS answers 200 and changes nothing
            }
            tx.clear(QueueKeys.visibility(q.id(), m));
            write(tx, q.id(), m.visibleAt(nowMillis + timeoutSeconds * 1000L), RECEIVED);
            if (timeoutSeconds == 0) {
                wakeAfterCommit(tx, q.id());
            }
            return null;
        });
    }

    private static void checkQueue(ReceiptHandle h, QueueDescriptor q, String handle) {
        if (h.queueId() != q.id()) {
            throw new EddyException(
                    ErrorCode.SQS_RECEIPT_HANDLE_IS_INVALID,
                    "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
        }
    }

    /** Removes every message of queue {@code queueId}, a bounded number per transaction. */
    void clearAll(long queueId) {
        while (clearBatch(QueueKeys.messages(queueId), queueId)) {
            // next batch
        }
    }

    /** Removes the messages of the queue sent before {@code cutoffMillis}; returns how many. */
    int expire(long queueId, long cutoffMillis) {
        int n = 0;
        while (true) {
            int removed = store.run(tx -> {
                List<KeyValue> old = tx.scan(QueueKeys.messagesBefore(queueId, cutoffMillis), 500, false);
                for (KeyValue kv : old) {
                    tx.clear(QueueKeys.visibility(queueId, QueueCodec.decodeMessage(kv.value())));
                    tx.clear(kv.key());
                }
                return old.size();
            });
            n += removed;
            if (removed < 500) {
                return n;
            }
        }
    }

    private boolean clearBatch(KeyRange range, long queueId) {
        return store.run(tx -> {
            List<KeyValue> batch = tx.scan(range, 500, false);
            for (KeyValue kv : batch) {
                tx.clear(QueueKeys.visibility(queueId, QueueCodec.decodeMessage(kv.value())));
                tx.clear(kv.key());
            }
            return batch.size() == 500;
        });
    }

    /** Visible, in flight and delayed messages, counted from the visibility entries. */
    long[] counts(long queueId, long nowMillis) {
        try (ReadView view = store.snapshot()) {
            long visible =
                    view.scan(QueueKeys.visibleAt(queueId, nowMillis), 0, false).size();
            long inFlight = 0;
            long delayed = 0;
            for (KeyValue kv : view.scan(QueueKeys.invisibleAt(queueId, nowMillis), 0, false)) {
                if (kv.value().length > 0 && kv.value()[0] == RECEIVED) {
                    inFlight++;
                } else {
                    delayed++;
                }
            }
            return new long[] {visible, inFlight, delayed};
        }
    }

    /** When the next message that is not receivable at {@code nowMillis} becomes so, if any. */
    Optional<Long> nextVisible(long queueId, long nowMillis) {
        try (ReadView view = store.snapshot()) {
            List<KeyValue> next = view.scan(QueueKeys.invisibleAt(queueId, nowMillis), 1, false);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            byte[] key = next.getFirst().key();
            return Optional.of(dev.eddy.store.Tuple.unpack(java.util.Arrays.copyOfRange(key, 1, key.length))
                    .getLong(1));
        }
    }

    private static void write(Transaction tx, long queueId, StoredMessage m, byte state) {
        tx.put(QueueKeys.message(queueId, m), QueueCodec.encode(m));
        tx.put(QueueKeys.visibility(queueId, m), new byte[] {state});
    }

    private void wakeAfterCommit(Transaction tx, long queueId) {
        tx.afterCompletion(committed -> {
            if (committed) {
                signal.signal(queueId);
            }
        });
    }
}
