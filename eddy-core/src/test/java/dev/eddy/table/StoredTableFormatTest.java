package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.store.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored forms of table descriptions: every form written by an earlier version still reads
 * into the description that was written. The files under {@code stored/json} are the exact bytes
 * the reflective JSON mapping of the first versions stored.
 */
class StoredTableFormatTest {
    private final MemoryStore store = new MemoryStore();
    private final TableCatalog catalog = new TableCatalog();

    static Iterable<String> samples() {
        return TableSamples.all().keySet();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void readsTheReflectiveJsonOfEarlierVersions(String sample) {
        TableMeta expected = TableSamples.all().get(sample);
        byte[] stored = resource("stored/json/" + sample + ".json");
        assertThat(stored[0]).isEqualTo((byte) '{');

        assertThat(readBack(expected.name(), stored)).isEqualTo(expected);
    }

    private TableMeta readBack(String name, byte[] stored) {
        store.run(tx -> {
            tx.put(TableCatalog.key(name), stored);
            return null;
        });
        return store.run(tx -> catalog.find(tx, name));
    }

    static byte[] resource(String path) {
        try (InputStream in = StoredTableFormatTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
