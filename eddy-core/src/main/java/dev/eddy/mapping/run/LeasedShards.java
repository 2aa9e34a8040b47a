package dev.eddy.mapping.run;

import dev.eddy.cluster.LeaseCoordinator;
import dev.eddy.store.Transaction;
import java.util.Collection;

/** The {@link ShardLeases} of a node sharing its store: a shard is this node's while it holds the shard's lease. */
public final class LeasedShards implements ShardLeases {
    private final LeaseCoordinator leases;

    public LeasedShards(LeaseCoordinator leases) {
        this.leases = leases;
    }

    @Override
    public void declare(String uuid, Collection<String> shardIds) {
        leases.declare(uuid, shardIds);
    }

    @Override
    public long counter(String uuid, String shardId) {
        return leases.counter(uuid, shardId);
    }

    @Override
    public boolean holds(Transaction tx, String uuid, String shardId, long counter) {
        return leases.holds(tx, uuid, shardId, counter);
    }

    @Override
    public void onChange(Runnable listener) {
        leases.onChange(listener);
    }
}
