package dev.eddy.mapping.run;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.item.AttributeValue;
import dev.eddy.json.StreamRecordWriter;
import dev.eddy.mapping.Mapping;
import dev.eddy.mapping.MappingState;
import dev.eddy.mapping.checkpoint.Checkpoint;
import dev.eddy.mapping.shard.Batch;
import dev.eddy.mapping.shard.FailedBatch;
import dev.eddy.mapping.shard.InvokeOutcome;
import dev.eddy.mapping.shard.ShardMetrics;
import dev.eddy.mapping.shard.ShardProcessor;
import dev.eddy.mapping.shard.ShardRecord;
import dev.eddy.mapping.shard.Step;
import dev.eddy.mapping.target.EventPayloads;
import dev.eddy.mapping.target.FailureRecords;
import dev.eddy.mapping.target.Invocations;
import dev.eddy.mapping.target.Invoked;
import dev.eddy.mapping.target.RecordFilter;
import dev.eddy.store.Transaction;
import dev.eddy.stream.ChangeRecord;
import dev.eddy.stream.ReadBatch;
import dev.eddy.stream.ShardIteratorType;
import dev.eddy.stream.ShardPosition;
import dev.eddy.stream.StreamShard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link ShardProcessor} (one mapping, one shard) against the stream, the function and
 * the checkpoint store, on a thread of its own: it carries out each {@link Step}, runs invocations
 * on the context's executor and feeds their outcomes back through its inbox, and sleeps on the
 * inbox while waiting, woken by the stream's append signal, an outcome, a stop or the processor's
 * deadline. There is no polling loop: a commit to the shard wakes the worker within milliseconds.
 *
 * <p>Every call to the processor happens on the worker's thread. Other threads only post to the
 * inbox and read the published {@link Progress}.
 */
final class ShardWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);
    private static final Duration READ_RETRY = Duration.ofSeconds(1);

    /** What other threads may read of the worker, published after every step. */
    record Progress(
            ShardProcessor.State state, ShardMetrics metrics, Long checkpoint, long readThrough, boolean idle) {}

    private final RunContext ctx;
    private final Plan plan;
    private final StreamShard shard;
    private final ShardProcessor processor;
    private final RecordFilter filter;
    private final long lease;
    private final Arn.Queue destination;
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final TreeMap<Long, byte[]> events = new TreeMap<>();
    private final Map<Integer, Invoked> lastByLane = new HashMap<>();
    private String partitionKey;
    private ShardPosition cursor;
    private Checkpoint stored;
    private CompletableFuture<Void> append;
    private boolean caughtUp;
    private boolean shutdownSent;
    private Step next;
    private volatile boolean stopping;
    private volatile boolean failed;
    private volatile Progress progress;

    ShardWorker(RunContext ctx, Plan plan, StreamShard shard, Checkpoint stored, long lease) {
        this.ctx = ctx;
        this.lease = lease;
        this.plan = plan;
        this.shard = shard;
        this.stored = stored;
        this.processor = new ShardProcessor(plan.shardSettings(), stored == null ? null : stored.sequence());
        this.filter = RecordFilter.of(plan.settings().filterPatterns());
        this.destination = plan.destination().orElse(null);
        long start = stored == null ? shard.start() - 1 : stored.sequence();
        this.progress = new Progress(ShardProcessor.State.INITIALIZING, processor.metrics(), seq(stored), start, false);
    }

    Plan plan() {
        return plan;
    }

    StreamShard shard() {
        return shard;
    }

    Progress progress() {
        return progress;
    }

    /** Whether the worker ended on an unexpected failure (it is started again after a pause). */
    boolean failed() {
        return failed;
    }

    /** Asks the worker to stop: it makes no new invocations and ends once those in flight are back. */
    void stop() {
        stopping = true;
        inbox.add(() -> {});
    }

    @Override
    public void run() {
        try {
            partitionKey = ctx.streams().partitionKey(shard.shard().stream());
            cursor = stored != null
                    ? new ShardPosition(shard.shard(), stored.sequence())
                    : ctx.streams().position(shard.shard(), ShardIteratorType.TRIM_HORIZON);
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn(
                    "event source mapping {} stopped on shard {}: {}",
                    plan.uuid(),
                    shard.shard().shardId(),
                    e.toString());
        } finally {
            if (append != null) {
                append.cancel(false);
            }
            publish();
            ctx.events().ended(this);
        }
    }

    private void loop() throws InterruptedException {
        while (true) {
            drainInbox();
            if (stopping && !shutdownSent) {
                shutdownSent = true;
                processor.shutdown();
            }
            Step step = next != null ? next : processor.poll(ctx.clock().instant());
            next = null;
            boolean goOn = switch (step) {
                case Step.Read r -> read(r);
                case Step.Invoke i -> invoke(i.batch());
                case Step.Checkpoint c -> checkpoint(c.sequence(), false, null);
                case Step.Deliver d -> deliver(d.failed());
                case Step.Wait w -> await(w.until());
                case Step.ShardEnded e -> endShard();
                case Step.ShutDown s -> false;
            };
            publish();
            if (!goOn) {
                return;
            }
        }
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            r.run();
        }
    }

    private boolean read(Step.Read r) throws InterruptedException {
        ReadBatch batch;
        try {
            batch = ctx.streams().read(cursor, r.maxRecords());
        } catch (EddyException e) {
            if (e.code() == ErrorCode.TRIMMED_DATA_ACCESS) {
                // the retention removed records past the checkpoint: they are gone, go on from the oldest kept
                cursor = ctx.streams().position(shard.shard(), ShardIteratorType.TRIM_HORIZON);
                next = r;
                return true;
            }
            if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
                // the stream or the shard is no longer kept: nothing more can be read
                processor.onShardEnd();
                return true;
            }
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("reading shard {} for mapping {} failed: {}", shard.shard().shardId(), plan.uuid(), e.toString());
            next = r;
            Runnable woken = inbox.poll(READ_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            if (woken != null) {
                woken.run();
            }
            return true;
        }
        Instant now = ctx.clock().instant();
        List<ShardRecord> records = new ArrayList<>(batch.records().size());
        for (ChangeRecord c : batch.records()) {
            byte[] json = StreamRecordWriter.lambdaRecord(c, ctx.region(), plan.streamArn());
            boolean passes = filter.passes(json);
            if (passes) {
                events.put(c.sequence(), json);
            }
            AttributeValue key = c.keys().get(partitionKey);
            records.add(new ShardRecord(
                    c.sequence(),
                    c.sequenceNumber(),
                    key == null ? 0 : key.hashCode(),
                    Instant.ofEpochMilli(c.approximateCreationMillis()),
                    json.length + 1L,
                    !passes));
        }
        cursor = batch.next();
        processor.onRecords(records, now);
        if (batch.shardEnd()) {
            processor.onShardEnd();
        } else {
            caughtUp = records.isEmpty();
        }
        return true;
    }

    private boolean invoke(Batch batch) {
        if (!stillCurrent()) {
            // the mapping was disabled, deleted or changed after this worker started (perhaps
            // through another node, perhaps before the runner's pass stopped the worker): the batch
            // is not invoked with the old settings; the worker ends, and the batch's records are
            // read again from the checkpoint by the worker of the new settings, if any
            stop();
            processor.onInvoked(
                    batch.id(),
                    new InvokeOutcome.NotInvoked("the mapping changed"),
                    ctx.clock().instant());
            return true;
        }
        List<byte[]> payloads = new ArrayList<>(batch.records().size());
        for (ShardRecord r : batch.records()) {
            payloads.add(events.get(r.sequence()));
        }
        byte[] payload =
                EventPayloads.event(payloads, batch.window(), shard.shard().shardId(), plan.streamArn());
        ctx.invocations().execute(() -> {
            Invoked invoked = Invocations.invoke(ctx.functions(), plan.functionArn(), payload);
            inbox.add(() -> invoked(batch, invoked));
        });
        return true;
    }

    /** Whether the stored mapping is still enabled with this worker's plan. */
    private boolean stillCurrent() {
        Optional<Mapping> m = ctx.mappings().apply(plan.uuid());
        return m.isPresent()
                && m.get().settings().enabled()
                && m.get().state() != MappingState.DELETING
                && Plan.of(m.get()).equals(plan);
    }

    private void invoked(Batch batch, Invoked invoked) {
        lastByLane.put(batch.lane(), invoked);
        processor.onInvoked(batch.id(), invoked.outcome(), ctx.clock().instant());
        ctx.events().result(plan.uuid(), invoked.result());
    }

    /**
     * Sends the failed batch's record. When the processor's next step is the checkpoint that passes
     * these records, both are written in one transaction; otherwise (an earlier record is still in
     * flight on another lane) the record goes alone, and a crash before the checkpoint sends it
     * again after the replay.
     */
    private boolean deliver(FailedBatch failed) {
        if (destination == null) {
            return true;
        }
        ShardRecord first = failed.records().getFirst();
        Invoked last = failed.invoked() ? lastByLane.get(Math.floorMod(first.keyHash(), lanes())) : null;
        String body = FailureRecords.json(
                failed,
                last,
                plan.functionArn(),
                shard.shard().shardId(),
                plan.streamArn(),
                ctx.clock().instant());
        Step following = processor.poll(ctx.clock().instant());
        if (following instanceof Step.Checkpoint c
                && c.sequence() >= failed.records().getLast().sequence()) {
            return checkpoint(c.sequence(), false, body);
        }
        next = following;
        send(body);
        return true;
    }

    private void send(String body) {
        try {
            boolean sent = ctx.store().run(tx -> {
                if (!holdsShard(tx)) {
                    return false;
                }
                ctx.destinations().send(tx, destination, body);
                return true;
            });
            if (!sent) {
                // the node that took the shard over delivers these records again
                stop();
            }
        } catch (EddyException e) {
            // the queue is gone: the records are dropped, as Lambda drops them when delivery fails
            LOG.warn("mapping {} could not deliver to {}: {}", plan.uuid(), destination, e.getMessage());
        }
    }

    /** Writes the checkpoint (with the destination record {@code body}, if any); false: lost the shard. */
    private boolean checkpoint(long sequence, boolean ended, String body) {
        Checkpoint target = new Checkpoint(sequence, ended);
        Checkpoint expected = stored;
        boolean written;
        try {
            written = ctx.store().run(tx -> {
                if (!holdsShard(tx)) {
                    return false;
                }
                if (body != null) {
                    ctx.destinations().send(tx, destination, body);
                }
                return ctx.checkpoints()
                        .compareAndSet(tx, plan.uuid(), shard.shard().shardId(), expected, target);
            });
        } catch (EddyException e) {
            if (body == null) {
                throw e;
            }
            send(body);
            return checkpoint(sequence, ended, null);
        }
        if (!written) {
            LOG.warn(
                    "checkpoint of mapping {} on shard {} moved elsewhere: stopping",
                    plan.uuid(),
                    shard.shard().shardId());
            return false;
        }
        stored = target;
        events.headMap(sequence, true).clear();
        ctx.events().progress();
        return true;
    }

    /** Whether this node still holds the shard's lease, read in {@code tx} (which then conflicts if it moves). */
    private boolean holdsShard(Transaction tx) {
        return ctx.leases().holds(tx, plan.uuid(), shard.shard().shardId(), lease);
    }

    /** The lease counter this worker processes the shard under. */
    long lease() {
        return lease;
    }

    private boolean endShard() {
        long last =
                Math.max(stored == null ? shard.start() - 1 : stored.sequence(), Math.max(shard.end(), cursor.after()));
        checkpoint(last, true, null);
        return false;
    }

    private boolean await(Instant until) throws InterruptedException {
        if (caughtUp && append == null && !stopping) {
            CompletableFuture<Void> f = ctx.streams().awaitAppend(cursor);
            append = f;
            f.thenRun(() -> inbox.add(() -> appended(f)));
        }
        Runnable woken;
        if (until == null) {
            woken = inbox.take();
        } else {
            long millis = Duration.between(ctx.clock().instant(), until).toMillis();
            woken = inbox.poll(Math.max(1, millis), TimeUnit.MILLISECONDS);
        }
        if (woken != null) {
            woken.run();
        }
        return true;
    }

    private void appended(CompletableFuture<Void> f) {
        if (append == f) {
            append = null;
            caughtUp = false;
            processor.onAppend();
        }
    }

    private int lanes() {
        return plan.settings().tumblingWindowInSeconds() > 0
                ? 1
                : plan.settings().parallelizationFactor();
    }

    private void publish() {
        ShardMetrics m = processor.metrics();
        boolean idle = m.outstanding() == 0 && caughtUp && cursor != null;
        long through = cursor == null ? progress.readThrough() : cursor.after();
        Progress before = progress;
        progress = new Progress(processor.state(), m, seq(stored), through, idle);
        if (idle != before.idle() || through != before.readThrough()) {
            ctx.events().progress();
        }
    }

    private static Long seq(Checkpoint c) {
        return c == null ? null : c.sequence();
    }
}
