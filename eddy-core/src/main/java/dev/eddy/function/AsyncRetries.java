package dev.eddy.function;

import dev.eddy.work.BackgroundWork;
import dev.eddy.work.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts of asynchronous invocations that wait for their time: the retries Lambda makes after a
 * function error (two, about one and two minutes later) and the attempts of throttled events,
 * backing off. Each attempt is due at an instant of the service's clock; a pass ({@link #runOnce})
 * hands the attempts due at its {@code now} to the executor that runs invocations, earliest first,
 * and returns without waiting for them.
 *
 * <p>Runs as the background task {@value #TASK} every {@link #INTERVAL}, and is woken when an
 * attempt is queued (one already due then goes at once). Attempts queued before the task is
 * attached wait for it. Thread-safe.
 */
final class AsyncRetries implements PeriodicTask {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncRetries.class);

    /** The task's name on the background work. */
    static final String TASK = "function-async-retries";

    /** How often due attempts are looked for: throttled events back off by at least this much. */
    static final Duration INTERVAL = Duration.ofMillis(100);

    private record Attempt(Instant due, long order, Runnable body) {}

    private final Executor executor;
    private final PriorityQueue<Attempt> waiting =
            new PriorityQueue<>(Comparator.comparing(Attempt::due).thenComparingLong(Attempt::order));
    private long queued;
    private volatile BackgroundWork.Registration registration;

    /** @param executor runs the attempts (they block while the function runs) */
    AsyncRetries(Executor executor) {
        this.executor = executor;
    }

    /** Registers the task with {@code work}. */
    void attach(BackgroundWork work) {
        registration = work.schedule(TASK, INTERVAL, this);
        registration.wake();
    }

    /** Takes the task off the background work; waiting attempts are dropped with the service. */
    void detach() {
        BackgroundWork.Registration r = registration;
        if (r != null) {
            r.cancel();
        }
    }

    /** Queues {@code attempt} to run once the clock reaches {@code due}. */
    void add(Instant due, Runnable attempt) {
        synchronized (waiting) {
            waiting.add(new Attempt(due, queued++, attempt));
        }
        BackgroundWork.Registration r = registration;
        if (r != null) {
            r.wake();
        }
    }

    /** How many attempts wait for their time. */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** Hands every attempt due at {@code now} to the executor, earliest first. */
    @Override
    public void runOnce(Instant now) {
        for (Runnable attempt : takeDue(now)) {
            try {
                executor.execute(attempt);
            } catch (RejectedExecutionException e) {
                // the service closed: its queued events go with it, as they would with a crashed node
                LOG.debug("function service closed; asynchronous retries dropped");
                return;
            }
        }
    }

    private List<Runnable> takeDue(Instant now) {
        List<Runnable> due = new ArrayList<>();
        synchronized (waiting) {
            while (!waiting.isEmpty() && !waiting.peek().due().isAfter(now)) {
                due.add(waiting.poll().body());
            }
        }
        return due;
    }
}
