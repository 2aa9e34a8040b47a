package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.postgres.PostgresConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code --store} values name a PostgreSQL database. */
class PostgresUrlTest {

    @Test
    void aUrlGivesHostPortDatabaseUserAndDecodedPassword() {
        PostgresConfig c =
                PostgresUrl.parse("postgresql://ed:p%40ss@db.example:6543/eddy?sslmode=require", Map.of(), 7);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/eddy?sslmode=require");
        assertThat(c.user()).isEqualTo("ed");
        assertThat(c.password()).isEqualTo("p@ss");
        assertThat(c.poolSize()).isEqualTo(7);
        assertThat(c.toString()).doesNotContain("p@ss");
    }

    @Test
    void theLibpqSchemeAndEnvironmentFillWhatTheUrlLeavesOut() {
        Map<String, String> env = Map.of("PGPORT", "5433", "PGUSER", "envuser", "PGPASSWORD", "secret");
        PostgresConfig c = PostgresUrl.parse("postgres://db/eddy", env, 4);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/eddy");
        assertThat(c.user()).isEqualTo("envuser");
        assertThat(c.password()).isEqualTo("secret");
    }

    @Test
    void theBareWordTakesEverythingFromTheEnvironment() {
        Map<String, String> env = Map.of("PGHOST", "h", "PGUSER", "u", "PGDATABASE", "d");
        PostgresConfig c = PostgresUrl.parse("postgresql", env, 4);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d");
        assertThat(c.user()).isEqualTo("u");
        assertThat(c.password()).isNull();
        assertThat(PostgresUrl.parse("postgresql", Map.of("PGUSER", "u"), 4).jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/u");
    }

    @Test
    void otherSchemesAreNotPostgres() {
        assertThat(PostgresUrl.isPostgres("postgresql://x/y")).isTrue();
        assertThat(PostgresUrl.isPostgres("postgres")).isTrue();
        assertThat(PostgresUrl.isPostgres("mysql://x/y")).isFalse();
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://bad host/x", Map.of(), 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
