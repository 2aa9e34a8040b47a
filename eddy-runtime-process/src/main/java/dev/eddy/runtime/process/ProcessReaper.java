package dev.eddy.runtime.process;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Stops the child processes of execution environments: SIGTERM to the process and its
 * descendants, then SIGKILL to whatever is left after the grace period. Every process it tracks is
 * also killed when the Eddy JVM shuts down, so no runtime outlives a stopped Eddy; the bundled
 * bootstraps additionally exit when their parent process is gone (a crashed Eddy).
 *
 * <p>Thread-safe.
 */
final class ProcessReaper {
    // one hook for the JVM, however many runtimes a test suite creates
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "eddy-process-reaper"));
    }

    private final Duration grace;

    ProcessReaper(Duration grace) {
        this.grace = grace;
    }

    void track(Process p) {
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
    }

    /**
     * Escalates interrupt, wait, kill on {@code p}'s tree without blocking the caller; the future
     * completes once the process is gone.
     */
    CompletableFuture<Void> stop(Process p) {
        if (!p.isAlive()) {
            return CompletableFuture.completedFuture(null);
        }
        List<ProcessHandle> tree = p.descendants().toList();
        p.destroy();
        tree.forEach(ProcessHandle::destroy);
        return p.onExit().orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS).handle((done, timedOut) -> {
            kill(p, tree);
            return null;
        });
    }

    private static void kill(Process p, List<ProcessHandle> tree) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Kills every tracked process at once (Eddy is going away; no time for a grace period). */
    static void killAll() {
        for (Process p : List.copyOf(LIVE)) {
            kill(p, p.descendants().toList());
        }
    }
}
