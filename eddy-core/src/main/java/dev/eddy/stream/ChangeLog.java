package dev.eddy.stream;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.table.TableMeta;
import dev.eddy.table.WriteMaintainer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DynamoDB Streams on a {@link Store}: stream records captured in the writing transaction, shards
 * with lineage, sequence numbers in commit order, iterators, rollover and retention.
 *
 * <p>Wiring: register {@link #maintainer()} with the table engine (it numbers stream records
 * through the commit hooks of the engine's transactions); call {@link #start()} for the
 * background keeper.
 *
 * <p>For in-process consumers (event source mappings): {@link #shards} tells the lineage,
 * {@link #read} reads a shard from a position, {@link #onAppend} completes as soon as a commit
 * makes a record of that shard visible (or the shard closes), with no polling delay.
 *
 * <p>Thread-safe.
 */
public final class ChangeLog implements AutoCloseable {
    static final long ITERATOR_LIFETIME_MILLIS = Duration.ofMinutes(15).toMillis();
    private static final Pattern ARN = Pattern.compile(
            "arn:aws:dynamodb:([^:]+):([^:]+):table/([a-zA-Z0-9_.-]{3,255})/stream/(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3})");
    private static final Pattern SHARD_ID = Pattern.compile("shardId-(\\d{20})-([0-9a-f]{8})");

    private final Store raw;
    private final ShardSequencer.Factory sequencers;
    private final CommitSignal signal;
    private final InstantSource clock;
    private final String region;
    private final String account;
    private final StreamConfig config;
    private final ConcurrentHashMap<String, StreamState> byName = new ConcurrentHashMap<>();
    private final StreamKeeper keeper;

    /**
     * Opens the change log over {@code store}, recovering the state of every stream (sequence
     * counters restart above every number that may have been handed out; streams disabled just
     * before a crash get their shards closed).
     */
    public ChangeLog(Store store, InstantSource clock, String region, String account, StreamConfig config) {
        this(store, clock, region, account, config, WatermarkSequencer.factory(), new LocalCommitSignal());
    }

    /**
     * Like {@link #ChangeLog(Store, InstantSource, String, String, StreamConfig)}, with the
     * sequencing of shard lineages and the wake-ups of their readers given.
     */
    public ChangeLog(Store store, InstantSource clock, String region, String account, StreamConfig config,
                     ShardSequencer.Factory sequencers, CommitSignal signal) {
        this.raw = store;
        this.sequencers = sequencers;
        this.signal = signal;
        this.clock = clock;
        this.region = region;
        this.account = account;
        this.config = config;
        this.keeper = new StreamKeeper(this, raw, clock, config);
        try (ReadView view = raw.snapshot()) {
            for (StreamDescriptor d : StreamCatalog.all(view)) {
                StreamState s = load(view, d);
                byName.put(key(d.tableName(), d.label()), s);
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

    /** How the retention of a table's streams is found: its description by name (null if none). */
    public void tableLookup(Function<String, TableMeta> lookup) {
        keeper.tableLookup(lookup);
    }

    /** Starts the background keeper (rollover, trimming, expiry of disabled streams). */
    public void start() {
        keeper.start();
    }

    /** Runs the keeper's work once, now (tests use it with a mutable clock). */
    public void maintain() {
        keeper.runOnce();
    }

    @Override
    public void close() {
        keeper.close();
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
            StreamDescriptor d = new StreamDescriptor(id, after.name(), after.uuid(), after.latestStreamLabel(),
                    after.streamViewType(), after.key().hashName(), range, now, config.shardsPerTable(),
                    ThreadLocalRandom.current().nextInt(), false, 0);
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
                try (ReadView view = raw.snapshot()) {
                    StreamDescriptor d = StreamCatalog.find(view, before.name(), before.latestStreamLabel());
                    if (d != null) {
                        s.descriptor(d);
                    }
                }
                closeAll(s);
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
            try (ReadView view = raw.snapshot()) {
                StreamDescriptor d = StreamCatalog.find(view, table, label);
                if (d == null) {
                    return null;
                }
                s = load(view, d);
                byName.put(key(table, label), s);
                return s;
            }
        }
    }

    private StreamState load(ReadView view, StreamDescriptor d) {
        List<ShardState> all = StreamCatalog.shards(view, d.id());
        Partition[] parts = new Partition[d.partitions()];
        long clockFloor = floor(clock.millis());
        for (int p = 0; p < parts.length; p++) {
            final int index = p;
            List<ShardState> mine = all.stream().filter(s -> s.partition() == index)
                    .sorted(Comparator.comparingInt(ShardState::generation)).toList();
            long last = clockFloor;
            for (ShardState s : mine) {
                last = Math.max(last, Math.max(s.start() - 1, s.end()));
            }
            List<KeyValue> top = view.scan(StreamKeys.allRecords(d.id(), p), 1, true);
            if (!top.isEmpty()) {
                last = Math.max(last, StreamKeys.seqOf(top.getFirst().key()));
            }
            parts[p] = new Partition(d.id(), p, mine, last, StreamCatalog.trimFloor(view, d.id(), p), sequencers,
                    signal);
        }
        return new StreamState(d, parts);
    }

    /** Closes every open shard of a stream that was disabled (no children). */
    private void closeAll(StreamState s) {
        for (Partition p : s.partitions) {
            p.roll(clock.millis(), false, -1, (closed, child) -> raw.run(tx -> {
                StreamCatalog.put(tx, p.streamId, closed);
                return null;
            }));
        }
    }

    /** Closes the open shard of {@code p} and opens its child, persisting both. */
    void rollover(Partition p, int generation, long now) {
        p.roll(now, true, generation, (closed, child) -> raw.run(tx -> {
            StreamCatalog.put(tx, p.streamId, closed);
            StreamCatalog.put(tx, p.streamId, child);
            return null;
        }));
    }

    /** Rolls over the expired open shards of {@code s}. */
    void rollExpired(StreamState s, long now) {
        if (s.descriptor().disabled()) {
            return;
        }
        long life = config.shardLifetime().toMillis();
        for (Partition p : s.partitions) {
            ShardState cur = p.current();
            if (cur.open() && now - cur.createdMillis() >= life) {
                rollover(p, cur.generation(), now);
            }
        }
    }

    List<StreamState> states() {
        return List.copyOf(byName.values());
    }

    void forget(StreamState s) {
        byName.remove(key(s.descriptor().tableName(), s.descriptor().label()));
    }

    // ---- identifiers ----

    String arn(StreamDescriptor d) {
        return d.arn(region, account);
    }

    static String shardId(StreamDescriptor d, ShardState s) {
        String ms = Long.toString(s.createdMillis());
        int mixed = d.salt() ^ (s.partition() << 24 | (s.generation() & 0xFFFFFF));
        String hex = Integer.toHexString(mixed);
        return "shardId-" + "0".repeat(Math.max(0, 20 - ms.length())) + ms + "-" + "0".repeat(8 - hex.length()) + hex;
    }

    private static ShardInfo info(StreamDescriptor d, ShardState s) {
        String parent = s.generation() == 0 ? null : shardId(d, new ShardState(s.partition(), s.generation() - 1,
                s.parentCreatedMillis(), -1, 0, 0));
        return new ShardInfo(shardId(d, s), parent, SequenceNumbers.format(s.start()),
                s.open() ? null : SequenceNumbers.format(s.end()));
    }

    /** The stream of an ARN; ValidationException when it is not a stream ARN, else not found. */
    StreamState stream(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            throw EddyException.validation("Invalid StreamArn");
        }
        StreamState s = m.group(1).equals(region) && m.group(2).equals(account) ? find(m.group(3), m.group(4)) : null;
        if (s == null) {
            throw streamNotFound(arn);
        }
        return s;
    }

    static EddyException streamNotFound(String arn) {
        return EddyException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
    }

    /** The partition and shard of a shard id; ResourceNotFoundException when there is none. */
    ShardRef shard(StreamState s, String shardId) {
        Matcher m = shardId == null ? null : SHARD_ID.matcher(shardId);
        if (m != null && m.matches()) {
            int v = (int) Long.parseLong(m.group(2), 16) ^ s.descriptor().salt();
            int part = v >>> 24;
            int gen = v & 0xFFFFFF;
            if (part < s.partitions.length) {
                ShardState st = s.partitions[part].shard(gen);
                if (st != null && shardId(s.descriptor(), st).equals(shardId)) {
                    return new ShardRef(s, s.partitions[part], st);
                }
            }
        }
        throw EddyException.resourceNotFound("Requested resource not found: Shard: " + shardId + " in Stream: "
                + arn(s.descriptor()) + " not found");
    }

    /** A shard resolved within its stream. */
    record ShardRef(StreamState stream, Partition partition, ShardState shard) {
    }

    // ---- the Streams API ----

    /** ListStreams: streams in (table name, label) order, optionally of one table. */
    public Page<StreamSummary> listStreams(String tableName, String exclusiveStartArn, int limit) {
        String afterTable = null;
        String afterLabel = null;
        if (exclusiveStartArn != null) {
            Matcher m = ARN.matcher(exclusiveStartArn);
            if (!m.matches()) {
                throw EddyException.validation("Invalid ExclusiveStartStreamArn");
            }
            afterTable = m.group(3);
            afterLabel = m.group(4);
        }
        List<StreamSummary> out = new ArrayList<>();
        try (ReadView view = raw.snapshot()) {
            for (StreamDescriptor d : StreamCatalog.all(view)) {
                if (tableName != null && !tableName.equals(d.tableName())) {
                    continue;
                }
                if (afterTable != null) {
                    int c = d.tableName().compareTo(afterTable);
                    if (c < 0 || c == 0 && d.label().compareTo(afterLabel) <= 0) {
                        continue;
                    }
                }
                out.add(new StreamSummary(arn(d), d.tableName(), d.label()));
            }
        }
        if (out.size() > limit) {
            List<StreamSummary> page = List.copyOf(out.subList(0, limit));
            return new Page<>(page, page.getLast().streamArn());
        }
        return new Page<>(out, null);
    }

    /** One page of results and where to continue, or null on the last page. */
    public record Page<T>(List<T> items, String lastEvaluated) {
    }

    /**
     * DescribeStream: shards in lineage order (by shard id, which starts with the creation time),
     * after {@code exclusiveStartShardId}; {@code childrenOf} keeps only that shard's children.
     */
    public StreamDescription describe(String arn, int limit, String exclusiveStartShardId, String childrenOf) {
        StreamState s = stream(arn);
        rollExpired(s, clock.millis());
        StreamDescriptor d = s.descriptor();
        List<ShardInfo> all = shards(s);
        List<ShardInfo> page = new ArrayList<>();
        String last = null;
        for (ShardInfo i : all) {
            if (exclusiveStartShardId != null && i.shardId().compareTo(exclusiveStartShardId) <= 0) {
                continue;
            }
            if (childrenOf != null && !childrenOf.equals(i.parentShardId())) {
                continue;
            }
            if (page.size() == limit) {
                last = page.getLast().shardId();
                break;
            }
            page.add(i);
        }
        return new StreamDescription(arn(d), d.label(), d.disabled() ? "DISABLED" : "ENABLED", d.viewType(),
                d.createdMillis(), d.tableName(), d.hashKey(), d.rangeKey(), page, last);
    }

    /** Every shard of a stream in lineage order: each parent before its children. */
    public List<ShardInfo> shards(String arn) {
        StreamState s = stream(arn);
        rollExpired(s, clock.millis());
        return shards(s);
    }

    private static List<ShardInfo> shards(StreamState s) {
        List<ShardInfo> all = new ArrayList<>();
        for (Partition p : s.partitions) {
            for (ShardState st : p.shards()) {
                all.add(info(s.descriptor(), st));
            }
        }
        all.sort(Comparator.comparing(ShardInfo::shardId));
        return all;
    }

    /** GetShardIterator. {@code sequenceNumber} must be given exactly for AT/AFTER_SEQUENCE_NUMBER. */
    public String shardIterator(String arn, String shardId, String type, String sequenceNumber) {
        boolean needsSeq = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
        if (needsSeq && sequenceNumber == null) {
            throw EddyException.validation("Must specify a SequenceNumber when ShardIteratorType is " + type);
        }
        if (!needsSeq && sequenceNumber != null) {
            throw EddyException.validation("Must not specify a SequenceNumber when ShardIteratorType is " + type);
        }
        StreamState s = stream(arn);
        ShardRef ref = shard(s, shardId);
        rollExpired(s, clock.millis());
        ShardState st = ref.partition().shard(ref.shard().generation());
        Partition p = ref.partition();
        long after = switch (type) {
            case "TRIM_HORIZON" -> Math.max(st.start(), p.trimFloor()) - 1;
            case "LATEST" -> st.open() ? Math.max(st.start() - 1, p.visible()) : st.end();
            default -> {
                long n = SequenceNumbers.parse(sequenceNumber);
                if (n < st.start() || !st.open() && n > st.end()) {
                    throw EddyException.validation("Invalid SequenceNumber " + sequenceNumber + " for shard "
                            + shardId);
                }
                if (n < p.trimFloor()) {
                    throw trimmed(arn, shardId);
                }
                yield type.equals("AT_SEQUENCE_NUMBER") ? n - 1 : n;
            }
        };
        return ShardIterators.encode(arn(s.descriptor()), s.id(), p.index, st.generation(), after, clock.millis());
    }

    /** GetRecords: up to {@code limit} records and at most about {@code maxBytes} of them. */
    public RecordsPage getRecords(String iterator, int limit, long maxBytes) {
        ShardIterators.Decoded it = ShardIterators.decode(iterator);
        if (it == null) {
            throw EddyException.validation("Invalid ShardIterator");
        }
        if (clock.millis() - it.issuedMillis() > ITERATOR_LIFETIME_MILLIS) {
            throw new EddyException(ErrorCode.EXPIRED_ITERATOR, "Shard iterator has expired",
                    Map.of("streamArn", it.arn()));
        }
        StreamState s = stream(it.arn());
        if (s.id() != it.streamId() || it.partition() >= s.partitions.length) {
            throw EddyException.validation("Invalid ShardIterator");
        }
        Partition p = s.partitions[it.partition()];
        ShardState st = p.shard(it.generation());
        if (st == null) {
            throw trimmed(it.arn(), "generation " + it.generation());
        }
        ReadBatch batch = read(s, p, st, it.after(), limit, maxBytes);
        String next = batch.shardEnd() ? null
                : ShardIterators.encode(it.arn(), s.id(), p.index, st.generation(), batch.next(), clock.millis());
        return new RecordsPage(batch.records(), next);
    }

    /**
     * Reads records of a shard after position {@code afterSeq}, only as far as every earlier
     * number is resolved. For in-process consumers.
     *
     * @throws EddyException TrimmedDataAccessException when records after the position were trimmed
     */
    public ReadBatch read(String arn, String shardId, long afterSeq, int limit) {
        StreamState s = stream(arn);
        ShardRef ref = shard(s, shardId);
        return read(s, ref.partition(), ref.partition().shard(ref.shard().generation()), afterSeq, limit,
                Long.MAX_VALUE);
    }

    private ReadBatch read(StreamState s, Partition p, ShardState st, long after, int limit, long maxBytes) {
        rollExpired(s, clock.millis());
        st = p.shard(st.generation()) == null ? st : p.shard(st.generation());
        String arn = arn(s.descriptor());
        if (after < p.trimFloor() - 1) {
            throw trimmed(arn, shardId(s.descriptor(), st));
        }
        long visible = p.visible();
        long upper = st.open() ? visible : Math.min(visible, st.end());
        long from = Math.max(after + 1, st.start());
        List<ChangeRecord> records = new ArrayList<>();
        long next = after;
        boolean full = false;
        if (from <= upper) {
            List<KeyValue> kvs;
            try (ReadView view = raw.snapshot()) {
                kvs = view.scan(StreamKeys.records(s.id(), p.index, from, upper), limit, false);
            }
            long bytes = 0;
            for (KeyValue kv : kvs) {
                ChangeRecord r = RecordCodec.decode(StreamKeys.seqOf(kv.key()), s.descriptor().viewType(), kv.value());
                if (!records.isEmpty() && bytes + r.sizeBytes() > maxBytes) {
                    full = true;
                    break;
                }
                bytes += r.sizeBytes();
                records.add(r);
                next = r.sequence();
            }
            full |= kvs.size() == limit;
            if (!full) {
                next = Math.max(next, upper);
            }
            if (after < p.trimFloor() - 1) {
                throw trimmed(arn, shardId(s.descriptor(), st));
            }
        } else {
            next = Math.max(after, Math.min(upper, Math.max(after, st.start() - 1)));
        }
        boolean end = !st.open() && next >= st.end();
        return new ReadBatch(records, next, end);
    }

    /**
     * Completes when a record after {@code afterSeq} becomes visible in the shard, or the shard
     * closes, or at once when one of those already happened. Completed on the committing thread:
     * do not block in a dependent stage.
     */
    public CompletableFuture<Void> onAppend(String arn, String shardId, long afterSeq) {
        StreamState s = stream(arn);
        ShardRef ref = shard(s, shardId);
        return ref.partition().await(afterSeq, ref.shard().generation());
    }

    /** The position before the oldest untrimmed record of a shard (for TRIM_HORIZON). */
    public long trimHorizon(String arn, String shardId) {
        ShardRef ref = shard(stream(arn), shardId);
        return Math.max(ref.shard().start(), ref.partition().trimFloor()) - 1;
    }

    /** The position after the newest visible record of a shard (for LATEST). */
    public long latest(String arn, String shardId) {
        ShardRef ref = shard(stream(arn), shardId);
        ShardState st = ref.partition().shard(ref.shard().generation());
        return st.open() ? Math.max(st.start() - 1, ref.partition().visible()) : st.end();
    }

    static EddyException trimmed(String arn, String shard) {
        return new EddyException(ErrorCode.TRIMMED_DATA_ACCESS,
                "The operation attempted to read past the oldest stream record in a shard",
                Map.of("streamArn", arn, "shard", shard));
    }
}
