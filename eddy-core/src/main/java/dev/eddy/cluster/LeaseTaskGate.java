package dev.eddy.cluster;

import dev.eddy.work.TaskGate;
import java.util.Set;

/**
 * The {@link TaskGate} of a node sharing its store: each singleton task (a sweep, a retention
 * trim, retries) runs only on the node that holds the task's lease, so one node starts it at a
 * time; every other task (per-node work such as the mapping runner's pass or idle environment
 * reaping) runs everywhere.
 */
public final class LeaseTaskGate implements TaskGate {
    private final LeaseCoordinator leases;
    private final Set<String> singletons;

    /**
     * Declares a lease per singleton task, so the coordinator spreads them over the nodes.
     *
     * @param singletons the names of the tasks that one node at a time runs
     */
    public LeaseTaskGate(LeaseCoordinator leases, Set<String> singletons) {
        this.leases = leases;
        this.singletons = Set.copyOf(singletons);
        leases.declareMissing(LeaseCoordinator.TASK_GROUP, this.singletons);
    }

    @Override
    public boolean mayRun(String task) {
        // read the store, not this node's view as of its last pass: another node may have stolen
        // the lease since. A pass that began before a steal still finishes; passes are
        // transactional, so such an overlap repeats work but writes nothing wrong
        return !singletons.contains(task) || leases.holdsNow(LeaseCoordinator.TASK_GROUP, task);
    }
}
