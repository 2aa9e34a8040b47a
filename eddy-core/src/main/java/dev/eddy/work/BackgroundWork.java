package dev.eddy.work;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one scheduler of a node's background work: runs each registered {@link PeriodicTask} every
 * interval on a small pool of platform threads (tasks read the store with JNI calls, which would
 * pin virtual threads), at once when {@linkplain Registration#wake() woken}, never two passes of
 * one task at a time, and only where the {@link TaskGate} lets this node run it.
 *
 * <p>Owned by the composition root: built once the engines exist, {@link #start() started} once
 * they have registered their tasks and the node listens, closed after the listener and before the
 * engines and the store, so no pass runs on a closed engine. Tasks may be registered before or
 * after the start; nothing runs before it. Thread-safe.
 */
public final class BackgroundWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final InstantSource clock;
    private final TaskGate gate;
    private final ScheduledThreadPoolExecutor executor;
    private final List<Task> tasks = new ArrayList<>();
    private boolean started;

    /**
     * @param clock the time passes are told ({@link PeriodicTask#runOnce}'s argument)
     * @param gate decides per pass whether this node runs the task
     * @param threads how many passes of different tasks may run at once
     */
    public BackgroundWork(InstantSource clock, TaskGate gate, int threads) {
        this.clock = clock;
        this.gate = gate;
        this.executor = new ScheduledThreadPoolExecutor(
                threads,
                Thread.ofPlatform().daemon().name("eddy-background-", 0).factory());
        executor.setRemoveOnCancelPolicy(true);
    }

    /** A scheduler for one node: every task runs here, two at a time at most. */
    public static BackgroundWork singleNode(InstantSource clock) {
        return new BackgroundWork(clock, TaskGate.ALWAYS, 2);
    }

    /**
     * Runs {@code task} every {@code interval} (the first pass one interval after the start, or
     * earlier when woken) until the registration is cancelled or this closes.
     */
    public synchronized Registration schedule(String name, Duration interval, PeriodicTask task) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        Task t = new Task(name, interval, task);
        tasks.add(t);
        if (started) {
            t.activate();
        }
        return t;
    }

    /** Starts the timers of the tasks registered so far, and of all registered later. Idempotent. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        tasks.forEach(Task::activate);
    }

    /** Stops every task: passes in progress are interrupted and waited for (a few seconds at most). */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("background tasks still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A task's place in the schedule. */
    public interface Registration {

        /** The name the task was registered with (what the {@link TaskGate} is asked about). */
        String name();

        /**
         * Asks for a pass as soon as possible; wakes during a pass cause one more pass after it.
         * Before the start the pass waits for the start. Cheap and callable from any thread.
         */
        void wake();

        /** Runs no more passes after the one in progress, if any. */
        void cancel();
    }

    private final class Task implements Registration {
        private final String name;
        private final Duration interval;
        private final PeriodicTask body;
        private final ReentrantLock running = new ReentrantLock();
        private final AtomicBoolean requested = new AtomicBoolean();
        private volatile boolean active;
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> timer;

        Task(String name, Duration interval, PeriodicTask body) {
            this.name = name;
            this.interval = interval;
            this.body = body;
        }

        void activate() {
            active = true;
            long nanos = interval.toNanos();
            timer = executor.scheduleWithFixedDelay(this::pass, nanos, nanos, TimeUnit.NANOSECONDS);
            if (cancelled) {
                timer.cancel(false);
            }
            if (requested.get()) {
                executor.execute(this::pass);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void wake() {
            if (requested.compareAndSet(false, true) && active && !executor.isShutdown()) {
                executor.execute(this::pass);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }

        private void pass() {
            if (cancelled) {
                return;
            }
            running.lock();
            try {
                requested.set(false);
                if (gate.mayRun(name)) {
                    body.runOnce(clock.instant());
                }
            } catch (RuntimeException e) {
                LOG.warn("background task {} failed; it runs again at its next turn", name, e);
            } finally {
                running.unlock();
            }
        }
    }
}
