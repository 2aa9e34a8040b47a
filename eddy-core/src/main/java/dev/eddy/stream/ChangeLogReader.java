package dev.eddy.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The {@link StreamReader} over the change log's memory and store. Read-only; thread-safe. */
final class ChangeLogReader implements StreamReader {
    private final ChangeLog log;
    private final ShardAccess shards;

    ChangeLogReader(ChangeLog log, ShardAccess shards) {
        this.log = log;
        this.shards = shards;
    }

    @Override
    public StreamId stream(String streamArn) {
        return log.stream(streamArn).handle();
    }

    @Override
    public String partitionKey(StreamId stream) {
        return log.stream(stream).descriptor().hashKey();
    }

    @Override
    public List<StreamShard> lineage(StreamId stream) {
        StreamState s = log.stream(stream);
        StreamDescriptor d = s.descriptor();
        List<StreamShard> all = new ArrayList<>();
        for (Partition p : s.partitions) {
            for (ShardState st : p.shards()) {
                ShardRef ref = new ShardRef(s.handle(), ShardIds.of(d, st), p.index, st.generation());
                all.add(new StreamShard(ref, ShardIds.parentOf(d, st), st.start(), st.open() ? -1 : st.end()));
            }
        }
        all.sort(Comparator.comparing(shard -> shard.shard().shardId()));
        return all;
    }

    @Override
    public ShardRef shard(StreamId stream, String shardId) {
        StreamState s = log.stream(stream);
        ShardIds.Located found = log.shard(s, shardId);
        return new ShardRef(
                s.handle(), shardId, found.partition().index, found.shard().generation());
    }

    @Override
    public ShardPosition position(ShardRef shard, ShardIteratorType type) {
        if (type.needsSequence()) {
            throw new IllegalArgumentException(type + " needs a sequence number");
        }
        return position(shard, type, -1, null);
    }

    @Override
    public ShardPosition position(ShardRef shard, ShardIteratorType type, long sequence) {
        if (!type.needsSequence()) {
            throw new IllegalArgumentException(type + " takes no sequence number");
        }
        return position(shard, type, sequence, SequenceNumbers.format(sequence));
    }

    private ShardPosition position(ShardRef shard, ShardIteratorType type, long sequence, String text) {
        Resolved r = resolve(shard);
        long after = ShardAccess.position(r.stream.arn(), shard.shardId(), r.partition, r.state, type, sequence, text);
        return new ShardPosition(shard, after);
    }

    @Override
    public ReadBatch read(ShardPosition from, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Resolved r = resolve(from.shard());
        ShardAccess.Scan scan = shards.read(r.stream, r.partition, r.state, from.after(), limit, Long.MAX_VALUE);
        return new ReadBatch(scan.records(), new ShardPosition(from.shard(), scan.next()), scan.end());
    }

    @Override
    public CompletableFuture<Void> awaitAppend(ShardPosition position) {
        Resolved r = resolve(position.shard());
        return r.partition.await(position.after(), r.state.generation());
    }

    private record Resolved(StreamState stream, Partition partition, ShardState state) {}

    /** The shard's current state; ResourceNotFoundException once it is no longer kept. */
    private Resolved resolve(ShardRef shard) {
        StreamState s = log.stream(shard.stream());
        if (shard.partition() < 0 || shard.partition() >= s.partitions.length) {
            throw StreamErrors.shardNotFound(s.arn(), shard.shardId());
        }
        Partition p = s.partitions[shard.partition()];
        ShardState st = p.shard(shard.generation());
        if (st == null || !ShardIds.of(s.descriptor(), st).equals(shard.shardId())) {
            throw StreamErrors.shardNotFound(s.arn(), shard.shardId());
        }
        return new Resolved(s, p, st);
    }
}
