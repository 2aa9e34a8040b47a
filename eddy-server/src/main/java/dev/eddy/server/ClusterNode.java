package dev.eddy.server;

import dev.eddy.cluster.LeaseCoordinator;
import dev.eddy.cluster.LeaseTaskGate;
import dev.eddy.cluster.NodeRegistry;
import dev.eddy.mapping.run.LeasedShards;
import dev.eddy.mapping.run.ShardLeases;
import dev.eddy.store.Store;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * This node's part in a cluster of nodes sharing one store: its registry entry, the lease
 * coordinator, the task gate that runs each singleton task on one node, and the leased shards of
 * the mapping runner. Built only when {@link ServerConfig.Cluster#enabled()}; closed after the
 * mapping runner and before the store, so that leases are released once no worker writes under
 * them.
 */
final class ClusterNode implements AutoCloseable {
    /**
     * The background tasks that one node at a time runs: table and stream upkeep, queue retention
     * and move tasks, retries of asynchronous invocations, the states of mappings. The mapping
     * runner's pass and the reaping of idle environments are per node.
     */
    static final Set<String> SINGLETON_TASKS = Set.of(
            "ttl-sweep",
            "index-backfill",
            "stream-keeper",
            "sqs-retention",
            "sqs-move-tasks",
            "function-async-retries",
            "event source mapping states");

    private static final String PASS = "cluster leases";

    private final ServerConfig.Cluster config;
    private final LeaseCoordinator leases;
    private final List<LiveNodes> liveListeners = new CopyOnWriteArrayList<>();

    /** Told after each lease pass where this node stands among the live nodes. */
    interface LiveNodes {
        /** This node is number {@code index} (0-based, by id) of {@code live} live nodes. */
        void live(int live, int index);
    }

    ClusterNode(ServerConfig.Cluster config, Store store, InstantSource clock, Supplier<String> listening) {
        this.config = config;
        String id = config.nodeId().isEmpty() ? UUID.randomUUID().toString() : config.nodeId();
        Supplier<String> address = config.advertisedAddress().isEmpty() ? listening : config::advertisedAddress;
        this.leases =
                new LeaseCoordinator(store, clock, new NodeRegistry(store, clock, id, address), config.leaseDuration());
    }

    /** The scheduler of this node: singleton tasks run only under their lease. */
    BackgroundWork background(InstantSource clock) {
        return new BackgroundWork(clock, new LeaseTaskGate(leases, SINGLETON_TASKS), 2);
    }

    /** Schedules the coordinator's pass (every node runs it), the first at the start. */
    void start(BackgroundWork work) {
        work.schedule(PASS, config.renewInterval(), now -> {
                    leases.runOnce();
                    tellLive(now);
                })
                .wake();
    }

    /** Registers {@code listener} for the live nodes seen after each lease pass. */
    void onLiveNodes(LiveNodes listener) {
        liveListeners.add(listener);
    }

    private void tellLive(Instant now) {
        // this node is always among them
        List<String> live = new ArrayList<>(leases.registry().live(now, leases.leaseDuration()));
        live.sort(null);
        int index = live.indexOf(leases.nodeId());
        liveListeners.forEach(l -> l.live(live.size(), index));
    }

    String nodeId() {
        return leases.nodeId();
    }

    Duration leaseDuration() {
        return leases.leaseDuration();
    }

    ShardLeases shards() {
        return new LeasedShards(leases);
    }

    LeaseCoordinator leases() {
        return leases;
    }

    /** Gives the leases back and leaves the registry. */
    @Override
    public void close() {
        leases.close();
    }
}
