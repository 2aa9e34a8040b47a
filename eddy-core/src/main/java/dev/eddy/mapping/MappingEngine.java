package dev.eddy.mapping;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.cluster.ClusterSignal;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.function.FunctionRef;
import dev.eddy.function.FunctionRegistry;
import dev.eddy.mapping.checkpoint.Checkpoint;
import dev.eddy.mapping.checkpoint.CheckpointStore;
import dev.eddy.mapping.checkpoint.StoredCheckpoints;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.stream.ShardIteratorType;
import dev.eddy.stream.StartingPosition;
import dev.eddy.stream.StreamReader;
import dev.eddy.stream.StreamShard;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Event source mappings: the door of the mapping package. Creates, reads, updates, lists and
 * deletes mappings of DynamoDB streams to functions with Lambda's validation and messages
 * (aws-semantics 4.1 to 4.3), keeps them in the {@link Store} ({@link MappingCatalog}) and their
 * checkpoints in a {@link CheckpointStore}.
 *
 * <p>Create, Update and Delete answer with a transitional state (Creating, Enabling, Disabling,
 * Updating, Deleting), as Lambda's 202 answers do; a background task ({@link #start}) settles it
 * soon after (Enabled or Disabled; a deleted mapping and its checkpoints disappear), and also
 * after a restart for a mapping that was left transitional. {@link #settle} runs that pass at once.
 *
 * <p>Records are not processed here: {@link dev.eddy.mapping.run.MappingRunner} reads
 * {@link #all} and the {@link #checkpoints()}, and processes the enabled mappings. A LATEST
 * mapping's start is fixed at creation: each existing shard's checkpoint is its end at that
 * moment, written in the creating transaction.
 *
 * <p>Thread-safe. Every change is one store transaction; concurrent creates of the same stream
 * and function conflict on one key, so exactly one succeeds.
 */
public final class MappingEngine implements AutoCloseable {
    /** ListEventSourceMappings returns at most this many per page. */
    public static final int MAX_PAGE = 100;

    private static final Duration SETTLE_INTERVAL = Duration.ofSeconds(1);
    private static final String NOT_FOUND = "The resource you requested does not exist.";
    /** The topic of mapping notices; the payload is empty (the runners re-read every mapping). */
    private static final String TOPIC = "mapping";

    private final Store store;
    private final InstantSource clock;
    private final Account account;
    private final MappingTargets targets;
    private final StreamReader streams;
    private final CheckpointStore checkpoints;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile BackgroundWork.Registration settler;
    private volatile ClusterSignal signal;
    private volatile ClusterSignal.Subscription subscription;

    /**
     * @param destinations whether an on-failure queue exists ({@link DestinationCheck#NO_QUEUES}
     *     until a queue service is wired)
     */
    public MappingEngine(
            Store store,
            InstantSource clock,
            Account account,
            StreamReader streams,
            FunctionRegistry functions,
            DestinationCheck destinations) {
        this.store = store;
        this.clock = clock;
        this.account = account;
        this.streams = streams;
        this.targets = new MappingTargets(account, streams, functions, destinations);
        this.checkpoints = new StoredCheckpoints(store);
    }

    /** Registers the task that settles transitional states; it runs once the work starts. */
    public void start(BackgroundWork work) {
        settler = work.schedule("event source mapping states", SETTLE_INTERVAL, now -> settle());
        settler.wake(); // mappings a previous run left transitional
    }

    /**
     * Registers {@code listener} to run after every change of a mapping (created, updated, deleted,
     * settled), on the changing thread; it must return quickly (wake something up).
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Shares mapping changes with the other nodes of a cluster on one store: every change is
     * published on {@code cluster} after its commit, and a change published by any node runs this
     * node's {@linkplain #onChange listeners} (the runner's pass), so that an update made through
     * one node reaches the shard workers of every node at once rather than at their next periodic
     * pass. Call once, only when other nodes share the store.
     */
    public void followCluster(ClusterSignal cluster) {
        signal = cluster;
        subscription = cluster.subscribe(TOPIC, payload -> listeners.forEach(Runnable::run));
    }

    /** Every mapping, by UUID. */
    public List<Mapping> all() {
        try (ReadView view = store.snapshot()) {
            return MappingCatalog.scan(view, null, 0);
        }
    }

    /**
     * Sets the LastProcessingResult of mapping {@code uuid} ("OK", "PROBLEM: ..."), if it still
     * exists and the value differs. LastModified does not change.
     */
    public void recordResult(String uuid, String result) {
        store.run(tx -> {
            Optional<Mapping> current = MappingCatalog.get(tx, uuid);
            if (current.isPresent() && !result.equals(current.get().lastProcessingResult())) {
                MappingCatalog.put(tx, current.get().withResult(result));
            }
            return null;
        });
    }

    /** The checkpoints of every mapping, per shard. */
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** The ARN of mapping {@code uuid}. */
    public Arn.EventSourceMapping arn(String uuid) {
        return account.eventSourceMapping(uuid);
    }

    /** CreateEventSourceMapping: the new mapping, in state Creating. */
    public Mapping create(MappingRequest r) {
        MappingValidation.checkConstraints(r, true);
        if (r.eventSourceArn() == null) {
            throw MappingValidation.invalid("Unrecognized event source.");
        }
        StartingPosition position = MappingValidation.startingPosition(r.startingPosition(), r.eventSourceArn());
        String source = targets.stream(r.eventSourceArn());
        String function = targets.function(r.functionName()).toString();
        MappingSettings settings = r.applyTo(MappingSettings.DEFAULTS);
        MappingValidation.checkSettings(settings);
        targets.checkDestinations(r);
        Mapping m = new Mapping(
                UUID.randomUUID().toString(),
                source,
                function,
                position,
                settings,
                MappingState.CREATING,
                Mapping.USER_ACTION,
                Mapping.NO_RECORDS_PROCESSED,
                clock.millis(),
                r.tags() == null ? Map.of() : r.tags());
        Map<String, Checkpoint> start = position == StartingPosition.LATEST ? latest(source) : Map.of();
        store.run(tx -> {
            Optional<String> existing = MappingCatalog.pair(tx, source, function);
            if (existing.isPresent()) {
                throw duplicate(source, r.functionName(), existing.get());
            }
            MappingCatalog.putPair(tx, source, function, m.uuid());
            MappingCatalog.put(tx, m);
            start.forEach((shardId, c) -> checkpoints.compareAndSet(tx, m.uuid(), shardId, null, c));
            return null;
        });
        wake();
        return m;
    }

    /**
     * Where a LATEST mapping starts: each shard's end as of now, so that every record written after
     * the mapping was created is processed and none before (a closed shard counts as processed).
     * Shards born later start at their beginning.
     */
    private Map<String, Checkpoint> latest(String streamArn) {
        Map<String, Checkpoint> out = new HashMap<>();
        for (StreamShard s : streams.lineage(streams.stream(streamArn))) {
            long end = s.closed()
                    ? s.end()
                    : streams.position(s.shard(), ShardIteratorType.LATEST).after();
            out.put(s.shard().shardId(), new Checkpoint(end, s.closed()));
        }
        return out;
    }

    /** The stored mapping {@code uuid}, if it exists. */
    public Optional<Mapping> find(String uuid) {
        try (ReadView view = store.snapshot()) {
            return MappingCatalog.get(view, uuid);
        }
    }

    /** GetEventSourceMapping. */
    public Mapping get(String uuid) {
        try (ReadView view = store.snapshot()) {
            return MappingCatalog.get(view, uuid).orElseThrow(MappingEngine::notFound);
        }
    }

    /**
     * UpdateEventSourceMapping: the given members replace the mapping's, its position is kept; the
     * answer is in state Updating, Enabling or Disabling.
     */
    public Mapping update(String uuid, MappingRequest r) {
        MappingValidation.checkConstraints(r, false);
        Mapping before = get(uuid);
        String function = r.functionName() == null
                ? before.functionArn()
                : targets.function(r.functionName()).toString();
        MappingSettings settings = r.applyTo(before.settings());
        MappingValidation.checkSettings(settings);
        targets.checkDestinations(r);
        Mapping after = store.run(tx -> {
            Mapping current = MappingCatalog.get(tx, uuid).orElseThrow(MappingEngine::notFound);
            if (current.state() == MappingState.CREATING || current.state() == MappingState.DELETING) {
                throw inUse(uuid, current.state());
            }
            if (!function.equals(current.functionArn())) {
                Optional<String> other = MappingCatalog.pair(tx, current.eventSourceArn(), function);
                if (other.isPresent()) {
                    throw duplicate(current.eventSourceArn(), r.functionName(), other.get());
                }
                MappingCatalog.clearPair(tx, current.eventSourceArn(), current.functionArn());
                MappingCatalog.putPair(tx, current.eventSourceArn(), function, uuid);
            }
            Mapping m = current.updated(function, settings, transition(current, settings), clock.millis());
            MappingCatalog.put(tx, m);
            return m;
        });
        wake();
        return after;
    }

    /** DeleteEventSourceMapping: the mapping in state Deleting; it disappears soon after. */
    public Mapping delete(String uuid) {
        Mapping deleting = store.run(tx -> {
            Mapping current = MappingCatalog.get(tx, uuid).orElseThrow(MappingEngine::notFound);
            if (current.state() == MappingState.UPDATING) {
                throw inUse(uuid, current.state());
            }
            Mapping m = current.withState(MappingState.DELETING, clock.millis());
            MappingCatalog.put(tx, m);
            return m;
        });
        wake();
        return deleting;
    }

    /**
     * ListEventSourceMappings, by UUID: the mappings of stream {@code eventSourceArn} and of the
     * function {@code functionName} names (each null: any), after {@code marker}, at most
     * {@code maxItems} (capped at {@link #MAX_PAGE}). A filter that names nothing known matches
     * nothing.
     */
    public MappingPage list(String eventSourceArn, String functionName, String marker, int maxItems) {
        int limit = Math.min(Math.max(maxItems, 1), MAX_PAGE);
        FunctionRef ref = functionName == null ? null : FunctionRef.parse(functionName, null);
        if (functionName != null && ref == null) {
            return new MappingPage(List.of(), null);
        }
        List<Mapping> all;
        try (ReadView view = store.snapshot()) {
            all = MappingCatalog.scan(view, marker, 0);
        }
        List<Mapping> page = new ArrayList<>();
        for (Mapping m : all) {
            if ((eventSourceArn == null || eventSourceArn.equals(m.eventSourceArn())) && matches(ref, m)) {
                if (page.size() == limit) {
                    return new MappingPage(page, page.get(limit - 1).uuid());
                }
                page.add(m);
            }
        }
        return new MappingPage(page, null);
    }

    /**
     * Moves every transitional mapping to where it was going: Enabled or Disabled, or away with its
     * checkpoints when Deleting. Idempotent; the background task runs it.
     */
    public void settle() {
        List<Mapping> all;
        try (ReadView view = store.snapshot()) {
            all = MappingCatalog.scan(view, null, 0);
        }
        for (Mapping m : all) {
            if (m.state().transitional()) {
                settle(m.uuid());
            }
        }
    }

    private void settle(String uuid) {
        boolean removed = store.run(tx -> {
            Optional<Mapping> current = MappingCatalog.get(tx, uuid);
            if (current.isEmpty() || !current.get().state().transitional()) {
                return false;
            }
            Mapping m = current.get();
            if (m.state() == MappingState.DELETING) {
                MappingCatalog.remove(tx, m);
                return true;
            }
            MappingCatalog.put(tx, m.withState(m.state().settled(m.settings().enabled()), clock.millis()));
            return false;
        });
        if (removed) {
            checkpoints.removeAll(uuid);
        }
        changed();
    }

    /** Stops settling states (a pass in progress finishes). Idempotent. */
    @Override
    public void close() {
        BackgroundWork.Registration r = settler;
        if (r != null) {
            r.cancel();
        }
        ClusterSignal.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    private void wake() {
        BackgroundWork.Registration r = settler;
        if (r != null) {
            r.wake();
        }
        changed();
    }

    private void changed() {
        listeners.forEach(Runnable::run);
        ClusterSignal s = signal;
        if (s != null) {
            // the listeners of this node ran already; the notice comes back here too, harmlessly
            s.publish(TOPIC, "");
        }
    }

    private static MappingState transition(Mapping current, MappingSettings next) {
        boolean was = current.settings().enabled();
        if (was == next.enabled()) {
            return MappingState.UPDATING;
        }
        return next.enabled() ? MappingState.ENABLING : MappingState.DISABLING;
    }

    private static boolean matches(FunctionRef ref, Mapping m) {
        if (ref == null) {
            return true;
        }
        Optional<Arn.Function> fn = Arn.parse(m.functionArn(), Arn.Function.class);
        return fn.isPresent()
                && fn.get().name().equals(ref.name())
                && (ref.qualifier() == null || ref.qualifier().equals(fn.get().qualifier()));
    }

    private static EddyException duplicate(String source, String functionName, String uuid) {
        return new EddyException(
                ErrorCode.LAMBDA_RESOURCE_CONFLICT,
                "The event source arn (\" " + source + " \") and function (\" " + functionName
                        + " \") provided mapping already exists. Please update or delete the existing mapping with "
                        + "UUID " + uuid);
    }

    private static EddyException inUse(String uuid, MappingState state) {
        return new EddyException(
                ErrorCode.LAMBDA_RESOURCE_IN_USE,
                "The event source mapping " + uuid + " is " + state.wire() + "; retry once it is Enabled or Disabled.");
    }

    private static EddyException notFound() {
        return new EddyException(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND, NOT_FOUND);
    }
}
