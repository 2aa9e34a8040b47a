package dev.eddy.stream;

/**
 * A shard as DescribeStream shows it and as consumers follow lineage.
 *
 * @param parentShardId null for the first generation
 * @param endingSequence null while the shard is open
 */
public record ShardInfo(String shardId, String parentShardId, String startingSequence, String endingSequence) {

    public boolean closed() {
        return endingSequence != null;
    }
}
