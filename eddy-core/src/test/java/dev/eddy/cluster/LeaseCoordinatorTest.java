package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.eddy.store.ConflictException;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.ReadView;
import dev.eddy.store.Transaction;
import dev.eddy.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaseCoordinatorTest {
    private static final Duration LEASE = Duration.ofSeconds(9);
    private static final String M = "mapping-1";

    private final MemoryStore store = new MemoryStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @AfterEach
    void close() {
        store.close();
    }

    private LeaseCoordinator node(String id) {
        return new LeaseCoordinator(store, clock, new NodeRegistry(store, clock, id, () -> id + ":8000"), LEASE);
    }

    private static List<String> shards(int n) {
        return IntStream.range(0, n).mapToObj(i -> "shard-" + i).toList();
    }

    private Map<String, Long> owners(LeaseCoordinator any) {
        return any.leases().stream()
                .filter(l -> l.heldBy(l.owner(), clock.instant()))
                .collect(Collectors.groupingBy(Lease::owner, Collectors.counting()));
    }

    @Test
    void aSingleNodeTakesEveryLeaseInOnePass() {
        LeaseCoordinator a = node("a");
        a.declare(M, shards(5));
        List<String> changes = new ArrayList<>();
        a.onChange(() -> changes.add("changed"));

        a.runOnce();

        assertThat(a.held(M)).containsExactlyInAnyOrderElementsOf(shards(5));
        assertThat(changes).hasSize(1);
        assertThat(a.counter(M, "shard-0")).isEqualTo(1);
        assertThat(a.registry().nodes()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo("a");
            assertThat(n.address()).isEqualTo("a:8000");
        });
    }

    @Test
    void renewalKeepsLeasesPastTheirFirstExpiry() {
        LeaseCoordinator a = node("a");
        a.declare(M, shards(2));
        a.runOnce();
        for (int i = 0; i < 5; i++) {
            clock.advance(LEASE.dividedBy(3));
            a.runOnce();
        }
        assertThat(a.held(M)).hasSize(2);
        assertThat(a.counter(M, "shard-1"))
                .as("a renewal is no change of hands")
                .isEqualTo(1);
        LeaseCoordinator b = node("b");
        b.runOnce();
        assertThat(b.held(M)).as("nothing was free: b stole one of a's two").hasSize(1);
        String stolen = b.held(M).iterator().next();
        assertThat(a.holds(M, stolen))
                .as("a learns of the steal at its next pass")
                .isTrue();
        assertThat(a.holdsNow(M, stolen)).as("but the store says so at once").isFalse();
        assertThat(b.holdsNow(M, stolen)).isTrue();
        assertThat(b.counter(M, stolen)).as("a steal is a change of hands").isEqualTo(2);
    }

    @Test
    void leasesOfANodeThatStoppedWithoutReleasingMoveAfterTheExpiry() {
        LeaseCoordinator a = node("a");
        LeaseCoordinator b = node("b");
        a.declare(M, shards(4));
        a.runOnce();
        b.runOnce();
        a.runOnce();
        assertThat(b.held(M)).as("b stole one: a held more than ceil(4/2)").hasSize(1);
        assertThat(a.held(M)).as("a learns it lost the stolen lease").hasSize(3);

        // a stops abruptly: no renewal, no release
        clock.advance(Duration.ofSeconds(3));
        b.runOnce();
        assertThat(b.held(M)).hasSize(2);
        clock.advance(Duration.ofSeconds(5));
        b.runOnce();
        assertThat(b.held(M)).as("a's leases have not expired yet").hasSize(2);
        assertThat(b.registry().live(clock.instant(), LEASE)).containsExactlyInAnyOrder("a", "b");
        clock.advance(Duration.ofSeconds(1));
        assertThat(a.held(M))
                .as("expired leases are not held, even unrenewed locally")
                .isEmpty();
        b.runOnce();
        assertThat(b.held(M)).containsExactlyInAnyOrderElementsOf(shards(4));
        assertThat(b.registry().live(clock.instant(), LEASE)).containsExactly("b");
    }

    @Test
    void threeNodesBalanceToTheirShares() {
        List<LeaseCoordinator> nodes = List.of(node("a"), node("b"), node("c"));
        nodes.getFirst().declare(M, shards(10));
        nodes.forEach(LeaseCoordinator::runOnce);
        assertThat(nodes.get(0).held(M)).hasSize(10);
        for (int round = 0; round < 10; round++) {
            clock.advance(LEASE.dividedBy(3));
            nodes.forEach(LeaseCoordinator::runOnce);
        }
        assertThat(owners(nodes.getFirst())).containsOnlyKeys("a", "b", "c");
        assertThat(owners(nodes.getFirst()).values())
                .allSatisfy(n -> assertThat(n).isBetween(3L, 4L));
        int total = nodes.stream().mapToInt(n -> n.held(M).size()).sum();
        assertThat(total).isEqualTo(10);
        Set<String> all = nodes.stream().flatMap(n -> n.held(M).stream()).collect(Collectors.toSet());
        assertThat(all).hasSize(10);
    }

    @Test
    void aStealTakesOneLeasePerPassFromTheMostLoadedNode() {
        LeaseCoordinator a = node("a");
        a.declare(M, shards(6));
        a.runOnce();
        LeaseCoordinator b = node("b");
        b.runOnce();
        assertThat(b.held(M)).hasSize(1);
        b.runOnce();
        assertThat(b.held(M)).hasSize(2);
        b.runOnce();
        assertThat(b.held(M)).hasSize(3);
        b.runOnce();
        assertThat(b.held(M)).as("at its share, b stops stealing").hasSize(3);
        a.runOnce();
        assertThat(a.held(M)).hasSize(3);
    }

    @Test
    void aCleanCloseReleasesSoOthersTakeAtOnce() {
        LeaseCoordinator a = node("a");
        LeaseCoordinator b = node("b");
        a.declare(M, shards(3));
        a.runOnce();
        b.runOnce();
        a.close();
        assertThat(a.held(M)).isEmpty();
        b.runOnce();
        assertThat(b.held(M)).hasSize(3);
        assertThat(b.registry().nodes()).extracting(NodeRecord::id).containsExactly("b");
    }

    @Test
    void aWriteConditionalOnTheLeaseIsRefusedAfterTheLeaseMoved() {
        LeaseCoordinator a = node("a");
        a.declare(M, shards(1));
        a.runOnce();
        long counter = a.counter(M, "shard-0");
        try (Transaction tx = store.begin()) {
            assertThat(a.holds(tx, M, "shard-0", counter)).isTrue();
        }

        clock.advance(LEASE);
        LeaseCoordinator b = node("b");
        b.runOnce();
        assertThat(b.held(M)).containsExactly("shard-0");
        try (Transaction tx = store.begin()) {
            assertThat(a.holds(tx, M, "shard-0", counter)).isFalse();
        }
        a.runOnce();
        assertThat(a.held(M)).isEmpty();
        assertThat(a.counter(M, "shard-0")).isEqualTo(-1);
    }

    @Test
    void aLeaseTakenDuringAHoldersTransactionMakesItsCommitConflict() {
        LeaseCoordinator a = node("a");
        a.declare(M, shards(1));
        a.runOnce();
        long counter = a.counter(M, "shard-0");
        Transaction tx = store.begin();
        assertThat(a.holds(tx, M, "shard-0", counter)).isTrue();
        tx.put(new byte[] {0x08, 1}, new byte[] {1});

        clock.advance(LEASE);
        LeaseCoordinator b = node("b");
        b.runOnce();

        assertThat(catchThrowable(tx::commit)).isInstanceOf(ConflictException.class);
        try (ReadView view = store.snapshot()) {
            assertThat(view.get(new byte[] {0x08, 1})).isNull();
        }
    }

    @Test
    void declareCreatesAndRemovesLeasesOfAGroup() {
        LeaseCoordinator a = node("a");
        a.declare(M, shards(3));
        a.runOnce();
        a.declare(M, List.of("shard-1", "shard-7"));
        assertThat(a.leases()).extracting(Lease::key).containsExactly("shard-1", "shard-7");
        assertThat(a.held(M)).containsExactly("shard-1");
        a.runOnce();
        assertThat(a.held(M)).containsExactlyInAnyOrder("shard-1", "shard-7");
        LeaseTaskGate gate = new LeaseTaskGate(a, Set.of("ttl-sweep"));
        assertThat(gate.mayRun("ttl-sweep")).isFalse();
        assertThat(gate.mayRun("per-node")).isTrue();
        a.runOnce();
        assertThat(gate.mayRun("ttl-sweep")).isTrue();
        assertThat(a.leases()).hasSize(3);
    }
}
