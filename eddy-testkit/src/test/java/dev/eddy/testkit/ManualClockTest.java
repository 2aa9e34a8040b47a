package dev.eddy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private static final Instant START = Instant.parse("2026-01-02T03:04:05.678912Z");

    @Test
    void standsStillUntilMoved() {
        ManualClock clock = new ManualClock(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    }

    @Test
    void advancesByDurationsAndIsSetAnywhere() {
        ManualClock clock = new ManualClock(START);

        assertThat(clock.advance(Duration.ofMinutes(9))).isEqualTo(START.plusSeconds(540));
        assertThat(clock.advance(Duration.ofNanos(1)))
                .isEqualTo(START.plusSeconds(540).plusNanos(1));
        assertThat(clock.advance(Duration.ZERO)).isEqualTo(clock.instant());
        clock.set(START.minusSeconds(3600));
        assertThat(clock.instant()).isEqualTo(START.minusSeconds(3600));
    }

    @Test
    void refusesToAdvanceBackwards() {
        ManualClock clock = new ManualClock(START);

        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void concurrentAdvancesAllCount() throws Exception {
        ManualClock clock = new ManualClock(START);
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            CompletableFuture.allOf(IntStream.range(0, 1000)
                            .mapToObj(
                                    i -> CompletableFuture.runAsync(() -> clock.advance(Duration.ofMillis(1)), threads))
                            .toArray(CompletableFuture[]::new))
                    .get();
        }
        assertThat(clock.instant()).isEqualTo(START.plusMillis(1000));
    }
}
