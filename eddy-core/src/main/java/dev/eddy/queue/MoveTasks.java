package dev.eddy.queue;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Message move tasks (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask): their
 * records in the store and the checks AWS makes. The moving itself is the {@link MoveTaskRunner}'s.
 *
 * <p>Store layout, in {@link Keyspace#QUEUE_META}: {@code ("move-task", sourceName, number)} the
 * task ({@link MoveTaskCodec}); {@code ("move-task-active", sourceName)} the number of the source's
 * RUNNING or CANCELLING task, read and written by every start and every end of a task, so that two
 * starts on one source conflict and one of them sees the other's task; {@code ("move-task-next")}
 * the last number handed out (8 bytes). The ten most recent tasks of a source are kept.
 *
 * <p>Thread-safe (all state is in the store).
 */
public final class MoveTasks {
    /** The highest {@code MaxNumberOfMessagesPerSecond}. */
    public static final int MAX_RATE = 500;

    static final int KEPT = 10;

    private final Store store;
    private final QueueCatalog catalog;
    private final Messages messages;
    private final InstantSource clock;
    private volatile Runnable onChange = () -> {};

    MoveTasks(Store store, QueueCatalog catalog, Messages messages, InstantSource clock) {
        this.store = store;
        this.catalog = catalog;
        this.messages = messages;
        this.clock = clock;
    }

    /** What to call after a task started or was cancelled (wakes the runner). */
    void onChange(Runnable wake) {
        this.onChange = wake;
    }

    /**
     * Starts moving the receivable messages of {@code sourceArn}, a dead-letter queue, to
     * {@code destinationArn}, or (null) each back to the queue it was dead-lettered from.
     *
     * @param maxPerSecond 1 to 500, or null for as fast as the node can
     * @throws EddyException ResourceNotFoundException for a source or destination that does not
     *     exist; InvalidParameterValue for a source that is no dead-letter queue, a rate out of
     *     range, or a source with a task still running
     */
    public MoveTask start(String sourceArn, String destinationArn, Integer maxPerSecond) {
        if (maxPerSecond != null && (maxPerSecond < 1 || maxPerSecond > MAX_RATE)) {
            throw invalid("Value for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: You must enter a"
                    + " number that's between 1 and " + MAX_RATE + ".");
        }
        Arn.Queue source = ownQueue(sourceArn, "SourceArn");
        Arn.Queue destination = destinationArn == null ? null : ownQueue(destinationArn, "DestinationArn");
        long now = clock.millis();
        MoveTask started = store.run(tx -> {
            QueueDescriptor src = catalog.find(tx, source.name()).orElseThrow(() -> notFound("SourceArn"));
            if (!isDeadLetterQueue(source)) {
                throw invalid("Source queue must be configured as a Dead Letter Queue.");
            }
            if (src.fifo()) {
                // a FIFO dead-letter queue feeds FIFO sources: moving into them must keep group order,
                // which the mover does not do yet
                throw new EddyException(
                        ErrorCode.SQS_UNSUPPORTED_OPERATION, "Message move tasks of FIFO queues are not supported.");
            }
            if (destination != null) {
                QueueDescriptor dst =
                        catalog.find(tx, destination.name()).orElseThrow(() -> notFound("DestinationArn"));
                if (dst.fifo()) {
                    throw new EddyException(
                            ErrorCode.SQS_UNSUPPORTED_OPERATION,
                            "Message move tasks of FIFO queues are not supported.");
                }
                if (destination.equals(source)) {
                    throw invalid("Source queue and destination queue cannot be the same.");
                }
            }
            checkNoneRunning(tx, source, src.id());
            byte[] last = tx.get(nextKey());
            long number = (last == null ? 0 : QueueCodec.decodeLong(last)) + 1;
            tx.put(nextKey(), QueueCodec.encodeLong(number));
            long toMove = messages.counts(src.id(), now)[0];
            MoveTask t = new MoveTask(
                    UUID.randomUUID().toString(),
                    number,
                    source,
                    src.id(),
                    destination,
                    maxPerSecond,
                    MoveTask.Status.RUNNING,
                    0,
                    toMove,
                    now,
                    null);
            prune(tx, source.name(), src.id());
            put(tx, t);
            tx.put(activeKey(source.name()), QueueCodec.encodeLong(number));
            return t;
        });
        onChange.run();
        return started;
    }

    /** The most recent tasks of a source queue, newest first, at most {@code maxResults} (null: 1). */
    public List<MoveTask> list(String sourceArn, Integer maxResults) {
        if (maxResults != null && (maxResults < 1 || maxResults > KEPT)) {
            throw invalid("Value " + maxResults + " for parameter MaxResults is invalid. Reason: You must enter a"
                    + " number that's between 1 and " + KEPT + ".");
        }
        int limit = maxResults == null ? 1 : maxResults;
        Arn.Queue source = ownQueue(sourceArn, "SourceArn");
        try (ReadView view = store.snapshot()) {
            QueueDescriptor src = catalog.find(view, source.name()).orElseThrow(() -> notFound("SourceArn"));
            List<MoveTask> out = new ArrayList<>();
            for (KeyValue kv : view.scan(tasksOf(source.name()), 0, true)) {
                MoveTask t = MoveTaskCodec.decode(kv.value());
                if (t.sourceQueueId() == src.id() && out.size() < limit) {
                    out.add(t);
                }
            }
            return out;
        }
    }

    /**
     * Cancels a RUNNING task: it stops before its next message (CANCELLING, then CANCELLED); the
     * messages it moved stay where they are.
     *
     * @return how many messages it had moved
     * @throws EddyException InvalidParameterValue for a handle of the wrong shape or a task that is
     *     not running; ResourceNotFoundException for a source queue or task that does not exist
     */
    public long cancel(String handle) {
        MoveTaskHandle.Parts parts = MoveTaskHandle.parse(handle);
        Arn.Queue source = ownQueue(parts.sourceArn(), "SourceArn");
        long moved = store.run(tx -> {
            QueueDescriptor src = catalog.find(tx, source.name()).orElseThrow(() -> notFound("SourceArn"));
            MoveTask t = null;
            for (KeyValue kv : tx.scan(tasksOf(source.name()), 0, false)) {
                MoveTask candidate = MoveTaskCodec.decode(kv.value());
                if (candidate.taskId().equals(parts.taskId()) && candidate.sourceQueueId() == src.id()) {
                    t = candidate;
                }
            }
            if (t == null) {
                throw new EddyException(ErrorCode.SQS_RESOURCE_NOT_FOUND, "Task does not exist.");
            }
            // read again, conflict-checked: a runner step that commits first makes this run again
            MoveTask current = MoveTaskCodec.decode(tx.get(taskKey(source.name(), t.number())));
            if (current.status() != MoveTask.Status.RUNNING) {
                throw invalid(
                        "Only a task in the RUNNING status can be cancelled. This task is " + current.status() + ".");
            }
            put(tx, current.withStatus(MoveTask.Status.CANCELLING));
            return current.moved();
        });
        onChange.run();
        return moved;
    }

    /** The task {@code ("move-task-active", name)} points at, read in {@code tx}, if any. */
    Optional<MoveTask> active(ReadView view, String sourceName) {
        byte[] number = view.get(activeKey(sourceName));
        if (number == null) {
            return Optional.empty();
        }
        byte[] task = view.get(taskKey(sourceName, QueueCodec.decodeLong(number)));
        return task == null ? Optional.empty() : Optional.of(MoveTaskCodec.decode(task));
    }

    /** The names of the source queues that have an active task. */
    List<String> activeSources() {
        List<String> out = new ArrayList<>();
        try (ReadView view = store.snapshot()) {
            for (KeyValue kv : view.scan(Keyspace.QUEUE_META.range(Tuple.of("move-task-active")), 0, false)) {
                byte[] key = kv.key();
                out.add(Tuple.unpack(Arrays.copyOfRange(key, 1, key.length)).getString(1));
            }
        }
        return out;
    }

    /** Writes {@code t}; when it has ended, the source is free for another task. */
    void put(Transaction tx, MoveTask t) {
        tx.put(taskKey(t.source().name(), t.number()), MoveTaskCodec.encode(t));
        if (!t.status().active()) {
            byte[] active = tx.get(activeKey(t.source().name()));
            if (active != null && QueueCodec.decodeLong(active) == t.number()) {
                tx.clear(activeKey(t.source().name()));
            }
        }
    }

    private void checkNoneRunning(Transaction tx, Arn.Queue source, long sourceId) {
        Optional<MoveTask> running = active(tx, source.name());
        if (running.isEmpty()) {
            return;
        }
        if (running.get().sourceQueueId() != sourceId) {
            // the task of a deleted queue of the same name, not yet ended by the runner
            put(tx, running.get().withProgress(running.get().moved(), MoveTask.Status.FAILED, MoveTaskRunner.NO_QUEUE));
            return;
        }
        throw invalid("There is already a task running. Only one active task is allowed for a source queue arn at a"
                + " given time.");
    }

    /** Keeps the {@code KEPT - 1} newest ended tasks of the queue, and no task of an earlier queue of the name. */
    private void prune(Transaction tx, String sourceName, long sourceId) {
        List<KeyValue> all = tx.scan(tasksOf(sourceName), 0, true);
        int kept = 0;
        for (KeyValue kv : all) {
            MoveTask t = MoveTaskCodec.decode(kv.value());
            if (t.sourceQueueId() == sourceId && (t.status().active() || ++kept < KEPT)) {
                continue;
            }
            if (!t.status().active()) {
                tx.clear(kv.key());
            }
        }
    }

    private boolean isDeadLetterQueue(Arn.Queue queue) {
        for (QueueDescriptor d : catalog.all()) {
            if (QueueAttributes.redrivePolicy(d)
                    .filter(p -> p.deadLetterTarget().equals(queue))
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }

    private Arn.Queue ownQueue(String arn, String parameter) {
        return Arn.parse(arn, Arn.Queue.class)
                .filter(q -> catalog.account().owns(q))
                .orElseThrow(() -> notFound(parameter));
    }

    static byte[] taskKey(String sourceName, long number) {
        return Keyspace.QUEUE_META.key(Tuple.of("move-task", sourceName, number));
    }

    private static KeyRange tasksOf(String sourceName) {
        return Keyspace.QUEUE_META.range(Tuple.of("move-task", sourceName));
    }

    private static byte[] activeKey(String sourceName) {
        return Keyspace.QUEUE_META.key(Tuple.of("move-task-active", sourceName));
    }

    private static byte[] nextKey() {
        return Keyspace.QUEUE_META.key(Tuple.of("move-task-next"));
    }

    private static EddyException notFound(String parameter) {
        return new EddyException(
                ErrorCode.SQS_RESOURCE_NOT_FOUND,
                "The resource that you specified for the " + parameter + " parameter doesn't exist.");
    }

    private static EddyException invalid(String message) {
        return new EddyException(ErrorCode.SQS_INVALID_PARAMETER_VALUE, message);
    }
}
