package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.item.AttributeValue;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored forms of table descriptions: every form written by an earlier version still reads
 * into the description that was written, and today's form is pinned byte for byte. The files under
 * {@code stored/json} are the exact bytes the reflective JSON mapping of the first versions stored;
 * those under {@code stored/v1} are format 1 of {@link TableCodec}, those under {@code stored/v2}
 * format 2 (multi-attribute GSI keys).
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

    @ParameterizedTest
    @MethodSource("samples")
    void readsFormat1(String sample) {
        TableMeta expected = TableSamples.all().get(sample);
        byte[] stored = resource("stored/v1/" + sample + ".bin");
        assertThat(stored[0]).isEqualTo(TableCodec.FORMAT_V1);

        assertThat(readBack(expected.name(), stored)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writesFormat1ByteForByte(String sample) {
        TableMeta meta = TableSamples.all().get(sample);
        put(meta);

        assertThat(stored(meta.name())).isEqualTo(resource("stored/v1/" + sample + ".bin"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void anOlderDescriptionIsRewrittenInFormat1(String sample) {
        TableMeta expected = TableSamples.all().get(sample);
        TableMeta legacy = readBack(expected.name(), resource("stored/json/" + sample + ".json"));
        put(legacy);

        assertThat(stored(expected.name())).isEqualTo(resource("stored/v1/" + sample + ".bin"));
        List<TableMeta> listed = store.run(catalog::list);
        assertThat(listed).containsExactly(expected);
    }

    @Test
    void multiAttributeKeysAreWrittenInFormat2ByteForByte() {
        TableMeta meta = TableSamples.multiAttribute();
        put(meta);

        byte[] stored = stored(meta.name());
        assertThat(stored[0]).isEqualTo(TableCodec.FORMAT_V2);
        assertThat(stored).isEqualTo(resource("stored/v2/multi.bin"));
    }

    @Test
    void readsFormat2() {
        TableMeta expected = TableSamples.multiAttribute();

        TableMeta read = readBack(expected.name(), resource("stored/v2/multi.bin"));

        assertThat(read).isEqualTo(expected);
        assertThat(read.globalIndexes().getFirst().key().names())
                .containsExactly("tenant", "region", "year", "month", "blob");
    }

    @Test
    void aTableLosingItsLastMultiAttributeIndexGoesBackToFormat1() {
        TableMeta multi = TableSamples.multiAttribute();
        TableMeta single = multi.toBuilder()
                .globalIndexes(List.of(multi.globalIndexes().getLast()))
                .build();

        assertThat(TableCodec.encode(single)[0]).isEqualTo(TableCodec.FORMAT_V1);
        assertThat(TableCodec.decode(TableCodec.encode(single))).isEqualTo(single);
    }

    @Test
    void damagedFormat2DescriptionsAreStoreErrors() {
        byte[] good = resource("stored/v2/multi.bin");
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> TableCodec.decode(cut))
                    .as("first %d bytes", len)
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void theOrderOfMapsDoesNotChangeTheBytes() {
        TableMeta meta = TableSamples.indexes();
        Map<String, AttributeValue.Type> reversed = new LinkedHashMap<>();
        List<String> names = List.copyOf(new TreeMap<>(meta.attributeDefinitions()).descendingKeySet());
        names.forEach(n -> reversed.put(n, meta.attributeDefinitions().get(n)));
        TableMeta same = new TableMeta(
                meta.name(),
                meta.id(),
                meta.uuid(),
                meta.key(),
                reversed,
                meta.billingMode(),
                meta.readCapacity(),
                meta.writeCapacity(),
                meta.globalIndexes(),
                meta.localIndexes(),
                meta.streamEnabled(),
                meta.streamViewType(),
                meta.latestStreamLabel(),
                meta.tags(),
                meta.createdMillis(),
                meta.payPerRequestSinceMillis(),
                meta.deletionProtection(),
                meta.tableClass(),
                meta.ttlAttribute(),
                meta.ttlEnabled(),
                meta.ttlChangedMillis());

        assertThat(TableCodec.encode(same)).isEqualTo(TableCodec.encode(meta));
    }

    @Test
    void anOlderDescriptionMayLackMembersAndHaveOthers() {
        String json = "{\"name\":\"old\",\"id\":9,\"key\":{\"hashName\":\"id\",\"hashType\":\"S\"},"
                + "\"attributeDefinitions\":{\"id\":\"S\"},\"billingMode\":\"PAY_PER_REQUEST\","
                + "\"retired\":{\"nested\":[1,{\"x\":null}]},\"globalIndexes\":[],\"localIndexes\":[],"
                + "\"streamEnabled\":false,\"createdMillis\":5}";

        TableMeta meta = TableCodec.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(meta)
                .isEqualTo(TableMeta.builder()
                        .name("old")
                        .id(9)
                        .key(new KeySchema("id", AttributeValue.Type.S, null, null))
                        .attributeDefinitions(Map.of("id", AttributeValue.Type.S))
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .createdMillis(5)
                        .build());
    }

    @Test
    void damagedDescriptionsAreStoreErrors() {
        byte[] good = resource("stored/v1/indexes.bin");
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> TableCodec.decode(cut))
                    .as("first %d bytes", len)
                    .isInstanceOf(StoreException.class);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> TableCodec.decode(longer))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("1 unread bytes");
        byte[] future = good.clone();
        future[0] = 3;
        assertThatThrownBy(() -> TableCodec.decode(future))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("format 3");
        byte[] json = resource("stored/json/indexes.json");
        byte[] cutJson = Arrays.copyOf(json, json.length - 1);
        assertThatThrownBy(() -> TableCodec.decode(cutJson)).isInstanceOf(StoreException.class);
        byte[] wrongType = "{\"id\":\"nine\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TableCodec.decode(wrongType)).isInstanceOf(StoreException.class);
    }

    private void put(TableMeta meta) {
        store.run(tx -> {
            catalog.put(tx, meta);
            return null;
        });
    }

    private byte[] stored(String name) {
        return store.run(tx -> tx.get(TableCatalog.key(name)));
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
