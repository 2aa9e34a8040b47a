package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.lambda.MappingHarness.Table;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * What happens to processing when the mapping or its function changes (spec 4.12): pausing and
 * resuming, updates, deleting the mapping, deleting and recreating the function.
 */
class MappingLifecycleTest {
    private static final MappingHarness h = MappingHarness.shared();

    @Test
    void disablingPausesAndEnablingResumesWithoutLossOrReplay() {
        Table t = h.table();
        String uuid = h.map(t, b -> b.batchSize(10));
        h.put(t, "a0");
        h.put(t, "a1");
        h.drain(uuid);

        h.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
        Mappings.awaitState(h.lambda, uuid, "Disabled");
        // a disabled mapping keeps no shard worker: nothing reads the records written meanwhile
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> h.status(uuid).get("Shards").isEmpty());
        h.put(t, "b0");
        h.put(t, "b1");
        h.put(t, "b2");
        assertThat(h.status(uuid).get("Shards")).isEmpty();
        assertThat(h.batches(t).stream().flatMap(List::stream)).containsExactly("a0", "a1");

        h.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
        Mappings.awaitState(h.lambda, uuid, "Enabled");
        h.drain(uuid);
        assertThat(h.batches(t).stream().flatMap(List::stream)).containsExactly("a0", "a1", "b0", "b1", "b2");
        assertThat(h.batches(t).getLast()).containsExactly("b0", "b1", "b2");
    }

    @Test
    void anUpdatedBatchSizeAppliesFromTheKeptPosition() {
        Table t = h.table();
        String uuid = h.map(t, b -> b.batchSize(1));
        h.put(t, "x0");
        h.drain(uuid);
        // a mapping can deliver before its state leaves Creating, which refuses updates
        Mappings.awaitState(h.lambda, uuid, "Enabled");

        h.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
        Mappings.awaitState(h.lambda, uuid, "Disabled");
        for (int i = 0; i < 5; i++) {
            h.put(t, "y" + i);
        }
        h.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true).batchSize(3));
        Mappings.awaitState(h.lambda, uuid, "Enabled");
        h.drain(uuid);
        assertThat(h.batches(t)).containsExactly(List.of("x0"), List.of("y0", "y1", "y2"), List.of("y3", "y4"));

        // an update of a running mapping: the new window and size apply to what comes next
        h.lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(2).maximumBatchingWindowInSeconds(2));
        Mappings.awaitState(h.lambda, uuid, "Enabled");
        for (int i = 0; i < 4; i++) {
            h.put(t, "z" + i);
        }
        h.drain(uuid);
        assertThat(h.batches(t)).hasSize(5).endsWith(List.of("z0", "z1"), List.of("z2", "z3"));
    }

    @Test
    void aDeletedMappingInvokesNoMore() {
        Table t = h.table();
        String uuid = h.map(t, b -> b.batchSize(10));
        h.put(t, "c0");
        h.drain(uuid);

        h.lambda.deleteEventSourceMapping(b -> b.uuid(uuid));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThatThrownBy(() -> h.lambda.getEventSourceMapping(b -> b.uuid(uuid)))
                        .isInstanceOf(ResourceNotFoundException.class));
        // a new mapping of the same pair from LATEST: had the old one gone on, c1 would come twice
        String again = h.map(t, b -> b.startingPosition(EventSourcePosition.LATEST));
        h.put(t, "c1");
        h.drain(again);
        assertThat(h.batches(t)).containsExactly(List.of("c0"), List.of("c1"));
    }

    @Test
    void deletingTheFunctionStallsTheMappingUntilTheFunctionIsBack() {
        String fn = h.deployProbe(TestNames.unique("gone"));
        Table t = h.table();
        String uuid = h.map(fn, t, b -> b.maximumRetryAttempts(0));
        h.put(t, "d0");
        h.drain(uuid);
        assertThat(h.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
                .isEqualTo("OK");

        h.lambda.deleteFunction(b -> b.functionName(fn));
        h.put(t, "d1");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> h.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult(),
                        r -> r.startsWith("PROBLEM: Function not found"));
        var mapping = h.lambda.getEventSourceMapping(b -> b.uuid(uuid));
        assertThat(mapping.state()).isEqualTo("Enabled");
        assertThat(mapping.functionArn()).endsWith(":function:" + fn);
        assertThat(h.tryDrain(uuid, 0)).isFalse();

        // a missing function is no failed attempt: with no retries allowed, d1 still waits for it
        h.deployProbe(fn);
        h.drain(uuid);
        assertThat(h.batches(t)).containsExactly(List.of("d0"), List.of("d1"));
        assertThat(h.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
                .isEqualTo("OK");
    }
}
