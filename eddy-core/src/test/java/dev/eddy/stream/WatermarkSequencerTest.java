package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.ConflictException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The in-process sequencer's watermark and cuts, and the in-process commit signal. */
class WatermarkSequencerTest {

    @Test
    void theWatermarkWaitsForTheLowestNumberInFlight() {
        WatermarkSequencer seq = new WatermarkSequencer(100, false);
        assertThat(seq.visible()).isEqualTo(100);
        long a = seq.assign();
        long b = seq.assign();
        long c = seq.assign();
        assertThat(new long[] {a, b, c}).containsExactly(101, 102, 103);
        assertThat(seq.resolve(b)).isFalse();
        assertThat(seq.resolve(c)).isFalse();
        assertThat(seq.visible()).isEqualTo(100);
        assertThat(seq.resolve(a)).isTrue();
        assertThat(seq.visible()).isEqualTo(103);
        assertThat(seq.resolve(a)).as("resolving again changes nothing").isFalse();
    }

    @Test
    void aCutEndsTheShardAtOrAboveTheLastNumberAndMaySeal() {
        WatermarkSequencer seq = new WatermarkSequencer(10, false);
        long inFlight = seq.assign();
        assertThat(seq.cut(last -> null)).isFalse();
        assertThat(seq.cut(last -> {
                    assertThat(last).isEqualTo(11);
                    return new ShardSequencer.Cut(12, false);
                }))
                .isTrue();
        assertThat(seq.visible()).as("11 is still in flight").isEqualTo(10);
        assertThat(seq.assign()).isEqualTo(13);
        assertThatThrownBy(() -> seq.cut(last -> new ShardSequencer.Cut(last - 1, false)))
                .isInstanceOf(IllegalArgumentException.class);
        seq.resolve(inFlight);
        seq.cut(last -> new ShardSequencer.Cut(last, true));
        assertThatThrownBy(seq::assign).isInstanceOf(ConflictException.class);
        assertThatThrownBy(new WatermarkSequencer(5, true)::assign).isInstanceOf(ConflictException.class);
    }

    @Test
    void aSignalWakesTheWaitersOfItsLineageOnly() {
        LocalCommitSignal signal = new LocalCommitSignal();
        signal.signal(1, 0); // nobody waits: nothing happens
        CompletableFuture<Void> first = signal.next(1, 0);
        CompletableFuture<Void> second = signal.next(1, 0);
        CompletableFuture<Void> otherPartition = signal.next(1, 1);
        CompletableFuture<Void> otherStream = signal.next(2, 0);
        first.cancel(false);
        assertThat(second).isNotDone();
        signal.signal(1, 0);
        assertThat(second).isCompleted();
        assertThat(otherPartition).isNotDone();
        assertThat(otherStream).isNotDone();
        CompletableFuture<Void> later = signal.next(1, 0);
        assertThat(later).as("only signals after next() count").isNotDone();
        signal.signal(1, 0);
        assertThat(later).isCompleted();
    }
}
