package dev.eddy.queue;

import dev.eddy.arn.Arn;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.work.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves the messages of the active {@link MoveTasks}: each pass takes every RUNNING task a step
 * further and ends the CANCELLING ones. Runs on the {@link dev.eddy.work.BackgroundWork} every
 * {@link #INTERVAL} and when woken by a start or a cancel; its time is the pass's {@code now}.
 *
 * <p>Each transaction re-reads its task (conflict-checked), moves up to {@link #BATCH} messages
 * (removes each from the source and writes it into its destination) and writes the task's new
 * count: a message is moved exactly once, and a cancel or a restart never loses or repeats one. A
 * task with a rate moves at most that many messages per second of the clock (one second's worth
 * at once, then as time passes); a task without moves up to {@link #PASS_LIMIT} per pass and asks
 * for the next pass at once.
 *
 * <p>Tasks are durable: after a restart the first pass continues every RUNNING task from its
 * stored count. Passes never overlap ({@code BackgroundWork} runs one at a time; direct calls are
 * serialised).
 */
final class MoveTaskRunner implements PeriodicTask {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final int BATCH = 100;
    static final int PASS_LIMIT = 5_000;
    /** The failure reason of a task whose source or destination queue does not exist. */
    static final String NO_QUEUE = ErrorCode.SQS_QUEUE_DOES_NOT_EXIST.queryCode();

    private final Store store;
    private final QueueCatalog catalog;
    private final Messages messages;
    private final MoveTasks tasks;
    private final Map<String, Allowance> allowances = new HashMap<>();
    private volatile Runnable again = () -> {};

    MoveTaskRunner(Store store, QueueCatalog catalog, Messages messages, MoveTasks tasks) {
        this.store = store;
        this.catalog = catalog;
        this.messages = messages;
        this.tasks = tasks;
    }

    /** What to call for another pass as soon as possible. */
    void onMore(Runnable wake) {
        this.again = wake;
    }

    @Override
    public synchronized void runOnce(Instant now) {
        boolean more = false;
        Set<String> seen = new HashSet<>();
        for (String source : tasks.activeSources()) {
            Optional<MoveTask> task;
            try (ReadView view = store.snapshot()) {
                task = tasks.active(view, source);
            }
            if (task.isPresent()) {
                seen.add(task.get().taskId());
                more |= step(task.get(), now.toEpochMilli());
            }
        }
        allowances.keySet().retainAll(seen);
        if (more) {
            again.run();
        }
    }

    /** Takes one task a step further; true when it has more to move right now. */
    private boolean step(MoveTask task, long nowMillis) {
        if (task.status() == MoveTask.Status.CANCELLING) {
            store.run(tx -> {
                MoveTask current = read(tx, task);
                if (current.status() == MoveTask.Status.CANCELLING) {
                    tasks.put(tx, current.withStatus(MoveTask.Status.CANCELLED));
                }
                return null;
            });
            return false;
        }
        boolean limited = task.maxPerSecond() != null;
        Allowance allowance = limited
                ? allowances.computeIfAbsent(task.taskId(), id -> new Allowance(task.maxPerSecond(), nowMillis))
                : null;
        int budget = limited ? allowance.refill(nowMillis) : PASS_LIMIT;
        while (budget > 0) {
            int max = Math.min(BATCH, budget);
            int moved = store.run(tx -> moveBatch(tx, task, max, nowMillis));
            if (moved <= 0) {
                return false;
            }
            budget -= moved;
            if (limited) {
                allowance.take(moved);
            }
        }
        return !limited;
    }

    /** Moves up to {@code max} messages; the number moved, or -1 when the task has ended. */
    private int moveBatch(Transaction tx, MoveTask task, int max, long nowMillis) {
        MoveTask t = read(tx, task);
        if (t.status() != MoveTask.Status.RUNNING) {
            return -1;
        }
        Optional<QueueDescriptor> source = catalog.find(tx, t.source().name()).filter(d -> d.id() == t.sourceQueueId());
        long left = t.toMove() - t.moved();
        if (source.isEmpty() || left <= 0) {
            tasks.put(tx, t.withProgress(t.moved(), end(source.isPresent()), source.isPresent() ? null : NO_QUEUE));
            return -1;
        }
        long sourceId = source.get().id();
        List<KeyValue> due = tx.scan(QueueKeys.visibleAt(sourceId, nowMillis), (int) Math.min(max, left), false);
        if (due.isEmpty()) {
            tasks.put(tx, t.withStatus(MoveTask.Status.COMPLETED));
            return -1;
        }
        int n = 0;
        String failure = null;
        for (KeyValue entry : due) {
            byte[] record = tx.get(QueueKeys.messageOfVisibility(entry.key()));
            if (record == null) {
                tx.clear(entry.key()); // an entry without its message: nothing to move
                continue;
            }
            StoredMessage m = QueueCodec.decodeMessage(record);
            Optional<QueueDescriptor> destination = destination(tx, t, m);
            if (destination.isEmpty()) {
                failure = NO_QUEUE; // the message stays where it is
                break;
            }
            tx.clear(entry.key());
            tx.clear(QueueKeys.message(sourceId, m));
            messages.putMoved(tx, destination.get().id(), movedBack(m, nowMillis));
            n++;
        }
        long moved = t.moved() + n;
        MoveTask.Status status = failure != null
                ? MoveTask.Status.FAILED
                : moved >= t.toMove() ? MoveTask.Status.COMPLETED : MoveTask.Status.RUNNING;
        tasks.put(tx, t.withProgress(moved, status, failure));
        return status == MoveTask.Status.RUNNING ? n : -1;
    }

    private static MoveTask.Status end(boolean sourceExists) {
        return sourceExists ? MoveTask.Status.COMPLETED : MoveTask.Status.FAILED;
    }

    /** The task's destination, or the message's dead-letter source; empty when it does not exist. */
    private Optional<QueueDescriptor> destination(Transaction tx, MoveTask t, StoredMessage m) {
        Arn.Queue target = t.destination() != null
                ? t.destination()
                : Arn.parse(m.deadLetterSourceArn(), Arn.Queue.class).orElse(null);
        if (target == null || !catalog.account().owns(target)) {
            return Optional.empty();
        }
        return catalog.find(tx, target.name());
    }

    /**
     * The message as it arrives in the destination: the same id, body, attributes and send time,
     * never received, visible at once, no longer a dead letter.
     */
    static StoredMessage movedBack(StoredMessage m, long nowMillis) {
        return new StoredMessage(
                m.messageId(), m.body(), m.attributes(), m.traceHeader(), m.sentMillis(), 0, 0, nowMillis, 0, null);
    }

    private MoveTask read(Transaction tx, MoveTask task) {
        return MoveTaskCodec.decode(tx.get(MoveTasks.taskKey(task.source().name(), task.number())));
    }

    /** A rate-limited task's budget: one second's worth at first, then as the clock moves. */
    private static final class Allowance {
        private final int rate;
        private double tokens;
        private long lastMillis;

        Allowance(int rate, long nowMillis) {
            this.rate = rate;
            this.tokens = rate;
            this.lastMillis = nowMillis;
        }

        int refill(long nowMillis) {
            if (nowMillis > lastMillis) {
                tokens = Math.min(rate, tokens + (nowMillis - lastMillis) * rate / 1000.0);
                lastMillis = nowMillis;
            }
            return (int) tokens;
        }

        void take(int n) {
            tokens -= n;
        }
    }
}
