package dev.eddy.mapping.shard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One lane of a shard: the records of its partition keys, in shard order, with at most one batch in
 * flight. Batches already cut (a failing batch and the halves of a bisected one) go before records
 * still waiting, so a failure blocks the lane and nothing behind it overtakes. Owned by its processor.
 */
final class Lane {
    final int index;
    final ArrayDeque<ShardRecord> waiting = new ArrayDeque<>();
    final ArrayDeque<Attempt> cut = new ArrayDeque<>();
    Attempt inFlight;
    Instant waitingSince = Instant.MIN;
    Instant idleSince = Instant.MIN;

    Lane(int index) {
        this.index = index;
    }

    void enqueue(ShardRecord record, Instant now) {
        if (waiting.isEmpty()) {
            waitingSince = now;
        }
        waiting.addLast(record);
    }

    boolean idle() {
        return inFlight == null && cut.isEmpty();
    }

    boolean empty() {
        return idle() && waiting.isEmpty();
    }

    /** The batching window opens with the first waiting record, or when the lane's last call ended. */
    Instant windowOpenedAt() {
        return waitingSince.isAfter(idleSince) ? waitingSince : idleSince;
    }

    /** A batch cut from the lane, with its retry state; the records shrink on a partial failure. */
    static final class Attempt {
        List<ShardRecord> records;
        final RetryState retry;
        final boolean finalInvoke;
        final boolean half;
        String functionError;

        Attempt(List<ShardRecord> records, RetryState retry, boolean finalInvoke, boolean half) {
            this.records = List.copyOf(records);
            this.retry = retry;
            this.finalInvoke = finalInvoke;
            this.half = half;
        }
    }
}
