package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.ConflictException;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.Transaction;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The in-process sequencer's watermark and cuts, and the in-process commit signal. */
class WatermarkSequencerTest {
    private final MemoryStore store = new MemoryStore();

    /** A cut that writes nothing and decides by {@code decide}. */
    static ShardSequencer.Plan plan(LongFunction<ShardSequencer.Cut> decide) {
        return new ShardSequencer.Plan() {
            @Override
            public ShardSequencer.Cut plan(Transaction tx, long last) {
                return decide.apply(last);
            }

            @Override
            public void apply(ShardSequencer.Cut cut) {}
        };
    }

    @Test
    void theWatermarkWaitsForTheLowestNumberInFlight() {
        WatermarkSequencer seq = new WatermarkSequencer(100, false);
        assertThat(seq.visible()).isEqualTo(100);
        long a = seq.assign(null);
        long b = seq.assign(null);
        long c = seq.assign(null);
        assertThat(new long[] {a, b, c}).containsExactly(101, 102, 103);
        assertThat(seq.resolve(b, true)).isFalse();
        assertThat(seq.resolve(c, true)).isFalse();
        assertThat(seq.visible()).isEqualTo(100);
        assertThat(seq.resolve(a, true)).isTrue();
        assertThat(seq.visible()).isEqualTo(103);
        assertThat(seq.resolve(a, true)).as("resolving again changes nothing").isFalse();
    }

    @Test
    void aCutEndsTheShardAtOrAboveTheLastNumberAndMaySeal() {
        WatermarkSequencer seq = new WatermarkSequencer(10, false);
        long inFlight = seq.assign(null);
        assertThat(seq.cut(store, plan(last -> null))).isFalse();
        assertThat(seq.cut(store, plan(last -> {
                    assertThat(last).isEqualTo(11);
                    return new ShardSequencer.Cut(12, false);
                })))
                .isTrue();
        assertThat(seq.visible()).as("11 is still in flight").isEqualTo(10);
        assertThat(seq.assign(null)).isEqualTo(13);
        assertThatThrownBy(() -> seq.cut(store, plan(last -> new ShardSequencer.Cut(last - 1, false))))
                .isInstanceOf(IllegalArgumentException.class);
        seq.resolve(inFlight, true);
        seq.cut(store, plan(last -> new ShardSequencer.Cut(last, true)));
        assertThatThrownBy(() -> seq.assign(null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> new WatermarkSequencer(5, true).assign(null)).isInstanceOf(ConflictException.class);
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
