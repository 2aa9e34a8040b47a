package dev.eddy.stream;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.cluster.ClusterSignal;
import dev.eddy.error.EddyException;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.table.TableDirectory;
import dev.eddy.table.TableMeta;
import dev.eddy.table.WriteMaintainer;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * DynamoDB Streams on a {@link Store}: stream records captured in the writing transaction, shards
 * with lineage, sequence numbers in commit order, rollover and retention. The change log holds
 * the state of every stream and recovers it when it opens; it offers two ways to read it: the
 * Streams API's rules ({@link #api()}) and a typed reader for in-process consumers
 * ({@link #reader()}).
 *
 * <p>Wiring: build the change log first, over a {@link TableDirectory} of the same store (the
 * keeper reads each table's retention tag through it), then the table engine with
 * {@link #maintainer()} among its maintainers (it numbers stream records through the commit hooks
 * of the engine's transactions, so the engine writes through the plain store);
 * {@link #start(BackgroundWork)} registers the keeper, which alone rolls shards over and trims
 * them (reads never write). Close it before the store.
 *
 * <p>Thread-safe.
 */
public final class ChangeLog implements AutoCloseable {
    private final Store store;
    private final ShardSequencer.Factory sequencers;
    private final CommitSignal signal;
    private final InstantSource clock;
    private final String region;
    private final String account;
    private final StreamConfig config;
    private final ConcurrentHashMap<String, StreamState> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, StreamState> byId = new ConcurrentHashMap<>();
    private final StreamKeeper keeper;
    private final StreamsApi api;
    private final StreamReader reader;
    /** Null on a single node. */
    private final StreamSync sync;

    /**
     * Opens the change log over {@code store} with in-process sequencing
     * ({@link WatermarkSequencer}) and wake-ups ({@link LocalCommitSignal}), reading table
     * descriptions from the same store.
     */
    public ChangeLog(Store store, InstantSource clock, Account account, StreamConfig config) {
        this(
                store,
                clock,
                account,
                config,
                new TableDirectory(store),
                WatermarkSequencer.factory(),
                new LocalCommitSignal());
    }

    /**
     * Opens the change log over {@code store}, recovering the state of every stream (sequence
     * counters restart above every number that may have been handed out; streams disabled just
     * before a crash get their shards closed).
     *
     * @param tables where the keeper finds a table's tags (its retention may be set per table)
     */
    public ChangeLog(
            Store store,
            InstantSource clock,
            Account account,
            StreamConfig config,
            TableDirectory tables,
            ShardSequencer.Factory sequencers,
            CommitSignal signal) {
        this(store, clock, account, config, tables, sequencers, signal, null, null);
    }

    /**
     * Opens the change log of a node that shares {@code store} with other nodes: records are
     * numbered by a counter per lineage in the store ({@link SharedSequencer}), commits wake
     * readers on every node through {@code notices} ({@link ClusterCommitSignal}), and streams
     * created, disabled, rolled over or removed by another node are seen at once through
     * {@code notices}, and at the latest after {@code pollInterval}, at which every node also
     * re-reads the store for its waiting readers (the fallback when notices are lost or the
     * database has none). Close the change log before {@code notices}.
     */
    public static ChangeLog shared(
            Store store,
            InstantSource clock,
            Account account,
            StreamConfig config,
            TableDirectory tables,
            ClusterSignal notices,
            Duration pollInterval) {
        ClusterCommitSignal commits = new ClusterCommitSignal(notices);
        return new ChangeLog(
                store, clock, account, config, tables, SharedSequencer.factory(store), commits, notices, pollInterval);
    }

    private ChangeLog(
            Store store,
            InstantSource clock,
            Account account,
            StreamConfig config,
            TableDirectory tables,
            ShardSequencer.Factory sequencers,
            CommitSignal signal,
            ClusterSignal notices,
            Duration pollInterval) {
        this.store = store;
        this.sequencers = sequencers;
        this.signal = signal;
        this.clock = clock;
        this.region = account.region();
        this.account = account.id();
        this.config = config;
        this.keeper = new StreamKeeper(this, store, config, tables);
        ShardAccess shards = new ShardAccess(store);
        this.api = new StreamsApi(this, shards, clock, store);
        this.reader = new ChangeLogReader(this, shards);
        this.sync = notices == null ? null : new StreamSync(this, notices, (ClusterCommitSignal) signal, pollInterval);
        try (ReadView view = store.snapshot()) {
            for (StreamDescriptor d : StreamCatalog.all(view)) {
                remember(load(view, d));
            }
        }
        for (StreamState s : byName.values()) {
            if (s.descriptor().disabled()) {
                closeAll(s);
            }
        }
    }

    /** The maintainer to register with the table engine. */
    public WriteMaintainer maintainer() {
        return new StreamMaintainer(this, clock);
    }

    /** The DynamoDB Streams API's operations, for the wire adapter. */
    public StreamsApi api() {
        return api;
    }

    /** Typed reads, lineage and wake-ups for in-process consumers (event source mappings). */
    public StreamReader reader() {
        return reader;
    }

    /**
     * Registers the keeper (rollover, trimming, expiry of disabled streams) with {@code work} as
     * the task {@code stream-keeper}; its first pass comes as soon as {@code work} runs.
     * Call once.
     */
    public void start(BackgroundWork work) {
        keeper.attach(work);
        if (sync != null) {
            sync.attach(work);
        }
    }

    /** Runs the keeper's work once, at the clock's time (tests use it with a mutable clock). */
    public void maintain() {
        keeper.runOnce(clock.instant());
    }

    /** Takes the keeper off the background work (a pass in progress finishes). Idempotent. */
    @Override
    public void close() {
        keeper.detach();
        if (sync != null) {
            sync.close();
        }
    }

    public StreamConfig config() {
        return config;
    }

    // ---- table changes (called by the maintainer) ----

    void tableChanging(Transaction tx, TableMeta before, TableMeta after) {
        boolean wasOn = before != null && before.streamEnabled();
        boolean isOn = after != null && after.streamEnabled();
        if (wasOn && (!isOn || !before.latestStreamLabel().equals(after.latestStreamLabel()))) {
            StreamDescriptor d = StreamCatalog.find(tx, before.name(), before.latestStreamLabel());
            if (d != null && !d.disabled()) {
                StreamCatalog.put(tx, d.disable(clock.millis()));
            }
        }
        if (isOn && (!wasOn || !before.latestStreamLabel().equals(after.latestStreamLabel()))) {
            long now = clock.millis();
            long id = StreamCatalog.nextId(tx);
            String range = after.key().rangeName();
            StreamDescriptor d = new StreamDescriptor(
                    id,
                    after.name(),
                    after.uuid(),
                    after.latestStreamLabel(),
                    after.streamViewType(),
                    after.key().hashName(),
                    range,
                    now,
                    config.shardsPerTable(),
                    ThreadLocalRandom.current().nextInt(),
                    false,
                    0);
            StreamCatalog.put(tx, d);
            for (int p = 0; p < d.partitions(); p++) {
                StreamCatalog.put(tx, id, new ShardState(p, 0, now, -1, floor(now) + 1, -1));
            }
        }
    }

    void tableChanged(TableMeta before, TableMeta after) {
        boolean wasOn = before != null && before.streamEnabled();
        boolean isOn = after != null && after.streamEnabled();
        if (wasOn && (!isOn || !before.latestStreamLabel().equals(after.latestStreamLabel()))) {
            StreamState s = find(before.name(), before.latestStreamLabel());
            if (s != null) {
                try (ReadView view = store.snapshot()) {
                    StreamDescriptor d = StreamCatalog.find(view, before.name(), before.latestStreamLabel());
                    if (d != null) {
                        s.descriptor(d);
                    }
                }
                closeAll(s);
                announce(s);
            }
        }
        if (isOn && (!wasOn || !before.latestStreamLabel().equals(after.latestStreamLabel()))) {
            StreamState s = find(after.name(), after.latestStreamLabel());
            if (s != null) {
                announce(s);
            }
        }
    }

    /** Tells the other nodes sharing the store that {@code s} changed there; nothing on a single node. */
    void announce(StreamState s) {
        if (sync != null) {
            sync.announce(s.id());
        }
    }

    /**
     * Takes every stream's descriptor, shards and trim floors from the store: streams another
     * node created, disabled, rolled over or removed. For nodes sharing the store only.
     */
    void refreshAll() {
        try (ReadView view = store.snapshot()) {
            Set<Long> present = new HashSet<>();
            for (StreamDescriptor d : StreamCatalog.all(view)) {
                present.add(d.id());
                StreamState s = byId.get(d.id());
                if (s == null) {
                    synchronized (byName) {
                        if (!byId.containsKey(d.id())) {
                            remember(load(view, d));
                        }
                    }
                    continue;
                }
                s.descriptor(d);
                for (Partition p : s.partitions) {
                    p.refresh(view);
                }
            }
            // only disabled streams are ever removed; one loaded after this snapshot is not among them
            for (StreamState s : states()) {
                if (s.descriptor().disabled() && !present.contains(s.id())) {
                    forget(s);
                }
            }
        }
    }

    /** Numbers handed out after a restart start above the clock's millis times 1000. */
    private static long floor(long millis) {
        return millis * 1000;
    }

    // ---- in-memory state ----

    private static String key(String table, String label) {
        return table + '\u0000' + label;
    }

    /** The stream of a table write; loads it on first use. */
    StreamState state(String table, String label) {
        StreamState s = find(table, label);
        if (s == null) {
            throw new IllegalStateException("no stream " + label + " for table " + table);
        }
        return s;
    }

    private StreamState find(String table, String label) {
        StreamState s = byName.get(key(table, label));
        if (s != null) {
            return s;
        }
        synchronized (byName) {
            s = byName.get(key(table, label));
            if (s != null) {
                return s;
            }
            try (ReadView view = store.snapshot()) {
                StreamDescriptor d = StreamCatalog.find(view, table, label);
                if (d == null) {
                    return null;
                }
                return remember(load(view, d));
            }
        }
    }

    private StreamState remember(StreamState s) {
        byName.put(key(s.descriptor().tableName(), s.descriptor().label()), s);
        byId.put(s.id(), s);
        return s;
    }

    private StreamState load(ReadView view, StreamDescriptor d) {
        List<ShardState> all = StreamCatalog.shards(view, d.id());
        Partition[] parts = new Partition[d.partitions()];
        long clockFloor = floor(clock.millis());
        for (int p = 0; p < parts.length; p++) {
            final int index = p;
            List<ShardState> mine = all.stream()
                    .filter(s -> s.partition() == index)
                    .sorted(Comparator.comparingInt(ShardState::generation))
                    .toList();
            long last = clockFloor;
            for (ShardState s : mine) {
                last = Math.max(last, Math.max(s.start() - 1, s.end()));
            }
            List<KeyValue> top = view.scan(StreamKeys.allRecords(d.id(), p), 1, true);
            if (!top.isEmpty()) {
                last = Math.max(last, StreamKeys.seqOf(top.getFirst().key()));
            }
            last = Math.max(last, SharedSequencer.lastIn(view.get(StreamKeys.counter(d.id(), p))));
            parts[p] =
                    new Partition(d.id(), p, mine, last, StreamCatalog.trimFloor(view, d.id(), p), sequencers, signal);
        }
        return new StreamState(d, d.arn(owner()).toString(), parts);
    }

    /** Closes every open shard of a stream that was disabled (no children). */
    private void closeAll(StreamState s) {
        for (Partition p : s.partitions) {
            p.roll(store, clock.millis(), false, -1);
        }
    }

    List<StreamState> states() {
        return List.copyOf(byName.values());
    }

    void forget(StreamState s) {
        byName.remove(key(s.descriptor().tableName(), s.descriptor().label()));
        byId.remove(s.id());
    }

    // ---- resolution of streams and shards ----

    /** The stream of an ARN; ValidationException when it is not a stream ARN, else not found. */
    StreamState stream(String arn) {
        Arn.Stream parsed =
                StreamErrors.streamArn(arn).orElseThrow(() -> EddyException.validation("Invalid StreamArn"));
        StreamState s = owner().owns(parsed) ? find(parsed.table(), parsed.label()) : null;
        if (s == null) {
            throw StreamErrors.streamNotFound(arn);
        }
        return s;
    }

    /** The stream of a handle; ResourceNotFoundException once it was removed. */
    StreamState stream(StreamId id) {
        StreamState s = byId.get(id.value());
        if (s == null || !s.arn().equals(id.arn())) {
            throw StreamErrors.streamNotFound(id.arn());
        }
        return s;
    }

    /** The lineage and state of a shard id; ResourceNotFoundException when there is none. */
    ShardIds.Located shard(StreamState s, String shardId) {
        ShardIds.Located found = ShardIds.locate(s, shardId);
        if (found == null) {
            throw StreamErrors.shardNotFound(s.arn(), shardId);
        }
        return found;
    }

    /** The account and region whose streams these are. */
    Account owner() {
        return new Account(region, account);
    }
}
