package dev.eddy.mapping.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.MemoryStore;
import dev.eddy.store.StoreException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditional checkpoint writes per (mapping, shard), their removal, and their frozen bytes. */
class StoredCheckpointsTest {

    @Test
    void aWriteSucceedsOnlyOverTheCheckpointItRead() {
        try (MemoryStore store = new MemoryStore()) {
            CheckpointStore c = new StoredCheckpoints(store);
            Checkpoint first = new Checkpoint(10, false);
            assertThat(c.read("m", "s1")).isEmpty();
            assertThat(c.compareAndSet("m", "s1", null, first)).isTrue();
            assertThat(c.compareAndSet("m", "s1", null, new Checkpoint(99, false)))
                    .isFalse();
            Checkpoint second = new Checkpoint(20, true);
            assertThat(c.compareAndSet("m", "s1", new Checkpoint(11, false), second))
                    .isFalse();
            assertThat(c.compareAndSet("m", "s1", first, second)).isTrue();
            assertThat(c.read("m", "s1")).contains(second);
        }
    }

    @Test
    void removingAMappingsCheckpointsLeavesOtherMappingsAlone() {
        try (MemoryStore store = new MemoryStore()) {
            CheckpointStore c = new StoredCheckpoints(store);
            c.compareAndSet("m1", "a", null, new Checkpoint(1, false));
            c.compareAndSet("m1", "b", null, new Checkpoint(2, true));
            c.compareAndSet("m2", "a", null, new Checkpoint(3, false));
            assertThat(c.readAll("m1")).isEqualTo(Map.of("a", new Checkpoint(1, false), "b", new Checkpoint(2, true)));
            c.removeAll("m1");
            assertThat(c.readAll("m1")).isEmpty();
            assertThat(c.readAll("m2")).containsOnlyKeys("a");
        }
    }

    @Test
    void formatOneIsFrozen() {
        String golden = "01000000000000012c01";
        assertThat(HexFormat.of().formatHex(StoredCheckpoints.encode(new Checkpoint(300, true))))
                .isEqualTo(golden);
        assertThat(StoredCheckpoints.decode(HexFormat.of().parseHex(golden))).isEqualTo(new Checkpoint(300, true));
        assertThatThrownBy(() -> StoredCheckpoints.decode(new byte[] {2, 0})).isInstanceOf(StoreException.class);
    }
}
