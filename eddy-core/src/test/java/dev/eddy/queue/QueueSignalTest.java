package dev.eddy.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The in-process queue signal and the polling one that wraps it on nodes sharing a store. */
class QueueSignalTest {

    @Test
    void aSignalWakesEveryWaiterOfItsQueueOnly() {
        LocalQueueSignal signal = new LocalQueueSignal();
        CompletableFuture<Void> first = signal.next(1);
        CompletableFuture<Void> second = signal.next(1);
        CompletableFuture<Void> other = signal.next(2);

        signal.signal(1);

        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(other).isNotDone();
        assertThat(signal.next(1))
                .as("a later waiter waits for the next signal")
                .isNotDone();
    }

    @Test
    void aCancelledWaiterLeavesAtOnceAndCompletesNoOther() {
        LocalQueueSignal signal = new LocalQueueSignal();
        CompletableFuture<Void> staying = signal.next(1);
        // a receive that looks again without a send: a new future each time, the old one cancelled
        for (int i = 0; i < 1000; i++) {
            signal.next(1).cancel(false);
        }
        assertThat(staying).isNotDone();
        assertThat(signal.waiters(1))
                .as("only the waiter still waiting is held")
                .isEqualTo(1);

        staying.cancel(false);
        assertThat(signal.waiters(1)).isZero();
    }

    @Test
    void aPollingWaiterWakesEachIntervalWithoutASignal() throws Exception {
        LocalQueueSignal local = new LocalQueueSignal();
        PollingQueueSignal signal = new PollingQueueSignal(local, Duration.ofMillis(50));
        CompletableFuture<Void> plain = local.next(1);
        long start = System.nanoTime();
        CompletableFuture<Void> polled = signal.next(1);

        polled.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(plain).as("the interval completes the poller's future only").isNotDone();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> local.waiters(1) == 1);
    }

    @Test
    void aSignalStillWakesAPollingWaiterAtOnce() {
        PollingQueueSignal signal = new PollingQueueSignal(new LocalQueueSignal(), Duration.ofMinutes(10));
        CompletableFuture<Void> waiting = signal.next(7);
        assertThat(waiting).isNotDone();
        signal.signal(7);
        assertThat(waiting).isDone();
    }
}
