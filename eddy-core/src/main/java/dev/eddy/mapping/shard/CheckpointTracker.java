package dev.eddy.mapping.shard;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The checkpoint of a shard read by several lanes: records are registered in read order and marked
 * done in any order; the checkpoint is the highest sequence number below which every record is done,
 * so it never passes a record some lane has not finished. Not thread-safe.
 */
public final class CheckpointTracker {
    private final ArrayDeque<ShardRecord> open = new ArrayDeque<>();
    private final Set<Long> done = new HashSet<>();
    private ShardRecord checkpoint;

    /** Registers a record just read; records come in increasing sequence order. */
    public void add(ShardRecord record) {
        if (!open.isEmpty() && open.peekLast().sequence() >= record.sequence()) {
            throw new IllegalArgumentException("out of order: " + record.sequence() + " after "
                    + open.peekLast().sequence());
        }
        open.addLast(record);
    }

    /** Marks a registered record done. */
    public void done(ShardRecord record) {
        done.add(record.sequence());
        while (!open.isEmpty() && done.remove(open.peekFirst().sequence())) {
            checkpoint = open.removeFirst();
        }
    }

    /** The last record of the done prefix, or null when none is done yet. */
    public ShardRecord checkpoint() {
        return checkpoint;
    }

    /** Records read and not yet below the checkpoint. */
    public int outstanding() {
        return open.size();
    }
}
