package dev.eddy.mapping.shard;

import dev.eddy.mapping.shard.FailedBatch.Condition;
import dev.eddy.mapping.shard.Lane.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state machine of one event source mapping on one shard (spec 4.4 to 4.12): the caller polls
 * for the next {@link Step}, carries it out and reports results through the {@code on...} methods.
 *
 * <pre>
 *  INITIALIZING --poll--> READING <--records / append--+
 *                            |                         |
 *                   batch ready (size, 6 MB, window)   |
 *                            v                         |
 *                       DISPATCHING --success---------+--> checkpoint
 *                        |        |
 *            function error,     function error with bisect, batch > 1
 *            throttle, RBIF      v
 *                        v    BISECTING (halves, first half first, no attempt used)
 *                     RETRYING --backoff--> DISPATCHING
 *                        |
 *       retries exhausted, record too old or out of retention
 *                        v
 *              on-failure destination, checkpoint past the batch
 *
 *  READING --shard closed and fully read, all done--> SHARD_END (final window invoke, last checkpoint)
 *  any state --shutdown(), nothing in flight--> SHUT_DOWN
 * </pre>
 *
 * <p>Records are spread over {@code ParallelizationFactor} lanes by partition key hash; each lane has
 * at most one batch in flight and keeps its keys in order. The checkpoint is the highest sequence
 * number below which every record is done ({@link CheckpointTracker}).
 *
 * <p>Not thread-safe: the caller serialises every call (one shard's calls on one thread or under one
 * lock). Time comes only from the {@code now} arguments.
 */
public final class ShardProcessor {

    /** The processor's situation, for display and tests (the KCL's consumer states). */
    public enum State {
        INITIALIZING,
        READING,
        DISPATCHING,
        RETRYING,
        BISECTING,
        SHARD_END,
        SHUT_DOWN
    }

    private final ShardSettings settings;
    private final BatchAssembler assembler;
    private final Lane[] lanes;
    private final CheckpointTracker tracker = new CheckpointTracker();
    private final Map<Long, Lane> inFlight = new HashMap<>();
    private final ArrayDeque<FailedBatch> toDeliver = new ArrayDeque<>();
    private final Counters counters = new Counters();
    private OpenWindow window;
    private Long lastRead;
    private ShardRecord lastCheckpoint;
    private long nextBatchId = 1;
    private boolean started;
    private boolean readOutstanding;
    private boolean caughtUp;
    private boolean shardEnded;
    private boolean shutdownRequested;
    private State terminal;

    /**
     * @param resumeAfter the stored checkpoint's sequence number, or null to start at the mapping's
     *     starting position
     */
    public ShardProcessor(ShardSettings settings, Long resumeAfter) {
        this.settings = settings;
        this.assembler = new BatchAssembler(settings);
        this.lanes = new Lane[settings.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(i);
        }
        this.lastRead = resumeAfter;
    }

    /** The next thing to do at {@code now}. Terminal steps repeat once reached. */
    public Step poll(Instant now) {
        if (terminal != null) {
            return terminal == State.SHARD_END ? new Step.ShardEnded() : new Step.ShutDown();
        }
        started = true;
        if (!toDeliver.isEmpty()) {
            FailedBatch failed = toDeliver.removeFirst();
            failed.records().forEach(tracker::done);
            counters.delivered += failed.records().size();
            return new Step.Deliver(failed);
        }
        ShardRecord checkpoint = tracker.checkpoint();
        if (checkpoint != null && checkpoint != lastCheckpoint) {
            lastCheckpoint = checkpoint;
            return new Step.Checkpoint(checkpoint.sequence(), checkpoint.id());
        }
        if (shutdownRequested) {
            return inFlight.isEmpty() ? end(State.SHUT_DOWN) : new Step.Wait(null);
        }
        Step invoke = dispatch(now);
        if (invoke != null) {
            return invoke;
        }
        if (!toDeliver.isEmpty() || tracker.checkpoint() != lastCheckpoint) {
            // a batch was given up on while looking for work: deliver and checkpoint it first
            return poll(now);
        }
        if (!readOutstanding && !shardEnded && !caughtUp && room() > 0) {
            readOutstanding = true;
            return new Step.Read(lastRead, room());
        }
        if (finished()) {
            return end(State.SHARD_END);
        }
        return new Step.Wait(deadline(now));
    }

    /** Records read after the last read position, in order (may be empty: caught up). */
    public void onRecords(List<ShardRecord> records, Instant now) {
        readOutstanding = false;
        if (records.isEmpty()) {
            caughtUp = true;
            return;
        }
        for (ShardRecord r : records) {
            tracker.add(r);
            lastRead = r.sequence();
            counters.polled++;
            if (r.filteredOut()) {
                counters.filteredOut++;
                tracker.done(r);
            } else {
                lanes[Math.floorMod(r.keyHash(), lanes.length)].enqueue(r, now);
            }
        }
    }

    /** The shard is closed and every record of it was read. */
    public void onShardEnd() {
        readOutstanding = false;
        shardEnded = true;
    }

    /** New records were appended to the shard: read again. */
    public void onAppend() {
        caughtUp = false;
    }

    /** Stop: no new invocations; {@link Step.ShutDown} once the ones in flight reported back. */
    public void shutdown() {
        shutdownRequested = true;
    }

    /** The outcome of the invocation of batch {@code batchId}. */
    public void onInvoked(long batchId, InvokeOutcome outcome, Instant now) {
        Lane lane = inFlight.remove(batchId);
        if (lane == null) {
            throw new IllegalArgumentException("no batch " + batchId + " in flight");
        }
        Attempt attempt = lane.inFlight;
        lane.inFlight = null;
        lane.idleSince = now;
        switch (outcome) {
            case InvokeOutcome.NotInvoked n -> {
                counters.failedInvoke += attempt.records.size();
                attempt.retry.onNotInvoked(now);
            }
            case InvokeOutcome.FunctionError f -> {
                counters.failedInvoke += attempt.records.size();
                failed(lane, attempt, f.errorType(), now);
            }
            case InvokeOutcome.Returned r -> returned(lane, attempt, r, now);
        }
    }

    /** Where the processor stands. */
    public State state() {
        if (terminal != null) {
            return terminal;
        }
        if (!started) {
            return State.INITIALIZING;
        }
        boolean retrying = false;
        for (Lane lane : lanes) {
            for (Attempt a : lane.cut) {
                if (a.half) {
                    return State.BISECTING;
                }
                retrying |= a.retry.notBefore() != Instant.MIN;
            }
        }
        return retrying ? State.RETRYING : inFlight.isEmpty() ? State.READING : State.DISPATCHING;
    }

    /** The counters so far. */
    public ShardMetrics metrics() {
        return new ShardMetrics(
                counters.polled,
                counters.filteredOut,
                counters.failedInvoke,
                counters.dropped,
                counters.delivered,
                counters.iteratorAge,
                tracker.outstanding());
    }

    private Step dispatch(Instant now) {
        for (Lane lane : lanes) {
            while (lane.inFlight == null) {
                Attempt head = head(lane, now);
                if (head == null) {
                    break;
                }
                Condition expired = head.finalInvoke ? null : expired(head.records, now);
                if (expired != null) {
                    lane.cut.removeFirst();
                    giveUp(head, expired);
                    continue;
                }
                if (!head.retry.canAttempt(now)) {
                    break;
                }
                return invoke(lane, head, now);
            }
        }
        return null;
    }

    /** The lane's next batch: one already cut, a window's final invoke, or a new one if ready. */
    private Attempt head(Lane lane, Instant now) {
        if (!lane.cut.isEmpty()) {
            return lane.cut.peekFirst();
        }
        if (window != null && windowCloses(lane, now)) {
            lane.cut.addLast(new Attempt(List.of(), newRetry(), true, false));
            return lane.cut.peekFirst();
        }
        List<ShardRecord> records = assembler.take(lane.waiting, now, lane.windowOpenedAt(), shardEnded);
        if (records.isEmpty()) {
            return null;
        }
        lane.waitingSince = now;
        if (settings.tumblingWindowInSeconds() > 0 && window == null) {
            Instant start = TumblingWindows.startOf(records.getFirst().createdAt(), settings.tumblingWindowInSeconds());
            window = new OpenWindow(start, settings.tumblingWindowInSeconds());
        }
        lane.cut.addLast(new Attempt(records, newRetry(), false, false));
        return lane.cut.peekFirst();
    }

    /**
     * Whether the open tumbling window gets its final invoke now (spec 4.11): its state grew too
     * large, a record of a later window is next, the shard ended, or its end has passed and every
     * record written so far was read. A window whose end passed while a backlog of its records is
     * still waiting or unread takes those records first, so that one window has one final invoke.
     */
    private boolean windowCloses(Lane lane, Instant now) {
        if (window.terminatedEarly) {
            return true;
        }
        if (!lane.waiting.isEmpty()) {
            Instant next =
                    TumblingWindows.startOf(lane.waiting.peekFirst().createdAt(), settings.tumblingWindowInSeconds());
            return !next.equals(window.start);
        }
        return shardEnded || (caughtUp && !now.isBefore(window.end));
    }

    private Step invoke(Lane lane, Attempt attempt, Instant now) {
        attempt.retry.onInvoke();
        long id = nextBatchId++;
        lane.inFlight = attempt;
        inFlight.put(id, lane);
        if (!attempt.records.isEmpty()) {
            counters.iteratorAge = Duration.between(attempt.records.getLast().createdAt(), now);
        }
        Window view = window == null ? null : window.view(attempt.finalInvoke);
        return new Step.Invoke(new Batch(id, lane.index, attempt.records, attempt.retry.invocations(), view));
    }

    private void returned(Lane lane, Attempt attempt, InvokeOutcome.Returned r, Instant now) {
        int size = attempt.records.size();
        if (window != null && !attempt.finalInvoke && r.state() == null) {
            // spec 4.11: a window's response must carry its state, else the invocation failed
            counters.failedInvoke += size;
            failed(lane, attempt, null, now);
            return;
        }
        ItemFailures.Verdict verdict = settings.reportBatchItemFailures() && !attempt.finalInvoke
                ? ItemFailures.classify(attempt.records, r.batchItemFailures())
                : new ItemFailures.AllSucceeded();
        switch (verdict) {
            case ItemFailures.AllSucceeded ok -> {
                lane.cut.removeFirst();
                succeeded(attempt, attempt.records, r.state());
            }
            case ItemFailures.AllFailed all -> {
                counters.failedInvoke += size;
                failed(lane, attempt, null, now);
            }
            case ItemFailures.FailedFrom from -> {
                succeeded(attempt, attempt.records.subList(0, from.index()), r.state());
                attempt.records = List.copyOf(attempt.records.subList(from.index(), size));
                counters.failedInvoke += attempt.records.size();
                failed(lane, attempt, null, now);
            }
        }
    }

    private void succeeded(Attempt attempt, List<ShardRecord> records, String state) {
        if (window == null) {
            records.forEach(tracker::done);
        } else if (attempt.finalInvoke) {
            closeWindow();
        } else {
            window.held.addAll(records);
            window.state = state;
            window.terminatedEarly |= TumblingWindows.tooLarge(state);
        }
    }

    private void closeWindow() {
        window.held.forEach(tracker::done);
        window = null;
    }

    /** A failed attempt: bisect a function error if asked, else back off or give up (spec 4.6, 4.7). */
    private void failed(Lane lane, Attempt attempt, String functionError, Instant now) {
        attempt.functionError = functionError;
        int size = attempt.records.size();
        if (functionError != null && settings.bisectBatchOnFunctionError() && size > 1) {
            lane.cut.removeFirst();
            lane.cut.addFirst(new Attempt(attempt.records.subList(size / 2, size), newRetry(), false, true));
            lane.cut.addFirst(new Attempt(attempt.records.subList(0, size / 2), newRetry(), false, true));
            return;
        }
        attempt.retry.onFailure(now);
        if (attempt.retry.exhausted()) {
            lane.cut.removeFirst();
            giveUp(attempt, Condition.RetryAttemptsExhausted);
        }
    }

    private void giveUp(Attempt attempt, Condition condition) {
        if (attempt.finalInvoke) {
            // the window's records were processed; only its last state is lost
            closeWindow();
            return;
        }
        int invocations = attempt.retry.invocations();
        counters.dropped += attempt.records.size();
        FailedBatch failed = new FailedBatch(
                attempt.records, condition, Math.max(1, invocations), invocations > 0, attempt.functionError);
        if (settings.onFailureDestination()) {
            toDeliver.addLast(failed);
        } else {
            attempt.records.forEach(tracker::done);
        }
    }

    /** Why a batch is given up before its next attempt, or null: its oldest record decides. */
    private Condition expired(List<ShardRecord> records, Instant now) {
        Instant oldest = records.getFirst().createdAt();
        int maxAge = settings.maximumRecordAgeInSeconds();
        boolean tooOld = maxAge >= 0 && Duration.between(oldest, now).compareTo(Duration.ofSeconds(maxAge)) > 0;
        boolean trimmed = !now.isBefore(oldest.plus(settings.retention()));
        return tooOld || trimmed ? Condition.RecordAgeExceeded : null;
    }

    private RetryState newRetry() {
        return new RetryState(settings.backoff(), settings.maximumRetryAttempts());
    }

    private int room() {
        int buffered = 0;
        for (Lane lane : lanes) {
            buffered += lane.waiting.size();
        }
        return settings.batchSize() * (lanes.length + 1) - buffered;
    }

    private boolean finished() {
        if (!shardEnded || readOutstanding || window != null || !toDeliver.isEmpty()) {
            return false;
        }
        for (Lane lane : lanes) {
            if (!lane.empty()) {
                return false;
            }
        }
        return tracker.outstanding() == 0;
    }

    /** The earliest time something becomes due by the clock alone, or null. */
    private Instant deadline(Instant now) {
        Instant earliest = null;
        for (Lane lane : lanes) {
            Instant due = null;
            if (lane.inFlight != null) {
                continue;
            } else if (!lane.cut.isEmpty()) {
                due = lane.cut.peekFirst().retry.notBefore();
            } else if (window != null) {
                due = window.end;
            }
            if (due == null && !lane.waiting.isEmpty()) {
                due = assembler.deadline(lane.windowOpenedAt());
            }
            if (due != null && due.isAfter(now) && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        return earliest;
    }

    private Step end(State state) {
        terminal = state;
        return state == State.SHARD_END ? new Step.ShardEnded() : new Step.ShutDown();
    }

    private static final class Counters {
        long polled;
        long filteredOut;
        long failedInvoke;
        long dropped;
        long delivered;
        Duration iteratorAge;
    }
}
