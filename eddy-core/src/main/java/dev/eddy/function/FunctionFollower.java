package dev.eddy.function;

import dev.eddy.cluster.ClusterSignal;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's view of the functions in step with the changes other nodes sharing the store
 * make: the configurations kept in memory ({@link FunctionRegistry}), the functions this node knows
 * ({@link Invoker}'s slots, with their prepared code and warm environments) and the reserved
 * concurrency ({@link ConcurrencyLimiter}). A node that changes a function publishes its name on
 * the {@link ClusterSignal} after the commit; every node then re-reads the stored configuration
 * ({@link #refresh}). Notices may be lost, so a periodic pass re-reads every function as well.
 *
 * <p>On a single node nothing is published and nothing followed: the node's own changes update
 * its memory directly.
 *
 * <p>Thread-safe; a refresh runs under the service's lifecycle lock and the slot's lock, the locks
 * this node's own changes hold, so it never interleaves with one of them.
 */
final class FunctionFollower implements AutoCloseable {
    /** The topic of function notices; the payload is the function's name. */
    static final String TOPIC = "function";

    private static final Logger LOG = LoggerFactory.getLogger(FunctionFollower.class);
    private static final int PAGE = 500;

    private final FunctionRegistry registry;
    private final Invoker invoker;
    private final CodePreparation preparation;
    private final ConcurrencyLimiter limiter;
    private final InvocationListener listener;
    private final Object lifecycle;
    private volatile ClusterSignal signal;
    private volatile ClusterSignal.Subscription subscription;
    private volatile BackgroundWork.Registration resync;

    FunctionFollower(
            FunctionRegistry registry,
            Invoker invoker,
            CodePreparation preparation,
            ConcurrencyLimiter limiter,
            InvocationListener listener,
            Object lifecycle) {
        this.registry = registry;
        this.invoker = invoker;
        this.preparation = preparation;
        this.limiter = limiter;
        this.listener = listener;
        this.lifecycle = lifecycle;
    }

    /**
     * Publishes from now on, follows the notices of other nodes, and re-reads every function every
     * {@code every} on {@code work} (task {@code function-resync}, on every node). Call once.
     */
    void follow(ClusterSignal cluster, BackgroundWork work, Duration every) {
        signal = cluster;
        subscription = cluster.subscribe(TOPIC, this::noticed);
        resync = work.schedule("function-resync", every, now -> resync());
    }

    /** Tells every node that function {@code name} changed; call after the change committed. */
    void changed(String name) {
        ClusterSignal s = signal;
        if (s != null) {
            s.publish(TOPIC, name);
        }
    }

    private void noticed(String name) {
        // the signal's thread must not wait for the store
        Thread.ofVirtual().name("eddy-function-refresh").start(() -> {
            try {
                refresh(name);
            } catch (RuntimeException e) {
                LOG.warn("could not refresh function {} after a notice: {}", name, e.toString());
            }
        });
    }

    /**
     * Re-reads function {@code name} and brings this node in line: forgets it when it is gone,
     * starts tracking it when it is new here, prepares the stored code again (closing the warm
     * environments) when its revision differs from the one this node prepared, takes over its
     * reserved concurrency, and forgets published versions that were deleted. Idempotent.
     */
    void refresh(String name) {
        synchronized (lifecycle) {
            FunctionSlot slot = invoker.slot(name);
            if (slot == null) {
                FunctionConfig stored = registry.reload(name);
                if (stored != null) {
                    limiter.setReserved(name, stored.reservedConcurrency());
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    preparation.prepareLocal(invoker.register(name, done), stored, done);
                }
                return;
            }
            synchronized (slot) {
                FunctionConfig stored = registry.reload(name);
                if (stored == null) {
                    invoker.remove(name);
                    limiter.setReserved(name, null);
                    listener.deleted(name);
                    return;
                }
                limiter.setReserved(name, stored.reservedConcurrency());
                if (!stored.revisionId().equals(slot.revision)) {
                    slot.newGeneration();
                    preparation.prepareLocal(slot, stored, new CompletableFuture<>());
                }
            }
            invoker.dropMissingVersions(name);
        }
    }

    /** Refreshes every stored function and every function this node tracks; returns how many. */
    int resync() {
        Set<String> names = new HashSet<>(invoker.functionNames());
        String after = null;
        while (true) {
            List<FunctionConfig> page = registry.scan(after, PAGE);
            page.forEach(c -> names.add(c.name()));
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).name();
        }
        names.forEach(this::refresh);
        return names.size();
    }

    /** Stops following (the periodic pass and the notices). Idempotent. */
    @Override
    public void close() {
        BackgroundWork.Registration r = resync;
        if (r != null) {
            r.cancel();
        }
        ClusterSignal.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        signal = null;
    }
}
