package dev.eddy.store.postgres;

import java.util.Objects;

/**
 * Where and how a {@link PostgresStore} connects.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://} URL of the database
 * @param user the login role, or null to take it from the URL
 * @param password its password, or null
 * @param schema the schema that holds Eddy's tables (created when missing): lower-case letters,
 *     digits and underscores, starting with a letter or underscore
 * @param poolSize the most connections the store holds open at once (each open transaction and
 *     snapshot holds one), at least 2
 */
public record PostgresConfig(String jdbcUrl, String user, String password, String schema, int poolSize) {

    /** The schema Eddy uses unless told otherwise. */
    public static final String DEFAULT_SCHEMA = "eddy";

    /** The pool size Eddy uses unless told otherwise. */
    public static final int DEFAULT_POOL_SIZE = 32;

    public PostgresConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    "schema name must be lower-case letters, digits and underscores: " + schema);
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("pool size must be at least 2, was " + poolSize);
        }
    }

    /** A configuration with the default schema and pool size. */
    public static PostgresConfig of(String jdbcUrl, String user, String password) {
        return new PostgresConfig(jdbcUrl, user, password, DEFAULT_SCHEMA, DEFAULT_POOL_SIZE);
    }

    /** This configuration with another schema. */
    public PostgresConfig withSchema(String name) {
        return new PostgresConfig(jdbcUrl, user, password, name, poolSize);
    }

    /** This configuration with another pool size. */
    public PostgresConfig withPoolSize(int size) {
        return new PostgresConfig(jdbcUrl, user, password, schema, size);
    }

    @Override
    public String toString() {
        // never the password
        return "PostgresConfig[" + jdbcUrl + ", user=" + user + ", schema=" + schema + ", poolSize=" + poolSize + "]";
    }
}
