package dev.eddy.cluster;

import java.time.Instant;

/**
 * One unit of work that one node at a time may do: a shard of an event source mapping ({@code
 * group} the mapping's uuid, {@code key} the shard id) or a singleton background task ({@code
 * group} {@value LeaseCoordinator#TASK_GROUP}, {@code key} the task's name).
 *
 * @param owner the holding node's id; empty when nobody holds it
 * @param expiry when the holder's claim lapses unless renewed
 * @param counter raised whenever the lease changes hands (taken, stolen, released); a holder's
 *     writes are conditional on it being unchanged
 */
public record Lease(String group, String key, String owner, Instant expiry, long counter) {

    /** Whether another node may take it at {@code now}: unowned, or its holder let it expire. */
    public boolean available(Instant now) {
        return owner.isEmpty() || !expiry.isAfter(now);
    }

    /** Whether {@code node} holds it at {@code now}. */
    public boolean heldBy(String node, Instant now) {
        return owner.equals(node) && expiry.isAfter(now);
    }
}
