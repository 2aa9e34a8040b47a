package dev.eddy.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process {@link CommitSignal}: one pending future per lineage that somebody waits on,
 * completed and dropped by the next signal. A signal of a lineage nobody waits on costs one map
 * lookup.
 */
public final class LocalCommitSignal implements CommitSignal {
    private final ConcurrentHashMap<Lineage, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    private record Lineage(long streamId, int partition) {}

    @Override
    public void signal(long streamId, int partition) {
        if (pending.isEmpty()) {
            return;
        }
        CompletableFuture<Void> f = pending.remove(new Lineage(streamId, partition));
        if (f != null) {
            f.complete(null);
        }
    }

    /** Completes the pending future of every lineage somebody waits on. */
    public void signalAll() {
        for (Lineage l : pending.keySet()) {
            CompletableFuture<Void> f = pending.remove(l);
            if (f != null) {
                f.complete(null);
            }
        }
    }

    @Override
    public CompletableFuture<Void> next(long streamId, int partition) {
        // a copy per caller: one consumer's cancel must not complete the future of the others
        return pending.computeIfAbsent(new Lineage(streamId, partition), k -> new CompletableFuture<>())
                .copy();
    }
}
