package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.store.MemoryStore;
import dev.eddy.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the lease coordinators of several nodes on one store spread the leases: passes run in rounds
 * (each node one pass, then the clock moves a renew interval), with a manual clock and seeded
 * random sources, so every run is the same.
 */
class LeaseBalancingTest {
    private static final Duration LEASE = Duration.ofSeconds(9);
    private static final String M = "mapping-1";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<LeaseCoordinator> nodes = new ArrayList<>();
    private MemoryStore store = new MemoryStore();

    @AfterEach
    void close() {
        store.close();
    }

    /** A new store without nodes, for the next run of a test that loops over seeds. */
    private void fresh() {
        store.close();
        store = new MemoryStore();
        nodes.clear();
    }

    private LeaseCoordinator join(String id) {
        LeaseCoordinator c = new LeaseCoordinator(
                store, clock, new NodeRegistry(store, clock, id, () -> ""), LEASE, new Random(id.hashCode()));
        nodes.add(c);
        return c;
    }

    private static List<String> keys(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    /** One pass of every node still running, in joining order, then a renew interval passes. */
    private void round() {
        nodes.forEach(LeaseCoordinator::runOnce);
        clock.advance(LEASE.dividedBy(3));
    }

    /** Runs rounds until one changes no lease's hands; fails after {@code max}. @return the rounds run */
    private int settle(int max) {
        long before = changesOfHands();
        for (int r = 1; r <= max; r++) {
            round();
            long after = changesOfHands();
            if (after == before && everyLeaseHeld()) {
                return r;
            }
            before = after;
        }
        throw new AssertionError("not settled after " + max + " rounds: " + heldPerGroup());
    }

    private long changesOfHands() {
        return nodes.getFirst().leases().stream().mapToLong(Lease::counter).sum();
    }

    /** Whether every lease is held by a running node (not by one that stopped, not by nobody). */
    private boolean everyLeaseHeld() {
        Set<String> running = new TreeSet<>();
        nodes.forEach(n -> running.add(n.nodeId()));
        return nodes.getFirst().leases().stream()
                .allMatch(l -> running.contains(l.owner()) && l.heldBy(l.owner(), clock.instant()));
    }

    /** group → node → how many of the group's leases the node holds, over the running nodes. */
    private Map<String, Map<String, Integer>> heldPerGroup() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (Lease l : nodes.getFirst().leases()) {
            Map<String, Integer> group = out.computeIfAbsent(l.group(), g -> new TreeMap<>());
            nodes.forEach(n -> group.merge(n.nodeId(), n.held(l.group()).contains(l.key()) ? 1 : 0, Integer::sum));
        }
        return out;
    }

    private Map<String, Integer> totals() {
        Map<String, Integer> out = new TreeMap<>();
        heldPerGroup().values().forEach(g -> g.forEach((node, n) -> out.merge(node, n, Integer::sum)));
        return out;
    }

    /** Every group spread within one over the running nodes, the totals too, every lease held once. */
    private void assertBalanced() {
        Map<String, Map<String, Integer>> groups = heldPerGroup();
        for (Map.Entry<String, Map<String, Integer>> g : groups.entrySet()) {
            IntSummaryStatistics s =
                    g.getValue().values().stream().mapToInt(Integer::intValue).summaryStatistics();
            assertThat(s.getMax() - s.getMin())
                    .as("spread of %s in %s", g.getKey(), groups)
                    .isLessThanOrEqualTo(1);
            long leases = nodes.getFirst().leases(g.getKey()).size();
            assertThat(s.getSum())
                    .as("every lease of %s held by exactly one node", g.getKey())
                    .isEqualTo(leases);
        }
        IntSummaryStatistics t =
                totals().values().stream().mapToInt(Integer::intValue).summaryStatistics();
        assertThat(t.getMax() - t.getMin())
                .as("spread of the totals %s", totals())
                .isLessThanOrEqualTo(1);
    }

    /** Runs {@code rounds} more rounds and asserts that no lease changed hands (no back and forth). */
    private void assertStaysPut(int rounds) {
        long before = changesOfHands();
        for (int r = 0; r < rounds; r++) {
            round();
        }
        assertThat(changesOfHands()).as("changes of hands once balanced").isEqualTo(before);
    }

    @Test
    void aThirdNodeJoiningTwoThatSplitSixLeasesTakesTwo() {
        LeaseCoordinator a = join("a");
        LeaseCoordinator b = join("b");
        round();
        a.declare(M, keys("shard-", 6));
        round();
        assertThat(heldPerGroup().get(M)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "b", 3));

        join("c");
        int rounds = settle(4);

        assertThat(heldPerGroup().get(M)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2, "c", 2));
        assertThat(rounds)
                .as("one steal per pass: two rounds and one to see nothing move")
                .isLessThanOrEqualTo(3);
        assertStaysPut(5);
    }

    @Test
    void nodesJoiningOneThatHoldsAllSixLeasesTakeTheirShares() {
        LeaseCoordinator a = join("a");
        a.declare(M, keys("shard-", 6));
        round();
        assertThat(a.held(M)).hasSize(6);

        join("b");
        settle(5);
        assertThat(heldPerGroup().get(M)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "b", 3));

        join("c");
        settle(5);
        assertThat(heldPerGroup().get(M)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2, "c", 2));
        assertStaysPut(5);
    }

    /**
     * What the three-node kill test once met: the shards of a mapping at 3/3/0 for a minute while
     * no node failed. Balancing the totals of all leases let the third node reach its share with
     * task leases alone (4/4/4 of twelve), and then nobody stole a shard.
     */
    @Test
    void aNodeThatReachedItsTotalWithTaskLeasesStillGetsItsShareOfTheShards() {
        LeaseCoordinator a = join("a");
        LeaseCoordinator b = join("b");
        round();
        a.declare(M, keys("shard-", 6));
        round();
        LeaseCoordinator c = join("c");
        c.declareMissing(LeaseCoordinator.TASK_GROUP, keys("task-", 6));
        // the newcomer's first pass comes first: all six task leases are free then
        c.runOnce();
        a.runOnce();
        b.runOnce();
        clock.advance(LEASE.dividedBy(3));

        settle(6);

        assertThat(heldPerGroup().get(M)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2, "c", 2));
        assertThat(heldPerGroup().get(LeaseCoordinator.TASK_GROUP))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2, "c", 2));
        assertStaysPut(5);
    }

    @Test
    void sixShardsAndSevenTasksOverThreeNodesJoiningOneAfterTheOther() {
        for (int seed = 0; seed < 20; seed++) {
            fresh();
            LeaseCoordinator a = join("a" + seed);
            a.declareMissing(LeaseCoordinator.TASK_GROUP, keys(seed + "-task-", 7));
            a.declare(M + seed, keys("shard-", 6));
            round();
            join("b" + seed);
            join("c" + seed);
            settle(20);
            assertBalanced();
            assertThat(heldPerGroup().get(M + seed))
                    .as("seed %d", seed)
                    .allSatisfy((node, n) -> assertThat(n).isEqualTo(2));
            assertStaysPut(3);
        }
    }

    @ParameterizedTest(name = "{0} leases over {1} nodes")
    @CsvSource({"7, 3", "5, 2", "2, 3", "1, 3", "11, 4", "13, 3"})
    void oddCountsSettleWithinOneOfEachOther(int leases, int count) {
        LeaseCoordinator a = join("n0");
        a.declare(M, keys("shard-", leases));
        round();
        for (int i = 1; i < count; i++) {
            join("n" + i);
        }
        settle(leases + 3);
        assertBalanced();
        assertThat(heldPerGroup().get(M).values())
                .allSatisfy(n -> assertThat(n).isBetween(leases / count, (leases + count - 1) / count));
        assertStaysPut(5);
    }

    @Test
    void manyGroupsOfOneLeaseSpreadByTheNodesTotals() {
        LeaseCoordinator a = join("a");
        for (int g = 0; g < 6; g++) {
            a.declare("mapping-" + g, List.of("shard-0"));
        }
        round();
        join("b");
        join("c");
        settle(10);
        assertThat(totals()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2, "c", 2));
        assertStaysPut(5);
    }

    @Test
    void theLeasesOfANodeThatStoppedAbruptlySpreadOverTheOthers() {
        join("a");
        join("b");
        LeaseCoordinator c = join("c");
        round();
        nodes.getFirst().declare(M, keys("shard-", 7));
        settle(10);
        assertBalanced();

        c.abandon();
        nodes.remove(c);
        // c's leases expire with its last renewal: after the lease duration at the latest
        settle(6);
        assertThat(heldPerGroup().get(M).values()).containsExactlyInAnyOrder(3, 4);
        assertThat(nodes.getFirst().registry().live(clock.instant(), LEASE)).containsExactlyInAnyOrder("a", "b");
        assertStaysPut(5);
    }

    @Test
    void theLeasesOfANodeThatClosedSpreadOverTheOthersAtTheNextPass() {
        join("a");
        join("b");
        LeaseCoordinator c = join("c");
        round();
        nodes.getFirst().declare(M, keys("shard-", 6));
        settle(10);

        c.close();
        nodes.remove(c);
        round();
        assertThat(heldPerGroup().get(M)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "b", 3));
        assertStaysPut(5);
    }

    /**
     * Random groups, nodes joining and leaving at random rounds: once the membership stops
     * changing, the passes settle within a bound, balanced, and then nothing moves.
     */
    @Test
    void randomMembershipsAlwaysSettleBalanced() {
        for (int seed = 0; seed < 25; seed++) {
            Random random = new Random(seed);
            fresh();
            String run = "r" + seed + "-";
            join(run + "0");
            int leases = 0;
            for (int g = random.nextInt(1, 4); g > 0; g--) {
                int n = random.nextInt(1, 9);
                nodes.getFirst().declare(run + "group-" + g, keys("shard-", n));
                leases += n;
            }
            for (int step = 0; step < 6; step++) {
                if (random.nextInt(3) == 0 && nodes.size() > 1) {
                    LeaseCoordinator gone = nodes.remove(random.nextInt(nodes.size()));
                    if (random.nextBoolean()) {
                        gone.close();
                    } else {
                        gone.abandon();
                    }
                } else {
                    join(run + (step + 1));
                }
                round();
            }
            // abandoned leases expire within a lease duration (three rounds); then a steal a round
            settle(leases + 6);
            assertThat(everyLeaseHeld())
                    .as("seed %d: every lease held by a running node", seed)
                    .isTrue();
            assertBalanced();
            assertStaysPut(3);
        }
    }
}
