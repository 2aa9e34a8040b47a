package dev.eddy.store.postgres;

import dev.eddy.store.Store;
import dev.eddy.store.StoreContractTest;
import dev.eddy.testkit.TestPostgres;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store contract on PostgreSQL: each test gets its own schema in the shared test database;
 * reopening connects a new store to the same schema.
 */
class PostgresStoreTest extends StoreContractTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PostgresConfig config;

    @Override
    protected Store newStore() {
        TestPostgres pg = TestPostgres.shared();
        config = PostgresConfig.of(pg.jdbcUrl(pg.database()), null, null)
                .withSchema("contract_" + SCHEMAS.incrementAndGet())
                .withPoolSize(8);
        return PostgresStore.open(config);
    }

    @Override
    protected Store reopen(Store store) {
        store.close();
        return PostgresStore.open(config);
    }
}
