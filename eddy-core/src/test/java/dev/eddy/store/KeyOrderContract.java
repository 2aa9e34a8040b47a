package dev.eddy.store;

import static dev.eddy.store.StoreContractTest.EVERYTHING;
import static dev.eddy.store.StoreContractTest.TOP;
import static dev.eddy.store.StoreContractTest.b;
import static dev.eddy.store.StoreContractTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One ordered key space, as every {@link Store} backend keeps it: unsigned byte order, and no read
 * that shows where a backend keeps some keyspaces apart. Part of {@link StoreContractTest}.
 */
interface KeyOrderContract extends StoreAccess {

    @Test
    default void binaryKeysSortInUnsignedByteOrder() {
        List<byte[]> ascending = List.of(
                bytes(),
                bytes(0x00),
                bytes(0x00, 0x00),
                bytes(0x00, 0xFF),
                bytes(0x01),
                bytes(0x7F),
                bytes(0x80),
                bytes(0xFE, 0xFF),
                bytes(0xFF),
                bytes(0xFF, 0x00),
                bytes(0xFF, 0xFF));
        store().run(tx -> {
            // insert in reverse so that insertion order cannot pass for key order
            for (int i = ascending.size() - 1; i >= 0; i--) {
                tx.put(ascending.get(i), bytes(i));
            }
            return null;
        });
        try (ReadView view = store().snapshot()) {
            List<KeyValue> forward = view.scan(EVERYTHING, 0, false);
            assertThat(forward).hasSize(ascending.size());
            for (int i = 0; i < ascending.size(); i++) {
                assertThat(forward.get(i).key()).isEqualTo(ascending.get(i));
                assertThat(forward.get(i).value()).isEqualTo(bytes(i));
                assertThat(view.get(ascending.get(i))).isEqualTo(bytes(i));
            }
            List<KeyValue> backward = view.scan(EVERYTHING, 0, true);
            for (int i = 0; i < ascending.size(); i++) {
                assertThat(backward.get(i).key()).isEqualTo(ascending.get(ascending.size() - 1 - i));
            }
            assertThat(view.scan(new KeyRange(new byte[0], TOP), 0, true)).hasSize(ascending.size());
            assertThat(view.scan(new KeyRange(bytes(0xFF), null), 2, false))
                    .extracting(KeyValue::key)
                    .containsExactly(bytes(0xFF), bytes(0xFF, 0x00));
            List<KeyValue> zeros = view.scan(KeyRange.prefix(bytes(0x00)), 0, false);
            assertThat(zeros)
                    .extracting(KeyValue::key)
                    .containsExactly(bytes(0x00), bytes(0x00, 0x00), bytes(0x00, 0xFF));
            List<KeyValue> ffs = view.scan(KeyRange.prefix(bytes(0xFF)), 0, true);
            assertThat(ffs)
                    .extracting(KeyValue::key)
                    .containsExactly(bytes(0xFF, 0xFF), bytes(0xFF, 0x00), bytes(0xFF));
        }
    }

    /**
     * Keys of every keyspace, read together: backends may keep some keyspaces apart (RocksDB
     * gives stream records a column family of their own), which must not show in any read.
     */
    @Test
    default void keysOfEveryKeyspaceReadAsOneOrderedStore() {
        List<byte[]> ascending = new ArrayList<>();
        for (Keyspace k : Keyspace.values()) {
            int p = k.prefix() & 0xFF;
            ascending.add(bytes(p));
            ascending.add(bytes(p, 0x00));
            ascending.add(bytes(p, 0x02, 0x72));
            ascending.add(bytes(p, 0xFF, 0xFF));
        }
        ascending.add(bytes(0xFF, 0x01));
        store().run(tx -> {
            for (int i = ascending.size() - 1; i >= 0; i--) {
                tx.put(ascending.get(i), bytes(i));
            }
            return null;
        });
        List<byte[]> descending = ascending.reversed();
        try (ReadView view = store().snapshot()) {
            assertThat(view.scan(EVERYTHING, 0, false))
                    .extracting(KeyValue::key)
                    .containsExactlyElementsOf(ascending);
            assertThat(view.scan(EVERYTHING, 0, true)).extracting(KeyValue::key).containsExactlyElementsOf(descending);
            for (int i = 0; i < ascending.size(); i++) {
                assertThat(view.get(ascending.get(i))).isEqualTo(bytes(i));
            }
            // a limit that ends inside, at the edge of and beyond each keyspace, both ways
            for (int limit = 1; limit <= ascending.size() + 1; limit++) {
                int n = Math.min(limit, ascending.size());
                assertThat(view.scan(EVERYTHING, limit, false))
                        .extracting(KeyValue::key)
                        .containsExactlyElementsOf(ascending.subList(0, n));
                assertThat(view.scan(EVERYTHING, limit, true))
                        .extracting(KeyValue::key)
                        .containsExactlyElementsOf(descending.subList(0, n));
            }
            // ranges that begin or end inside a keyspace, around the stream keyspace
            byte stream = Keyspace.STREAM.prefix();
            KeyRange across = new KeyRange(bytes(stream - 1, 0x01), bytes(stream + 1, 0x01));
            List<byte[]> expected =
                    ascending.stream().filter(k -> across.contains(k)).toList();
            assertThat(expected).hasSize(8);
            assertThat(view.scan(across, 0, false)).extracting(KeyValue::key).containsExactlyElementsOf(expected);
            assertThat(view.scan(across, 0, true))
                    .extracting(KeyValue::key)
                    .containsExactlyElementsOf(expected.reversed());
            assertThat(view.scan(across, 3, true))
                    .extracting(KeyValue::key)
                    .containsExactlyElementsOf(expected.reversed().subList(0, 3));
            assertThat(view.scan(KeyRange.prefix(bytes(Keyspace.STREAM.prefix())), 0, false))
                    .hasSize(4);
        }
        byte stream = Keyspace.STREAM.prefix();
        try (Transaction tx = store().begin()) {
            // own writes on both sides of the stream keyspace's edges, then a clear across them
            tx.put(bytes(stream, 0x01), b("own"));
            tx.put(bytes(stream - 1, 0x01), b("own"));
            assertThat(tx.scan(new KeyRange(bytes(stream - 1, 0x00), bytes(stream, 0x02)), 0, false))
                    .extracting(KeyValue::key)
                    .containsExactly(
                            bytes(stream - 1, 0x00),
                            bytes(stream - 1, 0x01),
                            bytes(stream - 1, 0x02, 0x72),
                            bytes(stream - 1, 0xFF, 0xFF),
                            bytes(stream),
                            bytes(stream, 0x00),
                            bytes(stream, 0x01));
            tx.clearRange(bytes(stream - 1, 0x01), bytes(stream + 1, 0x01));
            assertThat(tx.get(bytes(stream, 0x00))).isNull();
            assertThat(tx.scan(new KeyRange(bytes(stream - 1), bytes(stream + 2)), 0, false))
                    .extracting(KeyValue::key)
                    .containsExactly(
                            bytes(stream - 1),
                            bytes(stream - 1, 0x00),
                            bytes(stream + 1, 0x02, 0x72),
                            bytes(stream + 1, 0xFF, 0xFF));
            tx.commit();
        }
        try (ReadView view = store().snapshot()) {
            assertThat(view.scan(KeyRange.prefix(bytes(Keyspace.STREAM.prefix())), 0, false))
                    .isEmpty();
            assertThat(view.scan(EVERYTHING, 0, false)).hasSize(ascending.size() - 8);
        }
    }
}
