package dev.eddy.mapping.shard;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.eddy.testkit.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A processor with a manual clock and short-hands for records and expected steps. */
final class Fixture {
    static final Instant T0 = Instant.parse("2025-02-22T03:00:00Z");

    final ManualClock clock = new ManualClock(T0);
    final ShardProcessor processor;

    Fixture(ShardSettings settings) {
        this.processor = new ShardProcessor(settings, null);
    }

    static ShardRecord rec(long seq, int key) {
        return new ShardRecord(seq, "s" + seq, key, T0, 100, false);
    }

    static ShardRecord rec(long seq, int key, Instant created, long bytes) {
        return new ShardRecord(seq, "s" + seq, key, created, bytes, false);
    }

    static List<ShardRecord> recs(long from, long to) {
        List<ShardRecord> list = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            list.add(rec(s, 0));
        }
        return list;
    }

    Step poll() {
        return processor.poll(clock.instant());
    }

    /** Answers the expected Read with {@code records}. */
    void feed(List<ShardRecord> records) {
        assertInstanceOf(Step.Read.class, poll());
        processor.onRecords(records, clock.instant());
    }

    Batch invoke() {
        return assertInstanceOf(Step.Invoke.class, poll()).batch();
    }

    void outcome(Batch batch, InvokeOutcome outcome) {
        processor.onInvoked(batch.id(), outcome, clock.instant());
    }

    long checkpoint() {
        return assertInstanceOf(Step.Checkpoint.class, poll()).sequence();
    }

    static List<Long> seqs(Batch batch) {
        return batch.records().stream().map(ShardRecord::sequence).toList();
    }

    static InvokeOutcome error() {
        return new InvokeOutcome.FunctionError("Unhandled");
    }
}
