package dev.eddy.mapping.run;

import dev.eddy.store.Transaction;
import java.util.Collection;

/**
 * Which shards of which mappings this node may process. A single node processes every shard
 * ({@link #SINGLE_NODE}); nodes sharing a store process the shards whose leases they hold ({@link
 * LeasedShards}). Thread-safe.
 */
public interface ShardLeases {

    /** Every shard is this node's; nothing is stored. */
    ShardLeases SINGLE_NODE = new ShardLeases() {
        @Override
        public void declare(String uuid, Collection<String> shardIds) {}

        @Override
        public long counter(String uuid, String shardId) {
            return 0;
        }

        @Override
        public boolean holds(Transaction tx, String uuid, String shardId, long counter) {
            return true;
        }

        @Override
        public void onChange(Runnable listener) {}
    };

    /** The shards of mapping {@code uuid} that are due now (none: the mapping processes nothing). Idempotent. */
    void declare(String uuid, Collection<String> shardIds);

    /** The lease counter under which this node may process the shard now; -1 when it may not. */
    long counter(String uuid, String shardId);

    /**
     * Whether this node still holds the shard under {@code counter}, read inside {@code tx} so that
     * {@code tx} commits only if the shard did not change hands meanwhile.
     */
    boolean holds(Transaction tx, String uuid, String shardId, long counter);

    /** Calls {@code listener} when this node took or lost shards. */
    void onChange(Runnable listener);
}
