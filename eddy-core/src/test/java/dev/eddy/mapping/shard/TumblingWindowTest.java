package dev.eddy.mapping.shard;

import static dev.eddy.mapping.shard.Fixture.T0;
import static dev.eddy.mapping.shard.Fixture.rec;
import static dev.eddy.mapping.shard.Fixture.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec 4.11: tumbling windows. */
class TumblingWindowTest {
    private static final ShardSettings WINDOWED = ShardSettings.defaults().withTumblingWindow(60);

    @Test
    void spec411_windowsAreAlignedToMultiplesOfTheirLength() {
        Instant at = Instant.parse("2020-07-30T17:03:12Z");
        assertEquals(Instant.parse("2020-07-30T17:00:00Z"), TumblingWindows.startOf(at, 300));
        assertEquals(Instant.parse("2020-07-30T17:03:00Z"), TumblingWindows.startOf(at, 60));
    }

    @Test
    void spec411_stateIsCarriedAndTheFinalInvokeReleasesTheCheckpoint() {
        Fixture f = new Fixture(WINDOWED.withBatchSize(1));
        f.feed(List.of(rec(1, 0, T0, 10), rec(2, 0, T0.plusSeconds(10), 10), rec(3, 0, T0.plusSeconds(61), 10)));
        Batch first = f.invoke();
        assertEquals(new Window(T0, T0.plusSeconds(60), null, false, false), first.window());
        f.outcome(first, new InvokeOutcome.Returned(null, "{\"1\":\"a\"}"));
        Batch second = f.invoke();
        assertEquals(List.of(2L), seqs(second));
        assertEquals("{\"1\":\"a\"}", second.window().state());
        f.outcome(second, new InvokeOutcome.Returned(null, "{\"1\":\"b\"}"));
        // record 3 belongs to the next window: the current one ends with a final invoke, no records
        Batch last = f.invoke();
        assertTrue(last.records().isEmpty());
        assertTrue(last.window().finalInvoke());
        assertFalse(last.window().terminatedEarly());
        assertEquals("{\"1\":\"b\"}", last.window().state());
        f.outcome(last, new InvokeOutcome.Returned(null, null));
        assertEquals(2, f.checkpoint(), "checkpointed only after the final invoke");
        Batch next = f.invoke();
        assertEquals(new Window(T0.plusSeconds(60), T0.plusSeconds(120), null, false, false), next.window());
    }

    @Test
    void spec411_noCheckpointBeforeTheFinalInvoke() {
        Fixture f = new Fixture(WINDOWED);
        f.feed(List.of(rec(1, 0, T0, 10)));
        f.outcome(f.invoke(), new InvokeOutcome.Returned(null, "{}"));
        assertInstanceOf(Step.Read.class, f.poll());
        f.processor.onRecords(List.of(), f.clock.instant());
        assertEquals(new Step.Wait(T0.plusSeconds(60)), f.poll());
        f.clock.advance(Duration.ofSeconds(60));
        Batch last = f.invoke();
        assertTrue(last.window().finalInvoke());
        f.outcome(last, InvokeOutcome.Returned.ok());
        assertEquals(1, f.checkpoint());
    }

    @Test
    void spec411_aResponseWithoutStateIsAFailedInvocation() {
        Fixture f = new Fixture(WINDOWED);
        f.feed(List.of(rec(1, 0, T0, 10)));
        Batch b = f.invoke();
        f.outcome(b, InvokeOutcome.Returned.ok());
        f.clock.advance(Duration.ofSeconds(1));
        Batch retry = f.invoke();
        assertEquals(seqs(b), seqs(retry));
        assertEquals(2, retry.invocation());
    }

    @Test
    void spec411_aStateOverOneMegabyteEndsTheWindowEarly() {
        Fixture f = new Fixture(WINDOWED);
        f.feed(List.of(rec(1, 0, T0, 10)));
        String big = "\"" + "x".repeat(TumblingWindows.STATE_LIMIT_BYTES) + "\"";
        f.outcome(f.invoke(), new InvokeOutcome.Returned(null, big));
        Batch last = f.invoke();
        assertTrue(last.window().finalInvoke());
        assertTrue(last.window().terminatedEarly());
    }

    @Test
    void spec411_whenTheShardEndsItsWindowCloses() {
        Fixture f = new Fixture(WINDOWED);
        f.feed(List.of(rec(1, 0, T0, 10)));
        f.outcome(f.invoke(), new InvokeOutcome.Returned(null, "{}"));
        assertInstanceOf(Step.Read.class, f.poll());
        f.processor.onShardEnd();
        Batch last = f.invoke();
        assertTrue(last.window().finalInvoke());
        f.outcome(last, InvokeOutcome.Returned.ok());
        assertEquals(1, f.checkpoint());
        assertInstanceOf(Step.ShardEnded.class, f.poll());
    }

    @Test
    void spec411_aBacklogOfAnEndedWindowIsSentBeforeItsOneFinalInvoke() {
        // the mapping starts long after the window's records were written: its end has passed
        Fixture f = new Fixture(WINDOWED.withBatchSize(1));
        f.clock.advance(Duration.ofSeconds(600));
        f.feed(List.of(rec(1, 0, T0, 10)));
        Batch first = f.invoke();
        f.outcome(first, new InvokeOutcome.Returned(null, "{\"n\":1}"));
        // more may be unread: read before closing the window
        f.feed(List.of(rec(2, 0, T0.plusSeconds(5), 10)));
        Batch second = f.invoke();
        assertFalse(second.window().finalInvoke());
        assertEquals(List.of(2L), seqs(second));
        assertEquals("{\"n\":1}", second.window().state());
        f.outcome(second, new InvokeOutcome.Returned(null, "{\"n\":2}"));
        f.feed(List.of());
        Batch last = f.invoke();
        assertTrue(last.window().finalInvoke());
        assertEquals("{\"n\":2}", last.window().state());
        f.outcome(last, InvokeOutcome.Returned.ok());
        assertEquals(2, f.checkpoint());
    }
}
