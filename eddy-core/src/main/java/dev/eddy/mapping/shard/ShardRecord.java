package dev.eddy.mapping.shard;

import java.time.Instant;
import java.util.Objects;

/**
 * What the shard processor needs to know of one record of a shard (a stream record, or a queue
 * message for a queue source): never its contents.
 *
 * @param sequence the record's position in its shard; strictly increasing in read order
 * @param id the identifier a function reports in {@code batchItemFailures} (the wire sequence
 *     number for a stream) and the checkpoint's wire form
 * @param keyHash a hash of the partition key: records of equal keys must have equal hashes, so they
 *     share a lane and keep their order
 * @param createdAt the approximate creation time (record age, retention, tumbling windows)
 * @param payloadBytes how many bytes the record adds to the invoke payload
 * @param filteredOut true when the filter criteria dropped it: it is counted and checkpointed, never
 *     invoked
 */
public record ShardRecord(
        long sequence, String id, int keyHash, Instant createdAt, long payloadBytes, boolean filteredOut) {

    public ShardRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payloadBytes " + payloadBytes);
        }
    }
}
