package dev.eddy.stream;

/**
 * One shard of a stream's lineage ({@link StreamReader#lineage}).
 *
 * @param parentShardId the shard this one followed, null for a first-generation shard; the parent
 *     may have been trimmed away, in which case it is no longer in the lineage
 * @param start the first sequence number the shard may hold
 * @param end the last sequence number of a closed shard, -1 while the shard is open
 */
public record StreamShard(ShardRef shard, String parentShardId, long start, long end) {

    /** True once the shard closed: it takes no more records, its children take them. */
    public boolean closed() {
        return end >= 0;
    }
}
