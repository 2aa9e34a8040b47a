package dev.eddy.function;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The live state of one function on this node: its prepared code and its warm execution
 * environments (its configuration lives in the {@link FunctionRegistry}). Environments belong to a
 * generation; any change to code or configuration starts a new generation, and environments of
 * older ones are closed instead of reused. A published version has a slot of its own (its code
 * never changes), created on its first invocation.
 */
final class FunctionSlot {
    /** The function's name (concurrency, logs and metrics are per function, not per version). */
    final String name;
    /** {@code $LATEST} or the number of the published version this slot runs. */
    final String version;
    /** A published version's frozen configuration; null for {@code $LATEST} (read from the registry). */
    final FunctionConfig published;

    volatile FunctionRuntime runtime;
    volatile FunctionRuntime.PreparedCode code;
    /**
     * The revision of the configuration the slot's code was (or is being) prepared for; a stored
     * revision that differs means another node changed the function ({@code $LATEST} only).
     */
    volatile String revision;
    /** Completes when the latest preparation finished (either way). */
    volatile CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);

    private final ArrayDeque<Warm> idle = new ArrayDeque<>();
    private int generation;
    private boolean deleted;

    FunctionSlot(String name) {
        this(name, FunctionConfig.LATEST, null);
    }

    FunctionSlot(String name, String version, FunctionConfig published) {
        this.name = name;
        this.version = version;
        this.published = published;
    }

    /** A warm environment with the log stream it writes to. */
    record Warm(ExecutionEnvironment env, String logStream, int generation, long lastUsedMillis) {
        Warm used(long now) {
            return new Warm(env, logStream, generation, now);
        }
    }

    synchronized int generation() {
        return generation;
    }

    /** The most recently used idle environment, or null (a cold start follows). */
    synchronized Warm takeIdle() {
        return idle.pollFirst();
    }

    /** Returns an environment after an invocation; closes it when it belongs to an old generation. */
    void giveBack(Warm w) {
        synchronized (this) {
            if (!deleted && w.generation() == generation) {
                idle.addFirst(w);
                return;
            }
        }
        w.env().close();
    }

    /** Starts a new generation and closes the idle environments of the old one. */
    void newGeneration() {
        List<Warm> old;
        synchronized (this) {
            generation++;
            old = new ArrayList<>(idle);
            idle.clear();
        }
        old.forEach(w -> w.env().close());
    }

    /** Marks the slot deleted and closes its idle environments; busy ones close when returned. */
    void delete() {
        synchronized (this) {
            deleted = true;
        }
        newGeneration();
    }

    /** Closes environments idle since before {@code cutoffMillis}; returns how many. */
    int expire(long cutoffMillis) {
        List<Warm> expired = new ArrayList<>();
        synchronized (this) {
            idle.removeIf(w -> {
                if (w.lastUsedMillis() < cutoffMillis) {
                    expired.add(w);
                    return true;
                }
                return false;
            });
        }
        expired.forEach(w -> w.env().close());
        return expired.size();
    }

    synchronized int idleCount() {
        return idle.size();
    }
}
