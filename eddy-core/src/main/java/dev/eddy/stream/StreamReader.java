package dev.eddy.stream;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Typed, in-process access to DynamoDB Streams for consumers inside Eddy (event source
 * mappings): streams and shards are resolved once into handles, records come back as
 * {@link ChangeRecord}s, and {@link #awaitAppend} replaces polling. What the Streams API shows
 * over HTTP is the same data ({@link StreamsApi}).
 *
 * <p>A consumer of one stream follows its lineage: it reads a parent shard to its end before the
 * parent's children, drains closed shards, and picks up the children that rollovers create
 * (they appear in {@link #lineage} once their parent closed).
 *
 * <p>Thread-safe. Reads do not write to the store; failures are {@link dev.eddy.error.EddyException}s
 * with the Streams API's codes: ResourceNotFoundException for an unknown (or removed) stream or
 * shard, ValidationException for a sequence number outside the shard, TrimmedDataAccessException
 * for a position whose records the retention removed.
 */
public interface StreamReader {

    /** Resolves a stream ARN (of any table, enabled or disabled). */
    StreamId stream(String streamArn);

    /**
     * The name of the table's partition key attribute: records with equal values of it keep their
     * order for a consumer that spreads records over parallel lanes.
     */
    String partitionKey(StreamId stream);

    /**
     * Every shard of the stream that retention has not removed, each parent before its children
     * (by shard id, which begins with the creation time), with its parent id, whether it is open
     * or closed and its sequence number range. A snapshot: call again to see later rollovers.
     */
    List<StreamShard> lineage(StreamId stream);

    /** Resolves a shard id of the stream (for a checkpointed consumer coming back). */
    ShardRef shard(StreamId stream, String shardId);

    /** The {@link ShardIteratorType#TRIM_HORIZON} or {@link ShardIteratorType#LATEST} position now. */
    ShardPosition position(ShardRef shard, ShardIteratorType type);

    /**
     * The {@link ShardIteratorType#AT_SEQUENCE_NUMBER} or
     * {@link ShardIteratorType#AFTER_SEQUENCE_NUMBER} position of {@code sequence} (a
     * {@link ChangeRecord#sequence()}), which must lie within the shard's range.
     */
    ShardPosition position(ShardRef shard, ShardIteratorType type, long sequence);

    /**
     * Up to {@code limit} records after {@code from}, only as far as every earlier number of the
     * lineage is resolved, so that a record is never followed later by one with a lower number.
     * Idempotent: reading from the same position again returns the same records (and maybe more).
     */
    ReadBatch read(ShardPosition from, int limit);

    /**
     * Completes when a record after {@code position} is visible, or the shard closed, or at once
     * when either already happened; then {@link #read} has something to return (records, or the
     * shard's end). Completed on the committing thread (or the signal's): do not block in a
     * dependent stage. Cancel it to stop waiting; it never completes exceptionally with the
     * in-process signal.
     */
    CompletableFuture<Void> awaitAppend(ShardPosition position);
}
