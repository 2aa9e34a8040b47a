package dev.eddy.stream;

/**
 * A shard of a stream, resolved once ({@link StreamReader#lineage}, {@link StreamReader#shard}).
 *
 * @param shardId the shard id as the Streams API shows it (checkpoint it by this id)
 * @param partition the shard's lineage within the stream: a shard's child has the same
 *     partition and the next generation
 * @param generation 0 for a stream's first shards, one more for each rollover
 */
public record ShardRef(StreamId stream, String shardId, int partition, int generation) {}
