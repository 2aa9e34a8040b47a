package dev.eddy.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the composition root has opened so far, to be closed in the reverse order: the listener
 * before the background work, the background work before the engines, the store last. Used both
 * for a normal close and to undo a start that failed half way.
 *
 * <p>Used by the one thread that builds or closes the node; not thread-safe.
 */
final class Teardown implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);

    private record Step(String name, AutoCloseable resource) {}

    private final Deque<Step> steps = new ArrayDeque<>();

    /** Remembers {@code resource} as opened now: it closes before everything added earlier. */
    <T extends AutoCloseable> T add(String name, T resource) {
        steps.push(new Step(name, resource));
        return resource;
    }

    /**
     * Closes every resource, the last added first; each is closed once, even when an earlier one
     * fails to close. The first failure is thrown, later ones are suppressed in it.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!steps.isEmpty()) {
            Exception e = closeNext();
            if (e != null && failure == null) {
                failure = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
            } else if (e != null) {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes everything after a failed start; failures to close are added to {@code cause}. */
    void abort(Throwable cause) {
        while (!steps.isEmpty()) {
            Exception e = closeNext();
            if (e != null) {
                cause.addSuppressed(e);
            }
        }
    }

    private Exception closeNext() {
        Step step = steps.pop();
        try {
            step.resource().close();
            return null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("closing the {} failed", step.name(), e);
            return e;
        }
    }
}
