package dev.eddy.queue;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ConflictException;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The door of the SQS-compatible queues: queues, their attributes and tags, and their messages,
 * durable in the {@link Store}. Every time comes from the injected {@link InstantSource}.
 *
 * <p>Long polling waits on the {@link QueueSignal} (woken by the commit of a send), or until the
 * next delayed or in-flight message becomes receivable, never in a busy loop (on nodes sharing a
 * store the signal also wakes it every poll interval: {@link PollingQueueSignal}). The wait itself is
 * measured in real time (a receive's {@code WaitTimeSeconds}), the visibility of messages in the
 * clock's time.
 *
 * <p>Lifecycle: {@link #start()} registers the retention task on the {@link BackgroundWork};
 * {@link #close()} cancels it. Thread-safe.
 */
public final class QueueEngine implements AutoCloseable {
    /** How often expired messages are dropped. */
    public static final Duration RETENTION_INTERVAL = Duration.ofSeconds(30);

    private final Store store;
    private final InstantSource clock;
    private final BackgroundWork work;
    private final QueueSignal signal;
    private final QueueCatalog catalog;
    private final Messages messages;
    private final MoveTasks moveTasks;
    private final MoveTaskRunner mover;
    private final QueuePermissions permissions;
    private final FifoUpkeep fifoUpkeep;
    private BackgroundWork.Registration retention;
    private BackgroundWork.Registration moving;

    public QueueEngine(Store store, InstantSource clock, Account account, BackgroundWork work, QueueSignal signal) {
        this.store = store;
        this.clock = clock;
        this.work = work;
        this.signal = signal;
        this.catalog = new QueueCatalog(store, account);
        FifoMessages fifo = new FifoMessages(catalog, signal);
        this.messages = new Messages(store, catalog, signal, fifo);
        this.fifoUpkeep = new FifoUpkeep(store, fifo);
        this.moveTasks = new MoveTasks(store, catalog, messages, clock);
        this.mover = new MoveTaskRunner(store, catalog, messages, moveTasks);
        this.permissions = new QueuePermissions(store, catalog, clock);
    }

    /** Registers the retention task and the message mover. Idempotent. */
    public synchronized void start() {
        if (retention == null) {
            retention = work.schedule("sqs-retention", RETENTION_INTERVAL, now -> {
                expireMessages(now.toEpochMilli());
                QueueCooldowns.sweep(store, now.toEpochMilli());
            });
            moving = work.schedule("sqs-move-tasks", MoveTaskRunner.INTERVAL, mover);
            moveTasks.onChange(moving::wake);
            mover.onMore(moving::wake);
        }
    }

    @Override
    public synchronized void close() {
        if (retention != null) {
            retention.cancel();
            moving.cancel();
        }
    }

    /** The message move tasks of these queues. */
    public MoveTasks moveTasks() {
        return moveTasks;
    }

    /** AddPermission and RemovePermission on these queues. */
    public QueuePermissions permissions() {
        return permissions;
    }

    /** One pass of the message mover at {@code now} (what the background work runs every second). */
    void moveMessages(java.time.Instant now) {
        mover.runOnce(now);
    }

    /**
     * Creates a queue, or returns the existing one when every attribute given equals its current
     * value (tags are not compared).
     *
     * @throws EddyException QueueAlreadyExists (JSON: QueueNameExists) when one differs
     */
    public Arn.Queue createQueue(String name, Map<String, String> attributes, Map<String, String> tags) {
        QueueDescriptor d = catalog.create(name, attributes, tags == null ? Map.of() : tags, clock.millis());
        return catalog.account().queue(d.name());
    }

    /** Whether the queue exists. */
    public boolean exists(Arn.Queue queue) {
        try (ReadView view = store.snapshot()) {
            return catalog.account().owns(queue)
                    && catalog.find(view, queue.name()).isPresent();
        }
    }

    /** The queue called {@code name}, for GetQueueUrl. @throws EddyException QueueDoesNotExist */
    public Arn.Queue queue(String name) {
        return catalog.account()
                .queue(catalog.get(catalog.account().queue(name)).name());
    }

    /**
     * The queues whose names start with {@code prefix} (null: all) after {@code afterName} (null:
     * from the first), at most {@code limit}.
     */
    public List<Arn.Queue> listQueues(String prefix, String afterName, int limit) {
        List<Arn.Queue> out = new ArrayList<>();
        for (QueueDescriptor d : catalog.all()) {
            if ((prefix == null || d.name().startsWith(prefix))
                    && (afterName == null || d.name().compareTo(afterName) > 0)
                    && out.size() < limit) {
                out.add(catalog.account().queue(d.name()));
            }
        }
        return out;
    }

    /** The queues whose redrive policy targets {@code deadLetterQueue}. */
    public List<Arn.Queue> deadLetterSourceQueues(Arn.Queue deadLetterQueue) {
        catalog.get(deadLetterQueue);
        List<Arn.Queue> out = new ArrayList<>();
        for (QueueDescriptor d : catalog.all()) {
            QueueAttributes.redrivePolicy(d)
                    .filter(p -> p.deadLetterTarget().equals(deadLetterQueue))
                    .ifPresent(p -> out.add(catalog.account().queue(d.name())));
        }
        return out;
    }

    /** The attributes named (or {@code All}), as AWS renders them; unknown names fail. */
    public Map<String, String> attributes(Arn.Queue queue, Collection<String> names) {
        QueueDescriptor d = catalog.get(queue);
        long[] counts = d.fifo() ? fifoUpkeep.counts(d.id(), clock.millis()) : messages.counts(d.id(), clock.millis());
        return QueueAttributeView.render(d, queue, counts, names);
    }

    /** Changes attributes; the new values apply at once. */
    public void setAttributes(Arn.Queue queue, Map<String, String> attributes) {
        Map<String, String> changes = FifoAttributes.validateChange(queue.name(), attributes);
        long now = clock.millis();
        store.run(tx -> {
            QueueDescriptor d = catalog.get(tx, queue);
            catalog.checkDeadLetterTarget(tx, queue.name(), changes);
            Map<String, String> merged = QueueAttributes.merge(d.attributes(), changes);
            if (d.fifo()) {
                FifoAttributes.checkCombination(merged);
            }
            catalog.put(tx, d.withAttributes(merged, now));
            return null;
        });
    }

    public void deleteQueue(Arn.Queue queue) {
        long now = clock.millis();
        QueueDescriptor d = store.run(tx -> {
            QueueDescriptor found = catalog.get(tx, queue);
            catalog.remove(tx, found.name());
            QueueCooldowns.markDeleted(tx, found, now);
            return found;
        });
        messages.clearAll(d.id());
        if (d.fifo()) {
            fifoUpkeep.forget(d.id());
        }
    }

    /**
     * Deletes every message of the queue, in-flight ones included.
     *
     * @throws EddyException PurgeQueueInProgress within 60 seconds of the queue's last purge
     */
    public void purge(Arn.Queue queue) {
        long now = clock.millis();
        QueueDescriptor d = store.run(tx -> {
            QueueDescriptor found = catalog.get(tx, queue);
            QueueCooldowns.startPurge(tx, found, now);
            return found;
        });
        if (d.fifo()) {
            fifoUpkeep.removeSentBefore(d.id(), Long.MAX_VALUE, now);
        } else {
            messages.clearAll(d.id());
        }
    }

    public Map<String, String> tags(Arn.Queue queue) {
        return catalog.get(queue).tags();
    }

    public void tag(Arn.Queue queue, Map<String, String> tags) {
        store.run(tx -> {
            QueueDescriptor d = catalog.get(tx, queue);
            Map<String, String> merged = new LinkedHashMap<>(d.tags());
            merged.putAll(tags);
            catalog.put(tx, d.withTags(merged));
            return null;
        });
    }

    public void untag(Arn.Queue queue, Collection<String> keys) {
        store.run(tx -> {
            QueueDescriptor d = catalog.get(tx, queue);
            Map<String, String> left = new LinkedHashMap<>(d.tags());
            keys.forEach(left::remove);
            catalog.put(tx, d.withTags(left));
            return null;
        });
    }

    /** Sends a message in its own transaction. */
    public SentMessage send(Arn.Queue queue, OutgoingMessage message) {
        return store.run(tx -> send(tx, queue, message));
    }

    /**
     * Sends a message inside the caller's transaction: it exists once {@code tx} commits, and
     * receivers are woken then (through the transaction's completion hook).
     */
    public SentMessage send(Transaction tx, Arn.Queue queue, OutgoingMessage message) {
        return messages.send(tx, catalog.get(tx, queue), message, clock.millis());
    }

    /**
     * Receives messages, waiting up to the wait time (the request's, else the queue's) for at least
     * one. Returns early, possibly empty, when the thread is interrupted (its flag stays set).
     */
    public List<ReceivedMessage> receive(Arn.Queue queue, ReceiveOptions options) {
        Integer wait = options.waitSeconds();
        long waitSeconds = wait != null ? wait : catalog.get(queue).number(QueueAttributes.WAIT_TIME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (true) {
            long id = catalog.get(queue).id();
            // take the future before looking, so that a send between the look and the wait wakes us
            CompletableFuture<Void> change = signal.next(id);
            List<ReceivedMessage> got = claim(queue, options);
            long left = deadline - System.nanoTime();
            if (got == null && left > 0) {
                change.cancel(false);
                continue; // other receivers took the messages it looked at: look again at once
            }
            got = got == null ? List.of() : got;
            if (!got.isEmpty() || left <= 0) {
                change.cancel(false);
                return got;
            }
            long now = clock.millis();
            long untilVisible = messages.nextVisible(id, now)
                    .map(at -> TimeUnit.MILLISECONDS.toNanos(Math.max(1, at - now)))
                    .orElse(Long.MAX_VALUE);
            try {
                change.get(Math.min(left, untilVisible), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // the wait ended without a signal: look again (a message may have become visible)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    /**
     * One receive without waiting: the messages receivable now, up to the maximum; possibly fewer,
     * even none, when many receivers compete for the same messages (as a short poll on AWS may).
     */
    public List<ReceivedMessage> receiveNow(Arn.Queue queue, ReceiveOptions options) {
        List<ReceivedMessage> got = claim(queue, options);
        return got == null ? List.of() : got;
    }

    /** A claim, or null when it kept conflicting with other receivers' claims past the store's retries. */
    private List<ReceivedMessage> claim(Arn.Queue queue, ReceiveOptions options) {
        try {
            return messages.claim(queue, options, clock.millis());
        } catch (ConflictException e) {
            return null;
        }
    }

    /** Deletes the message a receipt handle names; a message already gone is not an error. */
    public void deleteMessage(Arn.Queue queue, String receiptHandle) {
        messages.delete(queue, receiptHandle, clock.millis());
    }

    /** Makes the message invisible for {@code timeoutSeconds} from now (0: visible at once). */
    public void changeVisibility(Arn.Queue queue, String receiptHandle, int timeoutSeconds) {
        messages.changeVisibility(queue, receiptHandle, timeoutSeconds, clock.millis());
    }

    /**
     * Runs {@code entry} for each item of a batch, collecting each one's error instead of failing
     * the batch, as AWS's batch operations answer.
     */
    public static <T, R> List<BatchOutcome<R>> batch(List<T> entries, java.util.function.Function<T, R> entry) {
        if (entries.size() > 10) {
            throw new EddyException(
                    ErrorCode.SQS_TOO_MANY_ENTRIES_IN_BATCH_REQUEST,
                    "Maximum number of entries per request are 10. You have sent " + entries.size() + ".");
        }
        List<BatchOutcome<R>> out = new ArrayList<>(entries.size());
        for (T e : entries) {
            try {
                out.add(new BatchOutcome.Done<>(entry.apply(e)));
            } catch (EddyException failure) {
                out.add(new BatchOutcome.Failed<>(failure));
            }
        }
        return out;
    }

    /** Drops the messages older than their queue's retention period at {@code nowMillis}. */
    int expireMessages(long nowMillis) {
        int n = 0;
        for (QueueDescriptor d : catalog.all()) {
            long cutoff = nowMillis - d.number(QueueAttributes.RETENTION) * 1000;
            if (d.fifo()) {
                n += fifoUpkeep.removeSentBefore(d.id(), cutoff, nowMillis);
                fifoUpkeep.sweep(d.id(), nowMillis);
            } else {
                n += messages.expire(d.id(), cutoff);
            }
        }
        return n;
    }
}
