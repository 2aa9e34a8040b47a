package dev.eddy.mapping.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.testkit.Gen;
import dev.eddy.testkit.Seeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Spec 4.4 with 4.6 to 4.8: under random outcomes and random completion order, the checkpoint never
 * passes a record that is not finished, a lane has one batch in flight, the first deliveries of a
 * key are in order, and a closed shard ends with everything done.
 */
class LaneCheckpointPropertyTest {

    @Test
    void spec44_theCheckpointNeverPassesAnUnfinishedRecordAndKeysStayInOrder() {
        Seeded.forAll(300, (Gen<Long>) SplittableRandom::nextLong, seed -> new Run(new SplittableRandom(seed)).run());
    }

    private static final class Run {
        final SplittableRandom random;
        final ShardSettings settings;
        final List<ShardRecord> records = new ArrayList<>();
        final Set<Long> finished = new HashSet<>();
        final Set<Long> invoked = new HashSet<>();
        final Map<Integer, Long> lastFirstDelivery = new HashMap<>();
        final Map<Long, Batch> inFlight = new HashMap<>();
        final Set<Integer> busyLanes = new HashSet<>();
        Instant now = Fixture.T0;
        int fed;
        long checkpoint = -1;

        Run(SplittableRandom random) {
            this.random = random;
            this.settings = ShardSettings.defaults()
                    .withBatchSize(1 + random.nextInt(5))
                    .withParallelizationFactor(1 + random.nextInt(10))
                    .withFailureHandling(random.nextInt(4), -1, true)
                    .withResponseHandling(random.nextBoolean(), random.nextBoolean());
            int count = 1 + random.nextInt(60);
            for (int i = 1; i <= count; i++) {
                boolean filtered = random.nextInt(8) == 0;
                records.add(new ShardRecord(i * 10L, "s" + i * 10, random.nextInt(6), now, 10, filtered));
            }
        }

        void run() {
            ShardProcessor processor = new ShardProcessor(settings, null);
            for (int i = 0; i < 100_000; i++) {
                if (random.nextInt(3) == 0 && !inFlight.isEmpty()) {
                    complete(processor);
                    continue;
                }
                Step step = processor.poll(now);
                switch (step) {
                    case Step.Read read -> read(processor, read);
                    case Step.Invoke invoke -> start(invoke.batch());
                    case Step.Checkpoint c -> checkpoint(c.sequence());
                    case Step.Deliver d -> d.failed().records().forEach(r -> finished.add(r.sequence()));
                    case Step.Wait w -> waitFor(processor);
                    case Step.ShardEnded e -> {
                        assertEquals(records.getLast().sequence(), checkpoint);
                        return;
                    }
                    case Step.ShutDown s -> throw new AssertionError("no shutdown was asked");
                }
            }
            throw new AssertionError("the shard never ended");
        }

        void read(ShardProcessor processor, Step.Read read) {
            if (fed == records.size()) {
                processor.onShardEnd();
                return;
            }
            int n = Math.min(Math.min(read.maxRecords(), 1 + random.nextInt(10)), records.size() - fed);
            List<ShardRecord> chunk = records.subList(fed, fed + n);
            fed += n;
            chunk.stream().filter(ShardRecord::filteredOut).forEach(r -> finished.add(r.sequence()));
            processor.onRecords(chunk, now);
        }

        void start(Batch batch) {
            assertTrue(busyLanes.add(batch.lane()), "two batches in flight on lane " + batch.lane());
            for (ShardRecord r : batch.records()) {
                if (invoked.add(r.sequence())) {
                    Long last = lastFirstDelivery.put(r.keyHash(), r.sequence());
                    assertTrue(last == null || last < r.sequence(), "key " + r.keyHash() + " out of order");
                }
            }
            inFlight.put(batch.id(), batch);
        }

        void complete(ShardProcessor processor) {
            List<Long> ids = new ArrayList<>(inFlight.keySet());
            Batch batch = inFlight.remove(ids.get(random.nextInt(ids.size())));
            busyLanes.remove(batch.lane());
            List<ShardRecord> rs = batch.records();
            int pick = random.nextInt(10);
            InvokeOutcome outcome;
            if (pick < 6) {
                outcome = InvokeOutcome.Returned.ok();
                rs.forEach(r -> finished.add(r.sequence()));
            } else if (pick < 7) {
                outcome = new InvokeOutcome.NotInvoked("throttled");
            } else if (pick < 9 || !settings.reportBatchItemFailures()) {
                outcome = new InvokeOutcome.FunctionError("Unhandled");
            } else {
                int from = random.nextInt(rs.size());
                outcome = new InvokeOutcome.Returned(List.of(rs.get(from).id()), null);
                rs.subList(0, from).forEach(r -> finished.add(r.sequence()));
            }
            processor.onInvoked(batch.id(), outcome, now);
        }

        void checkpoint(long sequence) {
            assertTrue(sequence > checkpoint, "the checkpoint went back");
            for (ShardRecord r : records) {
                if (r.sequence() <= sequence) {
                    assertTrue(finished.contains(r.sequence()), "checkpoint " + sequence + " passed " + r);
                }
            }
            checkpoint = sequence;
        }

        void waitFor(ShardProcessor processor) {
            if (!inFlight.isEmpty()) {
                complete(processor);
            } else {
                now = now.plus(Duration.ofSeconds(10));
                processor.onAppend();
            }
        }
    }
}
