package dev.eddy.work;

/**
 * Decides whether this node runs a named task now. A single node runs everything; nodes sharing a
 * store let one of them run each task (a lease), so a sweep is not done twice at once.
 */
@FunctionalInterface
public interface TaskGate {

    /** The gate of a single node: every task runs. */
    TaskGate ALWAYS = task -> true;

    /** Whether this node should run {@code task} now; called before every pass, from the pass's thread. */
    boolean mayRun(String task);
}
