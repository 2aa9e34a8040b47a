package dev.eddy.queue;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Queue descriptors in the store: create (idempotent on identical attributes), look up, list,
 * change attributes and tags, delete. Thread-safe (all state is in the store).
 */
final class QueueCatalog {
    private final Store store;
    private final Account account;

    QueueCatalog(Store store, Account account) {
        this.store = store;
        this.account = account;
    }

    Account account() {
        return account;
    }

    QueueDescriptor create(String name, Map<String, String> requested, Map<String, String> tags, long nowMillis) {
        Map<String, String> attributes = FifoAttributes.validateCreate(name, requested);
        return store.run(tx -> {
            checkDeadLetterTarget(tx, name, attributes);
            byte[] key = QueueKeys.queue(name);
            byte[] existing = tx.get(key);
            if (existing != null) {
                QueueDescriptor d = QueueCodec.decodeQueue(existing);
                for (Map.Entry<String, String> e : attributes.entrySet()) {
                    if (!Objects.equals(d.attribute(e.getKey()), e.getValue())
                            && !(e.getValue().isEmpty() && d.attribute(e.getKey()) == null)) {
                        throw new EddyException(
                                ErrorCode.SQS_QUEUE_NAME_EXISTS,
                                "A queue already exists with the same name and a different value for attribute "
                                        + e.getKey());
                    }
                }
                return d;
            }
            QueueCooldowns.checkCreate(tx, name, nowMillis);
            byte[] last = tx.get(QueueKeys.nextId());
            long id = (last == null ? 0 : QueueCodec.decodeLong(last)) + 1;
            tx.put(QueueKeys.nextId(), QueueCodec.encodeLong(id));
            QueueDescriptor d = new QueueDescriptor(
                    id, name, nowMillis, nowMillis, QueueAttributes.merge(Map.of(), attributes), tags);
            tx.put(key, QueueCodec.encode(d));
            return d;
        });
    }

    /**
     * The dead-letter target of a redrive policy among {@code attributes} must exist and its
     * {@code RedriveAllowPolicy} must let queue {@code sourceName} in.
     */
    void checkDeadLetterTarget(ReadView view, String sourceName, Map<String, String> attributes) {
        String policy = attributes.get(QueueAttributes.REDRIVE_POLICY);
        if (policy == null || policy.isEmpty()) {
            return;
        }
        Arn.Queue target = QueueAttributes.redrivePolicy(policy).deadLetterTarget();
        Optional<QueueDescriptor> dlq = account.owns(target) ? find(view, target.name()) : Optional.empty();
        if (dlq.isEmpty()) {
            throw QueueAttributes.invalidParameter(
                    QueueAttributes.REDRIVE_POLICY, policy, "Dead-letter target does not exist.");
        }
        if (!RedriveAllowPolicy.of(dlq.get()).allows(account.queue(sourceName))) {
            throw QueueAttributes.invalidParameter(
                    QueueAttributes.REDRIVE_POLICY,
                    policy,
                    "The RedriveAllowPolicy of the dead-letter target does not allow this queue as its source.");
        }
    }

    Optional<QueueDescriptor> find(ReadView view, String name) {
        byte[] v = view.get(QueueKeys.queue(name));
        return v == null ? Optional.empty() : Optional.of(QueueCodec.decodeQueue(v));
    }

    QueueDescriptor get(ReadView view, Arn.Queue queue) {
        if (!account.owns(queue)) {
            throw notFound();
        }
        return find(view, queue.name()).orElseThrow(QueueCatalog::notFound);
    }

    QueueDescriptor get(Arn.Queue queue) {
        try (ReadView view = store.snapshot()) {
            return get(view, queue);
        }
    }

    /** Writes {@code d} in {@code tx} (the caller read it there, so a concurrent change conflicts). */
    void put(Transaction tx, QueueDescriptor d) {
        tx.put(QueueKeys.queue(d.name()), QueueCodec.encode(d));
    }

    void remove(Transaction tx, String name) {
        tx.clear(QueueKeys.queue(name));
    }

    /** Every queue, in name order. */
    List<QueueDescriptor> all() {
        List<QueueDescriptor> out = new ArrayList<>();
        try (ReadView view = store.snapshot()) {
            for (KeyValue kv : view.scan(QueueKeys.queues(), 0, false)) {
                out.add(QueueCodec.decodeQueue(kv.value()));
            }
        }
        return out;
    }

    static EddyException notFound() {
        return new EddyException(ErrorCode.SQS_QUEUE_DOES_NOT_EXIST, "The specified queue does not exist.");
    }
}
