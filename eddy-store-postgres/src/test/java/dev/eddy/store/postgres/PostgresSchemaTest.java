package dev.eddy.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.ConflictException;
import dev.eddy.store.StoreException;
import dev.eddy.store.Transaction;
import dev.eddy.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Schema migrations, refusals at open, and conflicts the contract suite does not spell out. */
class PostgresSchemaTest {
    private final TestPostgres pg = TestPostgres.shared();

    private PostgresConfig config(String schema) {
        return PostgresConfig.of(pg.jdbcUrl(pg.database()), null, null)
                .withSchema(schema)
                .withPoolSize(4);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void openCreatesTheSchemaOnceAndRecordsItsVersion() throws Exception {
        PostgresStore.open(config("schema_once")).close();
        PostgresStore.open(config("schema_once")).close();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(pg.database()));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM schema_once.schema_version ORDER BY version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(Schema.VERSION);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aSchemaNewerThanThisEddyIsRefused() throws Exception {
        PostgresStore.open(config("schema_newer")).close();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(pg.database()));
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_newer.schema_version (version) VALUES (" + (Schema.VERSION + 1) + ")");
        }
        assertThatThrownBy(() -> PostgresStore.open(config("schema_newer")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("version " + (Schema.VERSION + 1))
                .hasMessageContaining("newer");
    }

    @Test
    void anUnreachableDatabaseFailsWithTheReason() {
        PostgresConfig nowhere = PostgresConfig.of("jdbc:postgresql://127.0.0.1:1/eddy", "eddy", null);
        assertThatThrownBy(() -> PostgresStore.open(nowhere))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void aKeyReadAsMissingConflictsWithItsConcurrentInsertEvenWhenNotWritten() {
        try (PostgresStore store = PostgresStore.open(config("missing_read"))) {
            try (Transaction tx = store.begin()) {
                assertThat(tx.get(b("flag"))).isNull();
                tx.put(b("derived"), b("because no flag"));
                store.run(other -> {
                    other.put(b("flag"), b("set"));
                    return null;
                });
                assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class);
            }
            try (var view = store.snapshot()) {
                assertThat(view.get(b("derived"))).isNull();
                assertThat(view.get(b("flag"))).isEqualTo(b("set"));
            }
        }
    }

    @Test
    void aBlindClearConflictsWithAConcurrentInsertOfTheKey() {
        try (PostgresStore store = PostgresStore.open(config("blind_clear"))) {
            try (Transaction tx = store.begin()) {
                tx.clear(b("k"));
                store.run(other -> {
                    other.put(b("k"), b("v"));
                    return null;
                });
                assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class);
            }
        }
    }
}
