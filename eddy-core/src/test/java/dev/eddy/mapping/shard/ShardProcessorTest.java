package dev.eddy.mapping.shard;

import static dev.eddy.mapping.shard.Fixture.T0;
import static dev.eddy.mapping.shard.Fixture.error;
import static dev.eddy.mapping.shard.Fixture.rec;
import static dev.eddy.mapping.shard.Fixture.recs;
import static dev.eddy.mapping.shard.Fixture.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardProcessorTest {

    private static final ShardSettings DEFAULTS = ShardSettings.defaults();

    @Test
    void spec45_aBatchClosesAtBatchSize() {
        Fixture f = new Fixture(DEFAULTS.withBatchSize(2));
        assertEquals(ShardProcessor.State.INITIALIZING, f.processor.state());
        f.feed(recs(1, 5));
        assertEquals(List.of(1L, 2L), seqs(f.invoke()));
    }

    @Test
    void spec45_withoutWindowOneRecordIsSentAtOnce() {
        Fixture f = new Fixture(DEFAULTS);
        f.feed(recs(1, 1));
        Batch b = f.invoke();
        assertEquals(List.of(1L), seqs(b));
        assertEquals(1, b.invocation());
        assertNull(b.window());
    }

    @Test
    void spec45_theBatchingWindowStartsWithTheFirstRecord() {
        Fixture f = new Fixture(DEFAULTS.withBatchingWindow(5));
        f.feed(recs(1, 1));
        f.processor.onRecords(List.of(), f.clock.instant());
        assertEquals(new Step.Wait(T0.plusSeconds(5)), f.poll());
        f.clock.advance(Duration.ofSeconds(2));
        f.processor.onAppend();
        f.feed(List.of(rec(2, 0)));
        f.processor.onRecords(List.of(), f.clock.instant());
        assertEquals(new Step.Wait(T0.plusSeconds(5)), f.poll());
        f.clock.advance(Duration.ofSeconds(3));
        assertEquals(List.of(1L, 2L), seqs(f.invoke()));
    }

    @Test
    void spec45_aFullBatchDoesNotWaitForTheWindow() {
        Fixture f = new Fixture(DEFAULTS.withBatchSize(3).withBatchingWindow(300));
        f.feed(recs(1, 3));
        assertEquals(List.of(1L, 2L, 3L), seqs(f.invoke()));
    }

    @Test
    void spec45_aBatchClosesBeforeARecordThatWouldPassThePayloadCap() {
        Fixture f = new Fixture(DEFAULTS.withPayloadLimit(250));
        f.feed(List.of(rec(1, 0, T0, 100), rec(2, 0, T0, 100), rec(3, 0, T0, 100), rec(4, 0, T0, 400)));
        Batch first = f.invoke();
        assertEquals(List.of(1L, 2L), seqs(first));
        f.outcome(first, InvokeOutcome.Returned.ok());
        assertEquals(2, f.checkpoint());
        Batch second = f.invoke();
        assertEquals(List.of(3L), seqs(second));
        f.outcome(second, InvokeOutcome.Returned.ok());
        f.checkpoint();
        // Choice: a record larger than the cap alone goes alone; the invoke reports it
        assertEquals(List.of(4L), seqs(f.invoke()));
    }

    @Test
    void spec46_successCheckpointsAfterTheLastRecordOfTheBatch() {
        Fixture f = new Fixture(DEFAULTS);
        f.feed(recs(1, 3));
        Batch b = f.invoke();
        assertEquals(ShardProcessor.State.DISPATCHING, f.processor.state());
        f.outcome(b, InvokeOutcome.Returned.ok());
        assertEquals(new Step.Checkpoint(3, "s3"), f.poll());
        assertInstanceOf(Step.Read.class, f.poll());
    }

    @Test
    void spec46_aFailingBatchIsRetriedWithBackoffUntilRetriesAreExhausted() {
        Fixture f = new Fixture(DEFAULTS.withFailureHandling(1, -1, true));
        f.feed(recs(1, 2));
        Batch b = f.invoke();
        f.outcome(b, error());
        assertEquals(ShardProcessor.State.RETRYING, f.processor.state());
        Step wait = f.poll();
        assertInstanceOf(Step.Read.class, wait, "reading goes on while the batch backs off");
        f.processor.onRecords(List.of(), f.clock.instant());
        Step.Wait backoff = assertInstanceOf(Step.Wait.class, f.poll());
        assertTrue(backoff.until().isAfter(T0));
        f.clock.set(backoff.until());
        Batch retry = f.invoke();
        assertEquals(seqs(b), seqs(retry));
        assertEquals(2, retry.invocation());
        f.outcome(retry, error());
        Step.Deliver deliver = assertInstanceOf(Step.Deliver.class, f.poll());
        FailedBatch failed = deliver.failed();
        assertEquals(FailedBatch.Condition.RetryAttemptsExhausted, failed.condition());
        assertEquals(2, failed.approximateInvokeCount(), "rec: Max=1 -> approximateInvokeCount 2");
        assertTrue(failed.invoked());
        assertEquals("Unhandled", failed.functionError());
        assertEquals(2, f.checkpoint());
        ShardMetrics m = f.processor.metrics();
        assertEquals(4, m.failedInvokeEventCount());
        assertEquals(2, m.droppedEventCount());
        assertEquals(2, m.onFailureDestinationDeliveredEventCount());
    }

    @Test
    void spec46_withoutDestinationExhaustedRecordsAreDroppedAndCheckpointed() {
        Fixture f = new Fixture(DEFAULTS.withFailureHandling(0, -1, false));
        f.feed(recs(1, 1));
        f.outcome(f.invoke(), error());
        assertEquals(1, f.checkpoint());
        assertEquals(1, f.processor.metrics().droppedEventCount());
        assertEquals(0, f.processor.metrics().onFailureDestinationDeliveredEventCount());
    }

    @Test
    void spec46_aFailingBatchBlocksItsLane() {
        Fixture f = new Fixture(DEFAULTS.withBatchSize(1).withFailureHandling(-1, -1, false));
        f.feed(recs(1, 2));
        Batch b = f.invoke();
        f.outcome(b, error());
        for (int i = 0; i < 5; i++) {
            f.clock.advance(Duration.ofMinutes(1));
            Batch again = f.invoke();
            assertEquals(List.of(1L), seqs(again), "record 2 never overtakes the failing record 1");
            f.outcome(again, error());
        }
        assertInstanceOf(Step.Read.class, f.poll());
    }

    @Test
    void spec44_aThrottleIsNotAFailedAttempt() {
        Fixture f = new Fixture(DEFAULTS.withFailureHandling(0, -1, true));
        f.feed(recs(1, 1));
        for (int i = 0; i < 3; i++) {
            Batch b = f.invoke();
            assertEquals(1, b.invocation());
            f.outcome(b, new InvokeOutcome.NotInvoked("TooManyRequestsException"));
            f.clock.advance(Duration.ofMinutes(1));
        }
        f.outcome(f.invoke(), error());
        FailedBatch failed = assertInstanceOf(Step.Deliver.class, f.poll()).failed();
        assertEquals(1, failed.approximateInvokeCount());
        assertEquals(4, f.processor.metrics().failedInvokeEventCount());
    }

    @Test
    void spec46_andSpec49_recordsOlderThanMaximumRecordAgeGoBeforeAnyInvocation() {
        Fixture f = new Fixture(DEFAULTS.withFailureHandling(-1, 60, true));
        f.feed(List.of(rec(1, 0, T0.minusSeconds(61), 10)));
        FailedBatch failed = assertInstanceOf(Step.Deliver.class, f.poll()).failed();
        assertEquals(FailedBatch.Condition.RecordAgeExceeded, failed.condition());
        assertEquals(1, failed.approximateInvokeCount());
        assertFalse(failed.invoked(), "no responseContext when never invoked");
        assertEquals(1, f.checkpoint());
    }

    @Test
    void spec46_aRetriedBatchStopsWhenItsOldestRecordPassesMaximumRecordAge() {
        Fixture f = new Fixture(DEFAULTS.withFailureHandling(-1, 60, true));
        f.feed(recs(1, 2));
        f.outcome(f.invoke(), error());
        f.clock.advance(Duration.ofSeconds(61));
        FailedBatch failed = assertInstanceOf(Step.Deliver.class, f.poll()).failed();
        assertEquals(FailedBatch.Condition.RecordAgeExceeded, failed.condition());
        assertEquals(1, failed.approximateInvokeCount());
        assertTrue(failed.invoked());
    }

    @Test
    void spec46_recordsLeavingRetentionAreGivenUp() {
        Fixture f = new Fixture(DEFAULTS.withFailureHandling(-1, -1, false));
        f.feed(recs(1, 1));
        f.outcome(f.invoke(), error());
        f.clock.advance(Duration.ofHours(24));
        assertEquals(1, f.checkpoint());
        assertEquals(1, f.processor.metrics().droppedEventCount());
    }

    @Test
    void spec47_bisectSplitsAFunctionErrorFirstHalfFirstWithoutUsingRetries() {
        Fixture f = new Fixture(DEFAULTS.withFailureHandling(0, -1, true).withResponseHandling(true, false));
        f.feed(recs(1, 4));
        f.outcome(f.invoke(), error());
        assertEquals(ShardProcessor.State.BISECTING, f.processor.state());
        Batch firstHalf = f.invoke();
        assertEquals(List.of(1L, 2L), seqs(firstHalf));
        f.outcome(firstHalf, InvokeOutcome.Returned.ok());
        assertEquals(2, f.checkpoint());
        Batch secondHalf = f.invoke();
        assertEquals(List.of(3L, 4L), seqs(secondHalf));
        f.outcome(secondHalf, error());
        Batch three = f.invoke();
        assertEquals(List.of(3L), seqs(three));
        f.outcome(three, InvokeOutcome.Returned.ok());
        assertEquals(3, f.checkpoint());
        Batch four = f.invoke();
        assertEquals(List.of(4L), seqs(four));
        f.outcome(four, error());
        FailedBatch failed = assertInstanceOf(Step.Deliver.class, f.poll()).failed();
        assertEquals(
                List.of(4L),
                failed.records().stream().map(ShardRecord::sequence).toList());
        assertEquals(4, f.checkpoint());
    }

    @Test
    void spec48_aPartialFailureCheckpointsBeforeTheLowestReportedRecordAndRetriesFromIt() {
        Fixture f = new Fixture(DEFAULTS.withFailureHandling(0, -1, true).withResponseHandling(false, true));
        f.feed(recs(1, 3));
        Batch b = f.invoke();
        f.outcome(b, new InvokeOutcome.Returned(List.of("s3", "s2"), null));
        // retries 0: the suffix from the lowest reported record goes to the destination at once
        FailedBatch failed = assertInstanceOf(Step.Deliver.class, f.poll()).failed();
        assertEquals(
                List.of(2L, 3L),
                failed.records().stream().map(ShardRecord::sequence).toList());
        assertNull(failed.functionError(), "rec: functionError null after a response-driven failure");
        assertEquals(3, f.checkpoint());
    }

    @Test
    void spec48_theFailingSuffixIsRetried() {
        Fixture f = new Fixture(DEFAULTS.withResponseHandling(false, true));
        f.feed(recs(1, 3));
        f.outcome(f.invoke(), new InvokeOutcome.Returned(List.of("s3"), null));
        assertEquals(2, f.checkpoint());
        f.clock.advance(Duration.ofSeconds(10));
        Batch retry = f.invoke();
        assertEquals(List.of(3L), seqs(retry));
        f.outcome(retry, new InvokeOutcome.Returned(List.of(), null));
        assertEquals(3, f.checkpoint());
    }

    @Test
    void spec48_withoutTheSettingTheResponseIsIgnored() {
        Fixture f = new Fixture(DEFAULTS);
        f.feed(recs(1, 2));
        f.outcome(f.invoke(), new InvokeOutcome.Returned(List.of("s1"), null));
        assertEquals(2, f.checkpoint());
    }

    @Test
    void spec48_anInvalidIdentifierFailsTheWholeBatch() {
        Fixture f = new Fixture(DEFAULTS.withFailureHandling(3, -1, true).withResponseHandling(false, true));
        f.feed(recs(1, 1));
        for (int i = 1; i <= 4; i++) {
            Batch b = f.invoke();
            assertEquals(i, b.invocation());
            f.outcome(b, new InvokeOutcome.Returned(List.of("123"), null));
            f.clock.advance(Duration.ofMinutes(1));
        }
        FailedBatch failed = assertInstanceOf(Step.Deliver.class, f.poll()).failed();
        assertEquals(4, failed.approximateInvokeCount(), "rec: 123 with a one-record batch, 4 invocations");
    }

    @Test
    void spec410_filteredOutRecordsAdvanceTheCheckpointAndAreCounted() {
        Fixture f = new Fixture(DEFAULTS);
        ShardRecord kept = rec(2, 0);
        f.feed(List.of(filtered(1), kept, filtered(3)));
        assertEquals(1, f.checkpoint());
        Batch b = f.invoke();
        assertEquals(List.of(2L), seqs(b));
        f.outcome(b, InvokeOutcome.Returned.ok());
        assertEquals(3, f.checkpoint());
        assertEquals(3, f.processor.metrics().polledEventCount());
        assertEquals(2, f.processor.metrics().filteredOutEventCount());
    }

    @Test
    void spec410_anEntirelyFilteredBatchInvokesNothing() {
        Fixture f = new Fixture(DEFAULTS);
        f.feed(List.of(filtered(1), filtered(2)));
        assertEquals(2, f.checkpoint());
        assertInstanceOf(Step.Read.class, f.poll());
    }

    @Test
    void spec44_lanesKeepKeysTogetherAndTheCheckpointWaitsForTheSlowestLane() {
        Fixture f = new Fixture(DEFAULTS.withParallelizationFactor(2));
        f.feed(List.of(rec(1, 0), rec(2, 1), rec(3, 0), rec(4, 1)));
        Batch lane0 = f.invoke();
        Batch lane1 = f.invoke();
        assertEquals(List.of(1L, 3L), seqs(lane0));
        assertEquals(List.of(2L, 4L), seqs(lane1));
        f.outcome(lane1, InvokeOutcome.Returned.ok());
        assertInstanceOf(Step.Read.class, f.poll(), "no checkpoint while record 1 is in flight");
        f.outcome(lane0, InvokeOutcome.Returned.ok());
        assertEquals(4, f.checkpoint());
    }

    @Test
    void spec44_atMostOneBatchPerLaneInFlight() {
        Fixture f = new Fixture(DEFAULTS.withBatchSize(1));
        f.feed(recs(1, 3));
        f.invoke();
        assertInstanceOf(Step.Wait.class, f.poll());
    }

    @Test
    void spec24_aClosedShardIsDrainedThenEnds() {
        Fixture f = new Fixture(DEFAULTS.withBatchingWindow(300));
        f.feed(recs(1, 2));
        assertInstanceOf(Step.Read.class, f.poll());
        f.processor.onShardEnd();
        Batch b = f.invoke();
        f.outcome(b, InvokeOutcome.Returned.ok());
        assertEquals(2, f.checkpoint());
        assertInstanceOf(Step.ShardEnded.class, f.poll());
        assertEquals(ShardProcessor.State.SHARD_END, f.processor.state());
    }

    @Test
    void spec412_shutdownWaitsForTheBatchInFlight() {
        Fixture f = new Fixture(DEFAULTS);
        f.feed(recs(1, 1));
        Batch b = f.invoke();
        f.processor.shutdown();
        assertEquals(new Step.Wait(null), f.poll());
        f.outcome(b, InvokeOutcome.Returned.ok());
        assertEquals(1, f.checkpoint());
        assertInstanceOf(Step.ShutDown.class, f.poll());
        assertThrows(IllegalArgumentException.class, () -> f.outcome(b, InvokeOutcome.Returned.ok()));
    }

    @Test
    void spec6_iteratorAgeIsTheAgeOfTheLastRecordWhenInvoked() {
        Fixture f = new Fixture(DEFAULTS);
        f.clock.advance(Duration.ofMillis(250));
        f.feed(recs(1, 2));
        f.invoke();
        assertEquals(Duration.ofMillis(250), f.processor.metrics().iteratorAge());
    }

    private static ShardRecord filtered(long seq) {
        return new ShardRecord(seq, "s" + seq, 0, T0, 10, true);
    }
}
