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
        String store = System.getProperty("eddy.test.store", "memory");
        return switch (store) {
            case "memory" -> EddyServer.start(ServerConfig.inMemoryOnRandomPort());
            case "postgresql" ->
                EddyServer.start(ServerConfig.inMemoryOnRandomPort()
                        .withStore(new StoreSpec.Postgres(postgres("server_" + SCHEMAS.incrementAndGet()))));
            default -> throw new IllegalArgumentException("eddy.test.store must be memory or postgresql: " + store);
        };
    }

    /** A configuration of a new schema in the test PostgreSQL cluster's database. */
    static PostgresConfig postgres(String schema) {
        TestPostgres pg = TestPostgres.shared();
        return PostgresConfig.of(pg.jdbcUrl(pg.database()), null, null)
                .withSchema(schema)
                .withPoolSize(16);
    }
}
