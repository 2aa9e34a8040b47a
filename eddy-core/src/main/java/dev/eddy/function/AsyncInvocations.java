package dev.eddy.function;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.function.DestinationRecords.Condition;
import dev.eddy.function.DestinationRecords.Response;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's asynchronous invocation: Event invocations wait in a durable queue in the {@link Store}
 * ({@link AsyncRecords}), run, are retried after a function error as the function's {@link
 * EventInvokeConfig} says (by default twice, after the delays of {@link
 * FunctionServiceConfig.AsyncPolicy}), wait with a growing backoff while throttled without using
 * up an attempt, and are given up once older than the maximum event age. The outcome goes to the
 * OnSuccess or OnFailure destination and, for a failure, to the function's dead-letter queue
 * ({@link AsyncDestinations}), in the same transaction that removes the event from the queue.
 *
 * <p>Each change of an event (accepted, postponed, retried, finished) is one transaction; the
 * attempt that follows it is scheduled in memory ({@link AsyncRetries}) once it committed, and
 * scheduled again from the store after a restart ({@link #recover}), so an event survives a
 * restart. An attempt carries the state it was scheduled for and does nothing when the stored
 * event has moved on. Delivery is at least once: a function that ran just before a crash runs
 * again after the restart, as Lambda documents duplicates.
 *
 * <p>Thread-safe; attempts run on the invoker's executor.
 */
final class AsyncInvocations {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    private static final int RECOVERY_PAGE = 500;
    private static final int INVOKE_STATUS = 200;

    private final Invoker invoker;
    private final Store store;
    private final FunctionRegistry registry;
    private final ConcurrencyLimiter limiter;
    private final AsyncDestinations destinations;
    private final FunctionServiceConfig config;
    private final FunctionNames names;
    private final ExecutorService executor;
    private final AsyncRetries retries;

    AsyncInvocations(
            Invoker invoker,
            Store store,
            FunctionRegistry registry,
            ConcurrencyLimiter limiter,
            AsyncDestinations destinations,
            FunctionServiceConfig config,
            FunctionNames names,
            ExecutorService executor,
            AsyncRetries retries) {
        this.invoker = invoker;
        this.store = store;
        this.registry = registry;
        this.limiter = limiter;
        this.destinations = destinations;
        this.config = config;
        this.names = names;
        this.executor = executor;
        this.retries = retries;
    }

    /** Queues an event durably (it is stored when this returns) and starts its first attempt. */
    InvocationResult.Accepted enqueue(String name, String invokedArn, byte[] payload) {
        QueuedEvent e = QueuedEvent.accepted(
                name,
                UUID.randomUUID().toString(),
                invokedArn,
                payload,
                config.clock().millis());
        store.run(tx -> {
            AsyncRecords.writeEvent(tx, e);
            return null;
        });
        try {
            executor.execute(() -> attempt(e.requestId(), e.stateKey()));
        } catch (RejectedExecutionException closing) {
            // the service is closing: the stored event runs after the next start
        }
        return new InvocationResult.Accepted(e.requestId());
    }

    /** Schedules every stored event at its due time (events already due run at the next pass). */
    int recover() {
        int n = 0;
        String after = null;
        while (true) {
            List<QueuedEvent> page;
            try (ReadView view = store.snapshot()) {
                page = AsyncRecords.scanEvents(view, after, RECOVERY_PAGE);
            }
            page.forEach(this::schedule);
            n += page.size();
            if (page.size() < RECOVERY_PAGE) {
                return n;
            }
            after = page.get(page.size() - 1).requestId();
        }
    }

    private void schedule(QueuedEvent e) {
        if (!executor.isShutdown()) {
            retries.add(Instant.ofEpochMilli(e.dueMillis()), () -> attempt(e.requestId(), e.stateKey()));
        }
    }

    /** One attempt at the event, if it is still in the state the attempt was scheduled for. */
    private void attempt(String requestId, String stateKey) {
        QueuedEvent e;
        try (ReadView view = store.snapshot()) {
            e = AsyncRecords.readEvent(view, requestId);
        } catch (RuntimeException closed) {
            LOG.debug("asynchronous event {} not read: {}", requestId, closed.toString());
            return;
        }
        if (e == null || !e.stateKey().equals(stateKey)) {
            return; // delivered, or moved on by an attempt scheduled for a later state
        }
        try {
            step(e);
        } catch (RuntimeException fault) {
            // a store fault or an interrupt: the stored event is unchanged, so try it again later
            LOG.warn(
                    "asynchronous event {} of function {} failed to run: {}",
                    requestId,
                    e.functionName(),
                    fault.toString());
            retries.add(
                    config.clock().instant().plus(config.async().throttleFirst()), () -> attempt(requestId, stateKey));
        }
    }

    private void step(QueuedEvent e) {
        String name = e.functionName();
        FunctionRef invoked = FunctionRef.parse(e.invokedArn(), null);
        // each attempt resolves the qualifier again: an alias may point elsewhere by now
        Invoker.Target target = invoker.target(name, invoked == null ? null : invoked.qualifier());
        FunctionSlot slot = target == null ? null : target.slot();
        FunctionConfig c = target == null ? null : invoker.config(target);
        if (slot == null || c == null) {
            LOG.info("dropping event {}: function {} (or the version invoked) was deleted", e.requestId(), name);
            finish(e, List.of());
            return;
        }
        EventInvokeConfig settings = effective(name, invoked == null ? null : invoked.qualifier());
        long deadline = e.acceptedMillis() + settings.maximumEventAge().toMillis();
        if (config.clock().millis() >= deadline) {
            fail(e, Condition.EventAgeExceeded, last(e), c, settings);
            return;
        }
        Integer reserved =
                registry.find(name).map(FunctionConfig::reservedConcurrency).orElse(null);
        if (reserved != null && reserved == 0) {
            // Lambda sends the events of a function that may never run straight to the failure destination
            fail(e, Condition.RetriesExhausted, last(e), c, settings);
            return;
        }
        invoker.awaitPreparation(slot);
        c = Objects.requireNonNullElse(invoker.config(target), c);
        if (c.state() != FunctionConfig.State.Active || slot.code == null) {
            postpone(e, deadline, c, settings); // not ready yet (after a restart): not an attempt
            return;
        }
        switch (limiter.admit(name)) {
            case ConcurrencyLimiter.Refused refused -> {
                invoker.throttled(name, refused.reason());
                postpone(e, deadline, c, settings);
            }
            case ConcurrencyLimiter.Permit permit -> {
                try (permit) {
                    run(e, slot, c, settings, deadline);
                }
            }
        }
    }

    private void run(QueuedEvent e, FunctionSlot slot, FunctionConfig c, EventInvokeConfig settings, long deadline) {
        Invoker.Run run = invoker.observedRun(slot, c, e.requestId(), e.invokedArn(), e.payload(), null);
        long now = config.clock().millis();
        QueuedEvent ran = e.failed(run.errorType(), run.payload(), now);
        Response response = new Response(INVOKE_STATUS, run.errorType(), run.payload(), slot.version);
        if (run.errorType() == null) {
            deliver(e, ran, Condition.Success, response, settings.onSuccess());
        } else if (ran.attempts() > settings.retryAttempts()) {
            fail(e, ran, Condition.RetriesExhausted, response, c, settings);
        } else {
            long due = now + config.async().retryDelay(ran.attempts()).toMillis();
            if (due >= deadline) {
                // the retry would come after the event's maximum age: Lambda gives up at once
                fail(e, ran, Condition.EventAgeExceeded, response, c, settings);
            } else {
                move(e, e.failed(run.errorType(), run.payload(), due));
            }
        }
    }

    /** Tries the event again later without using up an attempt (throttled, or the function not ready). */
    private void postpone(QueuedEvent e, long deadline, FunctionConfig c, EventInvokeConfig settings) {
        long due = config.clock().millis()
                + config.async().throttleDelay(e.throttles() + 1).toMillis();
        if (due >= deadline) {
            fail(e, Condition.EventAgeExceeded, last(e), c, settings);
        } else {
            move(e, e.throttled(due));
        }
    }

    private void fail(QueuedEvent e, Condition condition, Response response, FunctionConfig c, EventInvokeConfig s) {
        fail(e, e, condition, response, c, s);
    }

    /**
     * Gives the event up: the invocation record goes to the OnFailure destination and the event
     * itself to the function's dead-letter queue, to each that is configured (Lambda: destinations
     * work "in addition to or instead of" a dead-letter queue).
     */
    private void fail(
            QueuedEvent stored,
            QueuedEvent outcome,
            Condition condition,
            Response response,
            FunctionConfig c,
            EventInvokeConfig settings) {
        List<Send> sends = new ArrayList<>(2);
        if (settings.onFailure() != null) {
            sends.add(new Send(settings.onFailure(), record(outcome, condition, response)));
        }
        if (c.deadLetterTarget() != null) {
            String reason = condition == Condition.EventAgeExceeded
                    ? "Event age exceeded the maximum of "
                            + settings.maximumEventAge().toSeconds() + " seconds"
                    : "Retries exhausted";
            sends.add(new Send(c.deadLetterTarget(), DestinationRecords.deadLetter(outcome, response, reason)));
        }
        if (sends.isEmpty()) {
            LOG.info(
                    "event {} of function {} given up ({}) after {} attempts; no destination",
                    stored.requestId(),
                    stored.functionName(),
                    condition,
                    outcome.attempts());
        }
        finish(stored, sends);
    }

    private void deliver(QueuedEvent stored, QueuedEvent outcome, Condition condition, Response response, String to) {
        finish(stored, to == null ? List.of() : List.of(new Send(to, record(outcome, condition, response))));
    }

    private AsyncDestinations.Message record(QueuedEvent outcome, Condition condition, Response response) {
        // always qualified: the qualifier the caller used, else $LATEST
        FunctionRef invoked = FunctionRef.parse(outcome.invokedArn(), null);
        String functionArn = names.arn(outcome.functionName())
                .withQualifier(
                        invoked == null || invoked.qualifier() == null ? FunctionConfig.LATEST : invoked.qualifier())
                .toString();
        return new AsyncDestinations.Message(
                DestinationRecords.invocationRecord(
                        outcome,
                        functionArn,
                        condition,
                        response,
                        config.clock().instant()),
                Map.of());
    }

    /** A message for one destination, named by its ARN. */
    private record Send(String target, AsyncDestinations.Message message) {}

    /**
     * Removes the event from the queue and sends the messages, all in one transaction. A
     * destination that no longer exists (or is not a queue) does not get its message; the others
     * still do. Lambda counts these as DestinationDeliveryFailures / DeadLetterErrors.
     */
    private void finish(QueuedEvent stored, List<Send> sends) {
        List<Send> deliverable = new ArrayList<>(sends.size());
        for (Send send : sends) {
            Arn.Queue queue = Arn.parse(send.target(), Arn.Queue.class).orElse(null);
            if (queue == null || !destinations.queueExists(queue)) {
                LOG.warn("event {}: destination {} does not exist; not delivered", stored.requestId(), send.target());
            } else {
                deliverable.add(send);
            }
        }
        try {
            remove(stored, deliverable);
        } catch (EddyException refused) {
            // deleted between the check and the send
            LOG.warn("event {}: not delivered: {}", stored.requestId(), refused.getMessage());
            remove(stored, List.of());
        }
    }

    private void remove(QueuedEvent stored, List<Send> sends) {
        store.run(tx -> {
            if (unchanged(tx, stored)) {
                AsyncRecords.deleteEvent(tx, stored.requestId());
                for (Send send : sends) {
                    destinations.send(
                            tx, Arn.parse(send.target(), Arn.Queue.class).orElseThrow(), send.message());
                }
            }
            return null;
        });
    }

    /** Stores the event's next state and schedules its next attempt. */
    private void move(QueuedEvent stored, QueuedEvent next) {
        boolean moved = store.run(tx -> {
            if (!unchanged(tx, stored)) {
                return false;
            }
            AsyncRecords.writeEvent(tx, next);
            return true;
        });
        if (moved) {
            schedule(next);
        }
    }

    private static boolean unchanged(Transaction tx, QueuedEvent stored) {
        QueuedEvent now = AsyncRecords.readEvent(tx, stored.requestId());
        return now != null && now.stateKey().equals(stored.stateKey());
    }

    /** What the event's last attempt gave, for a record written without running the function now. */
    private static Response last(QueuedEvent e) {
        if (e.lastResponse() == null) {
            return Response.NONE;
        }
        // the stored event does not keep the version that ran: a version qualifier names it, else $LATEST
        FunctionRef ref = FunctionRef.parse(e.invokedArn(), null);
        String version = ref != null && FunctionVersions.isNumber(ref.qualifier()) ? ref.qualifier() : null;
        return new Response(INVOKE_STATUS, e.lastError(), e.lastResponse(), version);
    }

    /** The configuration of the qualifier the event was invoked with ($LATEST when none), else the defaults. */
    private EventInvokeConfig effective(String name, String qualifier) {
        try (ReadView view = store.snapshot()) {
            EventInvokeConfig c =
                    AsyncRecords.readConfig(view, name, qualifier == null ? FunctionConfig.LATEST : qualifier);
            return c == null ? EventInvokeConfig.defaults(name) : c;
        }
    }
}
