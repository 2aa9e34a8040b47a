package dev.eddy.server;

import dev.eddy.store.postgres.PostgresConfig;
import dev.eddy.testkit.TestPostgres;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts real servers for black-box tests; SDK clients, table requests and unique names come from
 * the testkit ({@code dev.eddy.testkit}).
 *
 * <p>The system property {@code eddy.test.store} chooses the store of {@link #startInMemory()}:
 * unset or {@code memory} for the in-memory store, {@code postgresql} for a schema of its own in
 * the test JVM's throwaway PostgreSQL cluster ({@link TestPostgres}).
 */
public final class EddyTestServer {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private EddyTestServer() {}

    /** A server on a random loopback port over the store {@code eddy.test.store} names. */
    public static EddyServer startInMemory() {
        return EddyServer.start(config());
    }

    /**
     * The configuration of {@link #startInMemory()}: a random loopback port and the store
     * {@code eddy.test.store} names, a new one at each call.
     */
    public static ServerConfig config() {
        String store = System.getProperty("eddy.test.store", "memory");
        return switch (store) {
            case "memory" -> ServerConfig.inMemoryOnRandomPort();
            case "postgresql" ->
                ServerConfig.inMemoryOnRandomPort().withStore(new StoreSpec.Postgres(postgresSchema("server")));
            default -> throw new IllegalArgumentException("eddy.test.store must be memory or postgresql: " + store);
        };
    }

    /** A configuration of a new schema, unique in this JVM, in the test PostgreSQL cluster's database. */
    public static PostgresConfig postgresSchema(String prefix) {
        return postgres(prefix + "_" + SCHEMAS.incrementAndGet());
    }

    private static PostgresConfig postgres(String schema) {
        TestPostgres pg = TestPostgres.shared();
        return PostgresConfig.of(pg.jdbcUrl(pg.database()), null, null)
                .withSchema(schema)
                .withPoolSize(16);
    }
}
