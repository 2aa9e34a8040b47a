package dev.eddy.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundWorkTest {
    private static final Duration LONG = Duration.ofHours(1);
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z"));

    @Test
    void wakeRunsAPassWithTheInjectedTime() {
        List<Instant> seen = new CopyOnWriteArrayList<>();
        try (BackgroundWork work = BackgroundWork.singleNode(clock)) {
            BackgroundWork.Registration r = work.schedule("t", LONG, seen::add);
            work.start();
            r.wake();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
            assertThat(seen).containsExactly(clock.instant());
            assertThat(r.name()).isEqualTo("t");
        }
    }

    @Test
    void nothingRunsBeforeTheStartAndAWakeBeforeItRunsAfterIt() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        try (BackgroundWork work = BackgroundWork.singleNode(clock)) {
            BackgroundWork.Registration r = work.schedule("t", LONG, now -> {
                passes.incrementAndGet();
                ran.countDown();
            });
            r.wake();
            assertThat(ran.await(200, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(passes).hasValue(0);
            work.start();
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theIntervalTriggersPasses() {
        AtomicInteger passes = new AtomicInteger();
        try (BackgroundWork work = BackgroundWork.singleNode(clock)) {
            work.start();
            work.schedule("t", Duration.ofMillis(5), now -> passes.incrementAndGet());
            await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 3);
        }
    }

    @Test
    void passesOfOneTaskNeverOverlapAndAWakeDuringAPassGivesOneMore() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (BackgroundWork work = new BackgroundWork(clock, TaskGate.ALWAYS, 4)) {
            BackgroundWork.Registration r = work.schedule("t", LONG, now -> {
                int n = inside.incrementAndGet();
                maxInside.accumulateAndGet(n, Math::max);
                firstStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                passes.incrementAndGet();
                inside.decrementAndGet();
            });
            work.start();
            r.wake();
            assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
            r.wake();
            r.wake();
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 2);
            assertThat(maxInside).hasValue(1);
        }
    }

    @Test
    void theGateDecidesAndAFailingPassDoesNotStopTheTask() {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger passes = new AtomicInteger();
        TaskGate everyOther = task -> asked.incrementAndGet() % 2 == 0;
        try (BackgroundWork work = new BackgroundWork(clock, everyOther, 1)) {
            work.start();
            work.schedule("t", Duration.ofMillis(5), now -> {
                passes.incrementAndGet();
                throw new IllegalStateException("boom");
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 3);
            assertThat(asked.get()).isGreaterThanOrEqualTo(2 * passes.get() - 1);
        }
    }

    @Test
    void cancelStopsFurtherPasses() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        try (BackgroundWork work = BackgroundWork.singleNode(clock)) {
            work.start();
            BackgroundWork.Registration r = work.schedule("t", Duration.ofMillis(2), now -> passes.incrementAndGet());
            await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 1);
            r.cancel();
            int after = passes.get();
            r.wake();
            // a pass already handed to a thread when cancel ran may still finish: allow one
            CountDownLatch never = new CountDownLatch(1);
            assertThat(never.await(50, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(passes.get()).isBetween(after, after + 1);
        }
    }
}
