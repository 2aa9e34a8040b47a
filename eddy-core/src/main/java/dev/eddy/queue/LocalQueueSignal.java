package dev.eddy.queue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process {@link QueueSignal}: one pending future per queue that somebody waits on,
 * completed and dropped by the next signal. A signal of a queue nobody waits on costs one lookup.
 */
public final class LocalQueueSignal implements QueueSignal {
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    @Override
    public void signal(long queueId) {
        if (pending.isEmpty()) {
            return;
        }
        CompletableFuture<Void> f = pending.remove(queueId);
        if (f != null) {
            f.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> next(long queueId) {
        // a copy per caller: one receiver's cancel must not complete the future of the others
        return pending.computeIfAbsent(queueId, k -> new CompletableFuture<>()).copy();
    }
}
