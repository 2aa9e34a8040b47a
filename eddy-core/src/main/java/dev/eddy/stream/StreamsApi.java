package dev.eddy.stream;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The DynamoDB Streams API's rules on the change log: ListStreams paging, DescribeStream pages of
 * shards, shard iterators (their codec, lifetime and positions) and GetRecords with its size
 * limit, with the errors AWS documents. The wire adapter parses and renders; everything that
 * decides an answer is here. Read-only: nothing here writes to the store.
 *
 * <p>Thread-safe.
 */
public final class StreamsApi {
    static final long ITERATOR_LIFETIME_MILLIS = Duration.ofMinutes(15).toMillis();

    private final ChangeLog log;
    private final ShardAccess shards;
    private final InstantSource clock;
    private final Store store;

    StreamsApi(ChangeLog log, ShardAccess shards, InstantSource clock, Store store) {
        this.log = log;
        this.shards = shards;
        this.clock = clock;
        this.store = store;
    }

    /** One page of results and where to continue, or null on the last page. */
    public record Page<T>(List<T> items, String lastEvaluated) {}

    /** ListStreams: streams in (table name, label) order, optionally of one table. */
    public Page<StreamSummary> listStreams(String tableName, String exclusiveStartArn, int limit) {
        String afterTable = null;
        String afterLabel = null;
        if (exclusiveStartArn != null) {
            Arn.Stream start = StreamErrors.streamArn(exclusiveStartArn)
                    .orElseThrow(() -> EddyException.validation("Invalid ExclusiveStartStreamArn"));
            afterTable = start.table();
            afterLabel = start.label();
        }
        List<StreamSummary> out = new ArrayList<>();
        Account owner = log.owner();
        try (ReadView view = store.snapshot()) {
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
                out.add(new StreamSummary(d.arn(owner).toString(), d.tableName(), d.label()));
            }
        }
        if (out.size() > limit) {
            List<StreamSummary> page = List.copyOf(out.subList(0, limit));
            return new Page<>(page, page.getLast().streamArn());
        }
        return new Page<>(out, null);
    }

    /**
     * DescribeStream: shards in lineage order (by shard id, which starts with the creation time),
     * after {@code exclusiveStartShardId}; {@code childrenOf} keeps only that shard's children.
     */
    public StreamDescription describe(String arn, int limit, String exclusiveStartShardId, String childrenOf) {
        StreamState s = log.stream(arn);
        StreamDescriptor d = s.descriptor();
        List<ShardInfo> page = new ArrayList<>();
        String last = null;
        for (ShardInfo i : shards(s)) {
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
        return new StreamDescription(
                s.arn(),
                d.label(),
                d.disabled() ? "DISABLED" : "ENABLED",
                d.viewType(),
                d.createdMillis(),
                d.tableName(),
                d.hashKey(),
                d.rangeKey(),
                page,
                last);
    }

    /** Every shard of a stream in lineage order: each parent before its children. */
    static List<ShardInfo> shards(StreamState s) {
        List<ShardInfo> all = new ArrayList<>();
        StreamDescriptor d = s.descriptor();
        for (Partition p : s.partitions) {
            for (ShardState st : p.shards()) {
                all.add(new ShardInfo(
                        ShardIds.of(d, st),
                        ShardIds.parentOf(d, st),
                        SequenceNumbers.format(st.start()),
                        st.open() ? null : SequenceNumbers.format(st.end())));
            }
        }
        all.sort(Comparator.comparing(ShardInfo::shardId));
        return all;
    }

    /** GetShardIterator. {@code sequenceNumber} must be given exactly for AT/AFTER_SEQUENCE_NUMBER. */
    public String shardIterator(String arn, String shardId, ShardIteratorType type, String sequenceNumber) {
        if (type.needsSequence() && sequenceNumber == null) {
            throw EddyException.validation("Must specify a SequenceNumber when ShardIteratorType is " + type);
        }
        if (!type.needsSequence() && sequenceNumber != null) {
            throw EddyException.validation("Must not specify a SequenceNumber when ShardIteratorType is " + type);
        }
        StreamState s = log.stream(arn);
        ShardIds.Located found = log.shard(s, shardId);
        Partition p = found.partition();
        ShardState st = p.shard(found.shard().generation());
        long seq = sequenceNumber == null ? -1 : SequenceNumbers.parse(sequenceNumber);
        long after =
                ShardAccess.position(s.arn(), shardId, p, st == null ? found.shard() : st, type, seq, sequenceNumber);
        return ShardIterators.encode(s.arn(), s.id(), p.index, found.shard().generation(), after, clock.millis());
    }

    /** GetRecords: up to {@code limit} records and at most about {@code maxBytes} of them. */
    public RecordsPage getRecords(String iterator, int limit, long maxBytes) {
        ShardIterators.Decoded it = ShardIterators.decode(iterator);
        if (it == null) {
            throw EddyException.validation("Invalid ShardIterator");
        }
        if (clock.millis() - it.issuedMillis() > ITERATOR_LIFETIME_MILLIS) {
            throw StreamErrors.concerning(
                    new EddyException(ErrorCode.EXPIRED_ITERATOR, "Shard iterator has expired"), it.arn());
        }
        StreamState s = log.stream(it.arn());
        if (s.id() != it.streamId() || it.partition() >= s.partitions.length) {
            throw EddyException.validation("Invalid ShardIterator");
        }
        Partition p = s.partitions[it.partition()];
        ShardState st = p.shard(it.generation());
        if (st == null) {
            // the iterator's shard was trimmed away entirely
            throw ShardAccess.trimmed(it.arn());
        }
        ShardAccess.Scan scan = shards.read(s, p, st, it.after(), limit, maxBytes);
        String next = scan.end()
                ? null
                : ShardIterators.encode(it.arn(), s.id(), p.index, st.generation(), scan.next(), clock.millis());
        return new RecordsPage(scan.records(), next);
    }
}
