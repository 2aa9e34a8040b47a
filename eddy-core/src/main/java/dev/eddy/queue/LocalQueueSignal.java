package dev.eddy.queue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process {@link QueueSignal}: per queue somebody waits on, the futures of its waiters,
 * completed and dropped together by the next signal. A future that completes otherwise (cancelled
 * by its receiver, or timed out) leaves at once, so a queue that is long-polled for days without a
 * send holds only the futures of its current waiters. A signal of a queue nobody waits on costs
 * one lookup.
 */
public final class LocalQueueSignal implements QueueSignal {
    // a set is changed only inside the map's compute functions (under the map's lock of its key);
    // signal takes it out of the map first, after which nobody changes it
    private final ConcurrentHashMap<Long, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    @Override
    public void signal(long queueId) {
        if (waiting.isEmpty()) {
            return;
        }
        Set<CompletableFuture<Void>> waiters = waiting.remove(queueId);
        if (waiters != null) {
            waiters.forEach(f -> f.complete(null));
        }
    }

    @Override
    public CompletableFuture<Void> next(long queueId) {
        // a future per caller: one receiver's cancel must not complete the future of the others
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiting.compute(queueId, (id, waiters) -> {
            Set<CompletableFuture<Void>> set = waiters != null ? waiters : new HashSet<>();
            set.add(f);
            return set;
        });
        f.whenComplete((ignored, failure) -> forget(queueId, f));
        return f;
    }

    private void forget(long queueId, CompletableFuture<Void> f) {
        waiting.computeIfPresent(queueId, (id, waiters) -> {
            waiters.remove(f);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** How many receivers wait on {@code queueId} now (for tests). */
    int waiters(long queueId) {
        int[] count = {0};
        // read under the key's lock, as the sets are written
        waiting.computeIfPresent(queueId, (id, waiters) -> {
            count[0] = waiters.size();
            return waiters;
        });
        return count[0];
    }
}
