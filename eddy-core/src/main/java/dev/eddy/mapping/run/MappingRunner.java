package dev.eddy.mapping.run;

import dev.eddy.error.EddyException;
import dev.eddy.mapping.Mapping;
import dev.eddy.mapping.MappingEngine;
import dev.eddy.mapping.MappingState;
import dev.eddy.mapping.ShardStatus;
import dev.eddy.mapping.checkpoint.Checkpoint;
import dev.eddy.mapping.shard.ShardMetrics;
import dev.eddy.mapping.target.DestinationSender;
import dev.eddy.mapping.target.FunctionTarget;
import dev.eddy.store.Store;
import dev.eddy.stream.SequenceNumbers;
import dev.eddy.stream.StreamId;
import dev.eddy.stream.StreamReader;
import dev.eddy.stream.StreamShard;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes the node's enabled event source mappings: for each one, a {@link ShardWorker} per
 * shard that is due, following the stream's lineage (a parent shard is finished and checkpointed
 * as ended before its children start; children born by rollover are picked up when their parent
 * ends). A background pass ({@link #runOnce}) reconciles the running workers with the stored
 * mappings: it starts workers of enabled mappings, stops those of disabled or deleted ones, and
 * restarts them from their checkpoints when an update changed the function or the settings. The
 * pass runs when a mapping changes, when a worker ends, and every second as a safety net.
 *
 * <p>Thread-safe: the pass never runs concurrently with itself; workers report through
 * synchronised callbacks.
 */
public final class MappingRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MappingRunner.class);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private final MappingEngine mappings;
    private final StreamReader streams;
    private final ShardLeases leases;
    private final RunContext ctx;
    private final ExecutorService invocations;
    private final ThreadFactory workerThreads =
            Thread.ofVirtual().name("mapping-shard-", 0).factory();
    private final Map<String, MappingRun> runs = new HashMap<>();
    private final Map<String, ShardMetrics> finished = new HashMap<>();
    private final Map<String, Long> failedAt = new HashMap<>();
    private final Object progress = new Object();
    private final Map<String, String> results = new HashMap<>();
    private volatile BackgroundWork.Registration registration;
    private volatile boolean closed;

    /** The workers of one mapping, by shard id, and the plan new ones start with. */
    private static final class MappingRun {
        Plan plan;
        final Map<String, ShardWorker> workers = new HashMap<>();

        MappingRun(Plan plan) {
            this.plan = plan;
        }
    }

    public MappingRunner(
            Store store,
            InstantSource clock,
            String region,
            MappingEngine mappings,
            StreamReader streams,
            FunctionTarget functions,
            DestinationSender destinations) {
        this(store, clock, region, mappings, streams, functions, destinations, ShardLeases.SINGLE_NODE);
    }

    /**
     * @param leases which shards this node processes: a worker runs only while its shard's lease is
     *     held, and its checkpoints are written only under that lease
     */
    public MappingRunner(
            Store store,
            InstantSource clock,
            String region,
            MappingEngine mappings,
            StreamReader streams,
            FunctionTarget functions,
            DestinationSender destinations,
            ShardLeases leases) {
        this.mappings = mappings;
        this.leases = leases;
        this.streams = streams;
        this.invocations = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("mapping-invoke-", 0).factory());
        this.ctx = new RunContext(
                store,
                clock,
                region,
                streams,
                mappings.checkpoints(),
                functions,
                destinations,
                invocations,
                leases,
                new Events(),
                mappings::find);
    }

    /** Registers the reconciling pass with {@code work}; it follows every change of a mapping. */
    public void start(BackgroundWork work) {
        BackgroundWork.Registration r = work.schedule("event source mapping processing", INTERVAL, this::runOnce);
        registration = r;
        mappings.onChange(r::wake);
        leases.onChange(r::wake);
        r.wake();
    }

    /** One reconciling pass (the background task). */
    public void runOnce(Instant now) {
        if (closed) {
            return;
        }
        List<Mapping> all = mappings.all();
        Set<String> present = new HashSet<>();
        for (Mapping m : all) {
            present.add(m.uuid());
            reconcile(m);
        }
        List<String> gone = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, MappingRun> e : runs.entrySet()) {
                if (!present.contains(e.getKey())) {
                    e.getValue().workers.values().forEach(ShardWorker::stop);
                    if (e.getValue().workers.isEmpty()) {
                        gone.add(e.getKey());
                    }
                }
            }
            gone.forEach(runs::remove);
        }
        // a worker of a deleted mapping may have checkpointed after the mapping's checkpoints were removed
        gone.forEach(uuid -> mappings.checkpoints().removeAll(uuid));
        gone.forEach(uuid -> leases.declare(uuid, List.of()));
    }

    private void reconcile(Mapping m) {
        boolean active = m.settings().enabled() && m.state() != MappingState.DELETING;
        Plan plan = Plan.of(m);
        if (!active) {
            // a disabled mapping's shards count in no node's share
            leases.declare(m.uuid(), List.of());
        }
        synchronized (this) {
            MappingRun run = runs.get(m.uuid());
            if (run == null) {
                if (!active) {
                    return;
                }
                run = new MappingRun(plan);
                runs.put(m.uuid(), run);
            }
            if (!active || !run.plan.equals(plan)) {
                run.workers.values().forEach(ShardWorker::stop);
                run.plan = plan;
            }
            // a shard whose lease moved to another node (or was taken back under a new counter)
            // stops here; its checkpoints are refused anyway
            for (ShardWorker w : run.workers.values()) {
                if (leases.counter(m.uuid(), w.shard().shard().shardId()) != w.lease()) {
                    w.stop();
                }
            }
        }
        if (!active) {
            return;
        }
        startDue(m.uuid(), plan);
    }

    /** Starts a worker for every shard whose turn it is and that has none. */
    private void startDue(String uuid, Plan plan) {
        List<StreamShard> lineage;
        try {
            StreamId stream = streams.stream(plan.streamArn());
            lineage = streams.lineage(stream);
        } catch (EddyException e) {
            // the stream is no longer kept: there is nothing to read
            return;
        }
        Map<String, Checkpoint> checkpoints = mappings.checkpoints().readAll(uuid);
        Set<String> kept = new HashSet<>();
        lineage.forEach(s -> kept.add(s.shard().shardId()));
        List<StreamShard> due = new ArrayList<>();
        for (StreamShard s : lineage) {
            Checkpoint c = checkpoints.get(s.shard().shardId());
            if (c != null && c.shardEnded()) {
                continue;
            }
            String parent = s.parentShardId();
            boolean parentDone = parent == null
                    || !kept.contains(parent)
                    || (checkpoints.get(parent) != null
                            && checkpoints.get(parent).shardEnded());
            if (parentDone) {
                due.add(s);
            }
        }
        leases.declare(uuid, due.stream().map(s -> s.shard().shardId()).toList());
        for (StreamShard s : due) {
            long lease = leases.counter(uuid, s.shard().shardId());
            if (lease >= 0) {
                start(uuid, plan, s, lease);
            }
        }
    }

    private synchronized void start(String uuid, Plan plan, StreamShard shard, long lease) {
        MappingRun run = runs.get(uuid);
        if (closed
                || run == null
                || !run.plan.equals(plan)
                || run.workers.containsKey(shard.shard().shardId())) {
            return;
        }
        // read again now that no worker holds the shard: the one that just ended may have
        // checkpointed (or ended the shard) after this pass read the checkpoints, and a worker
        // started from the older checkpoint would invoke those records a second time
        Checkpoint checkpoint =
                mappings.checkpoints().read(uuid, shard.shard().shardId()).orElse(null);
        if (checkpoint != null && checkpoint.shardEnded()) {
            return;
        }
        ShardWorker w = new ShardWorker(ctx, plan, shard, checkpoint, lease);
        run.workers.put(shard.shard().shardId(), w);
        workerThreads.newThread(w).start();
    }

    /** Where every mapping stands on every shard it is processing now. */
    public List<ShardStatus> statuses() {
        List<ShardStatus> out = new ArrayList<>();
        List<ShardWorker> workers;
        synchronized (this) {
            workers = runs.values().stream()
                    .flatMap(r -> r.workers.values().stream())
                    .toList();
        }
        for (ShardWorker w : workers) {
            out.add(status(w));
        }
        return out;
    }

    private ShardStatus status(ShardWorker w) {
        ShardWorker.Progress p = w.progress();
        Plan plan = w.plan();
        String shardId = w.shard().shard().shardId();
        ShardMetrics base;
        synchronized (this) {
            base = finished.get(key(plan.uuid(), shardId));
        }
        long done =
                p.idle() ? p.readThrough() : p.checkpoint() == null ? w.shard().start() - 1 : p.checkpoint();
        long lag = Math.max(0, Drain.target(streams, w.shard()) - done);
        return new ShardStatus(
                plan.uuid(),
                plan.functionArn(),
                plan.streamArn(),
                shardId,
                p.state(),
                plus(base, p.metrics()),
                p.checkpoint() == null ? null : SequenceNumbers.format(p.checkpoint()),
                lag);
    }

    /**
     * Waits until every enabled mapping (or only mapping {@code uuid}, when not null) has processed
     * every record that was visible in its stream when the call began: checkpointed it, or read and
     * finished everything up to it (filtered out, delivered, given up on).
     *
     * @return true when drained, false when {@code timeout} passed first
     */
    public boolean awaitDrained(String uuid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Drain drain = Drain.of(mappings, streams, uuid);
        synchronized (progress) {
            while (!drain.done(this::processedThrough)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, Math.min(left / 1_000_000, 1000)));
            }
        }
        return true;
    }

    /** The sequence number through which mapping {@code uuid} has processed the shard. */
    private long processedThrough(String uuid, StreamShard shard) {
        String shardId = shard.shard().shardId();
        ShardWorker w;
        synchronized (this) {
            MappingRun run = runs.get(uuid);
            w = run == null ? null : run.workers.get(shardId);
        }
        if (w != null) {
            ShardWorker.Progress p = w.progress();
            if (p.idle()) {
                return p.readThrough();
            }
            if (p.checkpoint() != null) {
                return p.checkpoint();
            }
        }
        Checkpoint c = mappings.checkpoints().read(uuid, shardId).orElse(null);
        if (c == null) {
            return shard.start() - 1;
        }
        return c.shardEnded() ? Long.MAX_VALUE : c.sequence();
    }

    /** Stops every worker, waiting a little for invocations in flight, then interrupts. Idempotent. */
    @Override
    public void close() {
        closed = true;
        BackgroundWork.Registration r = registration;
        if (r != null) {
            r.cancel();
        }
        synchronized (this) {
            runs.values().forEach(run -> run.workers.values().forEach(ShardWorker::stop));
        }
        invocations.shutdown();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        synchronized (this) {
            while (runs.values().stream().anyMatch(run -> !run.workers.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn(
                            "event source mapping workers still busy at shutdown; their batches are replayed next time");
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        invocations.shutdownNow();
    }

    private static String key(String uuid, String shardId) {
        return uuid + "/" + shardId;
    }

    private static ShardMetrics plus(ShardMetrics a, ShardMetrics b) {
        if (a == null) {
            return b;
        }
        return new ShardMetrics(
                a.polledEventCount() + b.polledEventCount(),
                a.filteredOutEventCount() + b.filteredOutEventCount(),
                a.failedInvokeEventCount() + b.failedInvokeEventCount(),
                a.droppedEventCount() + b.droppedEventCount(),
                a.onFailureDestinationDeliveredEventCount() + b.onFailureDestinationDeliveredEventCount(),
                b.iteratorAge() != null ? b.iteratorAge() : a.iteratorAge(),
                b.outstanding());
    }

    private final class Events implements RunContext.Events {
        @Override
        public void result(String uuid, String result) {
            synchronized (results) {
                if (result.equals(results.get(uuid))) {
                    return;
                }
                results.put(uuid, result);
            }
            try {
                mappings.recordResult(uuid, result);
            } catch (RuntimeException e) {
                LOG.debug("could not record the processing result of mapping {}: {}", uuid, e.toString());
            }
        }

        @Override
        public void progress() {
            synchronized (progress) {
                progress.notifyAll();
            }
        }

        @Override
        public void ended(ShardWorker w) {
            String shardId = w.shard().shard().shardId();
            synchronized (MappingRunner.this) {
                MappingRun run = runs.get(w.plan().uuid());
                if (run != null && run.workers.get(shardId) == w) {
                    run.workers.remove(shardId);
                }
                finished.merge(key(w.plan().uuid(), shardId), w.progress().metrics(), MappingRunner::plus);
                if (w.failed()) {
                    failedAt.put(key(w.plan().uuid(), shardId), System.nanoTime());
                } else {
                    failedAt.remove(key(w.plan().uuid(), shardId));
                }
                MappingRunner.this.notifyAll();
            }
            progress();
            BackgroundWork.Registration r = registration;
            if (r != null && !closed) {
                r.wake();
            }
        }
    }
}
