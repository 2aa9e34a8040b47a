package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.cluster.LeaseCoordinator;
import dev.eddy.server.ServerConfig;
import dev.eddy.server.StoreSpec;
import dev.eddy.server.lambda.MappingHarness.Table;
import dev.eddy.store.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two nodes share one store and one mapping: the mapping's shards are leased to the nodes, and
 * when the node holding some of them stops abruptly (its leases not given back), the other takes
 * them over after the lease expires and every record is delivered at least once.
 */
class MappingFailoverTest {
    private static final Duration LEASE = Duration.ofMillis(1500);

    private static ServerConfig node(MemoryStore store, String id) {
        return ServerConfig.inMemoryOnRandomPort()
                .withStore(new StoreSpec.Shared(store))
                .withCluster(ServerConfig.Cluster.shared(id, LEASE));
    }

    @Test
    void theSurvivorTakesOverTheShardsOfANodeThatStoppedAndDeliversEveryRecord() {
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> "r" + i).toList();
        try (MemoryStore store = new MemoryStore();
                MappingHarness a = MappingHarness.start(node(store, "a"), 4)) {
            Table t = a.table();
            ids.forEach(id -> a.put(t, id));
            String uuid;
            try (MappingHarness b = MappingHarness.start(node(store, "b"), 4)) {
                LeaseCoordinator leasesOfB = b.server.leaseCoordinator().orElseThrow();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() ->
                                leasesOfB.registry().live(Instant.now(), LEASE).size() == 2);
                uuid = b.map(t, m -> m.batchSize(1));
                LeaseCoordinator leasesOfA = a.server.leaseCoordinator().orElseThrow();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> leasesOfA.leases(uuid).size() == 4);

                // a stops abruptly, whatever it holds or has delivered by now
                Map<String, Long> heldByA = new HashMap<>();
                leasesOfA.held(uuid).forEach(shard -> heldByA.put(shard, leasesOfA.counter(uuid, shard)));
                leasesOfA.abandon();
                a.server.close();

                Awaitility.await()
                        .atMost(LEASE.multipliedBy(4))
                        .untilAsserted(() -> assertThat(leasesOfB.held(uuid)).hasSize(4));
                heldByA.forEach((shard, counter) -> assertThat(leasesOfB.counter(uuid, shard))
                        .as("b took %s over from a", shard)
                        .isGreaterThan(counter));
                b.drain(uuid);
                Set<String> delivered = new HashSet<>();
                b.batches(t).forEach(delivered::addAll);
                assertThat(delivered).containsAll(ids);
            }
        }
    }
}
