package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.arn.Account;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.MemoryStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The read-only directory sees the descriptions the engine commits, over the same store. */
class TableDirectoryTest {

    @Test
    void findsWhatTheEngineCreatedTaggedAndDeleted() {
        MemoryStore store = new MemoryStore();
        TableDirectory directory = new TableDirectory(store);
        try (TableEngine engine = new TableEngine(store, InstantSource.system(), Account.DEFAULT)) {
            assertThat(directory.find("tbl")).isEmpty();
            TableMeta created = engine.createTable(new CreateTable(
                    "tbl",
                    List.of(new CreateTable.KeyElement("id", "HASH")),
                    Map.of("id", AttributeValue.Type.S),
                    BillingMode.PAY_PER_REQUEST,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    null,
                    null,
                    Map.of(),
                    false,
                    null));
            assertThat(directory.find("tbl")).get().extracting(TableMeta::uuid).isEqualTo(created.uuid());

            engine.tagResource(engine.arn(created).toString(), Map.of("k", "v"));
            assertThat(directory.find("tbl")).get().extracting(TableMeta::tags).isEqualTo(Map.of("k", "v"));

            engine.deleteTable("tbl");
            assertThat(directory.find("tbl")).isEmpty();
        }
    }
}
