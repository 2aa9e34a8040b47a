package dev.eddy.queue;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The messages of FIFO queues: send with deduplication and sequence numbers, receive in group order,
 * delete and change visibility with AWS's expired-handle rule.
 *
 * <p>Store layout (keys in {@link FifoKeys}): every message has its record where a standard
 * queue's is and an entry in its group's order; only the <em>head</em> of each group (its oldest
 * message) has a visibility entry, keyed by when the group can next be received: the head's own
 * visibility, or later while a message of the group is in flight. A receive therefore scans only
 * receivable groups, takes the head and the messages after it in order, and moves the group's entry
 * behind the in-flight ones; a delete or a visibility change recomputes the entry. Messages a
 * receive takes are among the first {@link #MAX_IN_FLIGHT} of their group, so the recomputation
 * reads at most that many.
 *
 * <p>Concurrency: every operation on a group reads its group record (conflict-checked) and writes
 * it when the head entry changes, so two receivers never take the same group, and a send into an
 * empty group cannot race a receive. Thread-safe (all state is in the store).
 */
final class FifoMessages {
    static final long DEDUP_WINDOW_MILLIS = 5 * 60 * 1000;
    static final int MAX_IN_FLIGHT = 10;
    private static final byte NEVER_RECEIVED = 0;
    private static final byte RECEIVED = 1;

    private final QueueCatalog catalog;
    private final QueueSignal signal;

    FifoMessages(QueueCatalog catalog, QueueSignal signal) {
        this.catalog = catalog;
        this.signal = signal;
    }

    /** Sends {@code m} (its body and attributes checked) to the FIFO queue {@code q}. */
    SentMessage send(Transaction tx, QueueDescriptor q, OutgoingMessage m, long nowMillis) {
        String dedupId = FifoRules.checkFifo(m, q);
        String scope = "messageGroup".equals(q.attribute(FifoAttributes.DEDUPLICATION_SCOPE)) ? m.groupId() : "";
        byte[] dedupKey = FifoKeys.dedup(q.id(), scope, dedupId);
        byte[] earlier = tx.get(dedupKey);
        if (earlier != null) {
            FifoCodec.Dedup first = FifoCodec.decodeDedup(earlier);
            if (nowMillis < first.sentMillis() + DEDUP_WINDOW_MILLIS) {
                // a duplicate is accepted and not delivered: the answer names the first send
                return new SentMessage(first.messageId(), Long.toString(first.sequence()));
            }
        }
        long delay = q.number(QueueAttributes.DELAY);
        StoredMessage stored = append(
                tx,
                q,
                new StoredMessage(
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
                        dedupId,
                        0),
                nowMillis);
        tx.put(dedupKey, FifoCodec.encode(new FifoCodec.Dedup(nowMillis, stored.sequenceNumber(), stored.messageId())));
        tx.put(FifoKeys.sweepSend(q.id(), nowMillis, m.groupId(), scope, dedupId), new byte[0]);
        return new SentMessage(stored.messageId(), Long.toString(stored.sequenceNumber()));
    }

    /**
     * Appends {@code m} at the end of its group in {@code q} with the group's next sequence number
     * (at least {@code nowMillis * 10^6}, so that numbers also grow across groups with time).
     */
    StoredMessage append(Transaction tx, QueueDescriptor q, StoredMessage m, long nowMillis) {
        byte[] groupKey = FifoKeys.group(q.id(), m.groupId());
        byte[] found = tx.get(groupKey);
        FifoCodec.Group g = found == null ? FifoCodec.Group.NEW : FifoCodec.decodeGroup(found);
        long sequence = Math.max(g.lastSequence() + 1, nowMillis * 1_000_000L);
        StoredMessage s = m.sequenced(sequence);
        tx.put(QueueKeys.message(q.id(), s), QueueCodec.encode(s));
        tx.put(
                FifoKeys.order(q.id(), s.groupId(), sequence),
                FifoCodec.encode(new FifoCodec.Ref(s.sentMillis(), s.messageId())));
        FifoCodec.Group next;
        if (g.hasHead()) {
            next = new FifoCodec.Group(sequence, g.headSequence(), g.entryAt(), g.headSentMillis(), g.headId());
        } else {
            next = new FifoCodec.Group(sequence, sequence, s.visibleAtMillis(), s.sentMillis(), s.messageId());
            tx.put(next.entryKey(q.id()), new byte[] {NEVER_RECEIVED});
        }
        tx.put(groupKey, FifoCodec.encode(next));
        wakeAfterCommit(tx, q.id());
        return s;
    }

    /**
     * Claims up to {@code max} messages receivable at {@code nowMillis}: whole runs of groups from
     * their heads, in order. Messages over the queue's {@code maxReceiveCount} move to the
     * dead-letter queue instead.
     */
    List<ReceivedMessage> claim(Transaction tx, Arn.Queue arn, QueueDescriptor q, int max, long timeout, long now) {
        List<KeyValue> due = tx.scan(QueueKeys.visibleAt(q.id(), now), max * Messages.WINDOW_FACTOR, false);
        List<ReceivedMessage> out = new ArrayList<>();
        int start = due.isEmpty() ? 0 : ThreadLocalRandom.current().nextInt(Math.min(due.size(), max * 2));
        for (int i = 0; i < due.size() && out.size() < max; i++) {
            KeyValue entry = due.get((start + i) % due.size());
            byte[] record = tx.get(QueueKeys.messageOfVisibility(entry.key()));
            if (record == null) {
                continue;
            }
            String group = QueueCodec.decodeMessage(record).groupId();
            byte[] groupRecord = tx.get(FifoKeys.group(q.id(), group));
            FifoCodec.Group g = groupRecord == null ? null : FifoCodec.decodeGroup(groupRecord);
            if (g != null && Arrays.equals(g.entryKey(q.id()), entry.key())) {
                claimGroup(tx, arn, q, group, g.headSequence(), max - out.size(), timeout, now, out);
            }
        }
        return out;
    }

    /**
     * A receive with a {@code ReceiveRequestAttemptId}: within five minutes of the first, returns the
     * messages that attempt returned that are still in flight under its handles (their visibility
     * timeout starts again), else receives afresh and remembers what it returned.
     */
    List<ReceivedMessage> claimAttempt(
            Transaction tx, Arn.Queue arn, QueueDescriptor q, int max, long timeout, long now, String attemptId) {
        byte[] key = FifoKeys.attempt(q.id(), attemptId);
        byte[] found = tx.get(key);
        if (found != null) {
            FifoCodec.Attempt earlier = FifoCodec.decodeAttempt(found);
            if (now < earlier.createdMillis() + DEDUP_WINDOW_MILLIS) {
                List<ReceivedMessage> again = replay(tx, q, earlier, timeout, now);
                if (!again.isEmpty()) {
                    return again;
                }
            }
        }
        List<ReceivedMessage> got = claim(tx, arn, q, max, timeout, now);
        if (!got.isEmpty()) {
            List<FifoCodec.Received> refs = new ArrayList<>();
            for (ReceivedMessage r : got) {
                StoredMessage m = r.message();
                refs.add(new FifoCodec.Received(m.sentMillis(), m.messageId(), m.receiptToken()));
            }
            tx.put(key, FifoCodec.encode(new FifoCodec.Attempt(now, refs)));
            tx.put(FifoKeys.sweepAttempt(q.id(), now, attemptId), new byte[0]);
        }
        return got;
    }

    private List<ReceivedMessage> replay(
            Transaction tx, QueueDescriptor q, FifoCodec.Attempt earlier, long timeout, long now) {
        List<ReceivedMessage> out = new ArrayList<>();
        java.util.Set<String> groups = new java.util.LinkedHashSet<>();
        for (FifoCodec.Received r : earlier.messages()) {
            byte[] record = tx.get(QueueKeys.message(q.id(), r.sentMillis(), r.messageId()));
            StoredMessage m = record == null ? null : QueueCodec.decodeMessage(record);
            if (m != null && m.receiptToken() == r.token() && m.visibleAtMillis() > now) {
                StoredMessage again = m.visibleAt(now + timeout * 1000);
                tx.put(QueueKeys.message(q.id(), again), QueueCodec.encode(again));
                out.add(new ReceivedMessage(
                        again, new ReceiptHandle(q.id(), m.sentMillis(), m.messageId(), r.token()).render()));
                groups.add(m.groupId());
            }
        }
        groups.forEach(g -> refreshGroup(tx, q.id(), g, now));
        return out;
    }

    private void claimGroup(
            Transaction tx,
            Arn.Queue arn,
            QueueDescriptor q,
            String group,
            long headSequence,
            int room,
            long timeout,
            long now,
            List<ReceivedMessage> out) {
        Optional<QueueAttributes.RedrivePolicy> redrive = QueueAttributes.redrivePolicy(q);
        int taken = 0;
        for (KeyValue kv : tx.scan(FifoKeys.orderFrom(q.id(), group, headSequence), room + MAX_IN_FLIGHT, false)) {
            if (taken == room) {
                break;
            }
            FifoCodec.Ref ref = FifoCodec.decodeRef(kv.value());
            byte[] record = tx.get(QueueKeys.message(q.id(), ref.sentMillis(), ref.messageId()));
            StoredMessage m = record == null ? null : QueueCodec.decodeMessage(record);
            if (m == null) {
                tx.clear(kv.key());
                continue;
            }
            if (m.visibleAtMillis() > now) {
                break; // the rest of the group comes after this one
            }
            if (redrive.isPresent()
                    && m.receiveCount() >= redrive.get().maxReceiveCount()
                    && deadLetter(tx, arn, q, m, redrive.get(), now)) {
                continue;
            }
            long token = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            StoredMessage claimed = m.received(now, now + timeout * 1000, token);
            tx.put(QueueKeys.message(q.id(), claimed), QueueCodec.encode(claimed));
            out.add(new ReceivedMessage(
                    claimed, new ReceiptHandle(q.id(), m.sentMillis(), m.messageId(), token).render()));
            taken++;
        }
        refreshGroup(tx, q.id(), group, now);
    }

    /** Moves {@code m} to the (FIFO) dead-letter queue; false (nothing moved) when that queue is gone. */
    private boolean deadLetter(
            Transaction tx,
            Arn.Queue source,
            QueueDescriptor q,
            StoredMessage m,
            QueueAttributes.RedrivePolicy policy,
            long now) {
        Optional<QueueDescriptor> dlq =
                catalog.find(tx, policy.deadLetterTarget().name());
        if (dlq.isEmpty() || !dlq.get().fifo() || !catalog.account().owns(policy.deadLetterTarget())) {
            return false;
        }
        remove(tx, q.id(), m);
        append(tx, dlq.get(), m.deadLettered(source.toString(), now), now);
        return true;
    }

    /** Deletes the message {@code h} names, if the handle is the message's latest and still in flight. */
    void delete(Transaction tx, QueueDescriptor q, ReceiptHandle h, String handle, long now) {
        byte[] record = tx.get(QueueKeys.message(q.id(), h.sentMillis(), h.messageId()));
        if (record == null) {
            return; // already deleted
        }
        StoredMessage m = QueueCodec.decodeMessage(record);
        checkCurrent(m, h, handle, now);
        remove(tx, q.id(), m);
        refreshGroup(tx, q.id(), m.groupId(), now);
    }

    /** Makes the message {@code h} names invisible for {@code timeoutSeconds} from now. */
    void changeVisibility(Transaction tx, QueueDescriptor q, ReceiptHandle h, String handle, int seconds, long now) {
        byte[] record = tx.get(QueueKeys.message(q.id(), h.sentMillis(), h.messageId()));
        StoredMessage m = record == null ? null : QueueCodec.decodeMessage(record);
        if (m == null || m.receiveCount() == 0) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    "Value " + handle + " for parameter ReceiptHandle is invalid. Reason: Message does not exist"
                            + " or is not available for visibility timeout change.");
        }
        checkCurrent(m, h, handle, now);
        StoredMessage changed = m.visibleAt(now + seconds * 1000L);
        tx.put(QueueKeys.message(q.id(), changed), QueueCodec.encode(changed));
        refreshGroup(tx, q.id(), m.groupId(), now);
    }

    /** A FIFO handle acts only while it is the message's latest and the message is in flight. */
    private static void checkCurrent(StoredMessage m, ReceiptHandle h, String handle, long now) {
        if (m.receiptToken() != h.token() || m.visibleAtMillis() <= now) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    "Value " + handle + " for parameter ReceiptHandle is invalid. Reason: The receipt handle has"
                            + " expired.");
        }
    }

    /** Removes a message's record and its place in its group (the caller refreshes the group). */
    static void remove(Transaction tx, long queueId, StoredMessage m) {
        tx.clear(QueueKeys.message(queueId, m));
        tx.clear(FifoKeys.order(queueId, m.groupId(), m.sequenceNumber()));
    }

    /**
     * Recomputes the visibility entry of a group after its messages changed: at its head, receivable
     * once the head is visible and no message of the group is in flight. Wakes receivers when the
     * group became receivable.
     */
    void refreshGroup(Transaction tx, long queueId, String group, long now) {
        byte[] groupKey = FifoKeys.group(queueId, group);
        byte[] found = tx.get(groupKey);
        FifoCodec.Group g = found == null ? FifoCodec.Group.NEW : FifoCodec.decodeGroup(found);
        StoredMessage head = null;
        long at = 0;
        // the messages before the head are gone: start at the head (or after the last one when empty)
        Long from = found == null ? null : g.hasHead() ? g.headSequence() : g.lastSequence() + 1;
        for (KeyValue kv : tx.scan(FifoKeys.orderFrom(queueId, group, from), MAX_IN_FLIGHT, false)) {
            FifoCodec.Ref ref = FifoCodec.decodeRef(kv.value());
            byte[] record = tx.get(QueueKeys.message(queueId, ref.sentMillis(), ref.messageId()));
            if (record == null) {
                tx.clear(kv.key());
                continue;
            }
            StoredMessage m = QueueCodec.decodeMessage(record);
            if (head == null) {
                head = m;
                at = m.visibleAtMillis();
            } else if (m.receiveCount() > 0) {
                at = Math.max(at, m.visibleAtMillis());
            }
        }
        FifoCodec.Group next = head == null
                ? new FifoCodec.Group(g.lastSequence(), 0, 0, 0, "")
                : new FifoCodec.Group(g.lastSequence(), head.sequenceNumber(), at, head.sentMillis(), head.messageId());
        if (next.equals(g)) {
            return;
        }
        if (g.hasHead()) {
            tx.clear(g.entryKey(queueId));
        }
        if (next.hasHead()) {
            tx.put(next.entryKey(queueId), new byte[] {head.receiveCount() > 0 ? RECEIVED : NEVER_RECEIVED});
            if (at <= now && (!g.hasHead() || g.entryAt() > now)) {
                wakeAfterCommit(tx, queueId);
            }
        }
        tx.put(groupKey, FifoCodec.encode(next));
    }

    private void wakeAfterCommit(Transaction tx, long queueId) {
        tx.afterCompletion(committed -> {
            if (committed) {
                signal.signal(queueId);
            }
        });
    }
}
