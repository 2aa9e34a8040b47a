package dev.eddy.stream;

/**
 * One shard as stored at ("shard", streamId, partition, generation). Records of the shard are
 * those of its partition with {@code start <= seq <= end}.
 *
 * @param parentCreatedMillis creation time of the parent (generation - 1), -1 for generation 0;
 *     enough to name the parent after it was trimmed away
 * @param end last sequence number of a closed shard; -1 while open
 */
record ShardState(int partition, int generation, long createdMillis, long parentCreatedMillis, long start, long end) {

    boolean open() {
        return end < 0;
    }

    ShardState close(long last) {
        return new ShardState(partition, generation, createdMillis, parentCreatedMillis, start, last);
    }

    /** The shard that follows this one, opened at {@code now}. */
    ShardState child(long now, long firstSeq) {
        return new ShardState(partition, generation + 1, now, createdMillis, firstSeq, -1);
    }
}
