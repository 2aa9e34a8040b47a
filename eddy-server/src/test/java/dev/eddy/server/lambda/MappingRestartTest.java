package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.ServerConfig;
import dev.eddy.server.lambda.MappingHarness.Invocation;
import dev.eddy.server.lambda.MappingHarness.Table;
import dev.eddy.store.MemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A mapping on the durable store resumes after a restart from its checkpoint: what was done is not
 * sent again, the batch that was failing at shutdown is retried, and nothing after it is lost.
 */
class MappingRestartTest {

    @Test
    void processingResumesFromTheCheckpointAfterARestart(@TempDir Path data) {
        MappingHarness first = MappingHarness.start(ServerConfig.onDisk(data), 1);
        Table t;
        String uuid;
        String failing;
        try (first) {
            Assumptions.assumeFalse(
                    first.server.store() instanceof MemoryStore, "no durable store for a data directory");
            t = first.table();
            uuid = first.map(t, b -> b.batchSize(1));
            first.put(t, "r0");
            first.put(t, "r1");
            first.put(t, "r2");
            first.drain(uuid);
            first.put(t, "r3", "mode", "flaky", "failTimes", "1000000");
            first.put(t, "r4");
            List<Invocation> seen = Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> first.invocations(t), calls -> calls.size() >= 4);
            failing = seen.get(3).sequenceNumbers().getFirst();
            assertThat(seen.get(3).ids()).containsExactly("r3");
        }

        try (MappingHarness second = MappingHarness.reopen(ServerConfig.onDisk(data), first)) {
            assertThat(second.lambda.getEventSourceMapping(b -> b.uuid(uuid)).state())
                    .isEqualTo("Enabled");
            // the record stops failing: its count of failures reaches the limit
            second.ddb.putItem(b -> b.tableName(second.probeTable)
                    .item(Map.of(
                            "id", AttributeValue.fromS("seen#" + failing),
                            "seen", AttributeValue.fromN("1000000"))));
            second.put(t, "r5");
            second.drain(uuid);

            List<String> delivered =
                    second.batches(t).stream().map(List::getFirst).toList();
            assertThat(delivered.subList(0, 3)).containsExactly("r0", "r1", "r2");
            assertThat(delivered.subList(delivered.size() - 2, delivered.size()))
                    .containsExactly("r4", "r5");
            assertThat(delivered.subList(3, delivered.size() - 2))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .containsOnly("r3");
            assertThat(second.batches(t)).allSatisfy(b -> assertThat(b).hasSize(1));
        }
    }
}
