package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.cluster.Lease;
import dev.eddy.cluster.LeaseCoordinator;
import dev.eddy.cluster.NodeRecord;
import dev.eddy.store.MemoryStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Three nodes in one process share one store: they find each other in the registry, share the
 * singleton tasks (each run by exactly one node), and when one stops abruptly, without giving its
 * leases back, the others take them over within the lease duration.
 */
class ClusterLeasesTest {
    private static final Duration LEASE = Duration.ofMillis(1500);

    private final MemoryStore store = new MemoryStore();
    private final List<EddyServer> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(EddyServer::close);
        store.close();
    }

    private EddyServer node(String id) {
        EddyServer s = EddyServer.start(ServerConfig.inMemoryOnRandomPort()
                .withStore(new StoreSpec.Shared(store))
                .withCluster(ServerConfig.Cluster.shared(id, LEASE)));
        nodes.add(s);
        return s;
    }

    private static Map<String, Long> taskOwners(EddyServer any) {
        Instant now = Instant.now();
        return any.cluster().leases().leases(LeaseCoordinator.TASK_GROUP).stream()
                .filter(l -> l.heldBy(l.owner(), now))
                .collect(Collectors.groupingBy(Lease::owner, Collectors.counting()));
    }

    @Test
    void nodesShareTheSingletonTasksAndTakeOverTheLeasesOfANodeThatStopped() {
        EddyServer a = node("a");
        EddyServer b = node("b");
        EddyServer c = node("c");
        int tasks = ClusterNode.SINGLETON_TASKS.size();
        int share = (tasks + 2) / 3;

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(a.cluster().leases().registry().live(Instant.now(), LEASE))
                    .containsExactlyInAnyOrder("a", "b", "c");
            Map<String, Long> owners = taskOwners(a);
            assertThat(owners).containsOnlyKeys("a", "b", "c");
            assertThat(owners.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(share));
            assertThat(owners.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(tasks);
        });
        assertThat(a.cluster().leases().registry().nodes())
                .extracting(NodeRecord::address)
                .contains(a.endpoint().getAuthority(), b.endpoint().getAuthority());
        for (String task : ClusterNode.SINGLETON_TASKS) {
            long running = nodes.stream()
                    .filter(n -> n.cluster().leases().holdsNow(LeaseCoordinator.TASK_GROUP, task))
                    .count();
            assertThat(running).as(task).isLessThanOrEqualTo(1);
        }

        StringWriter out = new StringWriter();
        int code = new CommandLine(new Main())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(new StringWriter()))
                .execute("cluster", "status", "--endpoint", b.endpoint().toString());
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("node b")
                .contains("  a  " + a.endpoint().getAuthority())
                .contains("  c  " + c.endpoint().getAuthority())
                .contains("task  ttl-sweep  ");
        assertThat(out.toString().lines().filter(l -> l.endsWith("live"))).hasSize(3);

        String addressOfA = a.endpoint().getAuthority();
        // a stops abruptly: its leases are not given back and its record stays
        a.cluster().leases().abandon();
        a.close();
        long stopped = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Long> owners = taskOwners(b);
            assertThat(owners).containsOnlyKeys("b", "c");
            assertThat(owners.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(tasks);
        });
        Duration took = Duration.ofNanos(System.nanoTime() - stopped);
        assertThat(took).as("taken over within the lease and a renewal").isLessThan(LEASE.multipliedBy(3));
        assertThat(b.cluster().leases().registry().live(Instant.now(), LEASE)).containsExactlyInAnyOrder("b", "c");

        // a clean close gives the leases back at once
        c.close();
        Awaitility.await()
                .atMost(LEASE)
                .untilAsserted(() -> assertThat(taskOwners(b)).containsExactly(Map.entry("b", (long) tasks)));
        StringWriter after = new StringWriter();
        new CommandLine(new Main())
                .setOut(new PrintWriter(after))
                .execute("cluster", "status", "--endpoint", b.endpoint().toString());
        assertThat(after.toString()).contains("  a  " + addressOfA).contains("dead");
        assertThat(after.toString()).doesNotContain("  c  ").doesNotContain("(free)");
    }
}
