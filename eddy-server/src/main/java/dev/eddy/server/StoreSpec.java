package dev.eddy.server;

import dev.eddy.store.Store;
import dev.eddy.store.postgres.PostgresConfig;
import dev.eddy.store.rocksdb.Durability;
import java.nio.file.Path;
import java.util.Objects;

/** Which store a node keeps its data in; the composition root opens it first and closes it last. */
public sealed interface StoreSpec {

    /** A throwaway in-memory store: nothing survives a restart. For tests and experiments. */
    record Memory() implements StoreSpec {}

    /**
     * The embedded RocksDB store, the default.
     *
     * @param dir the data directory; created if missing, and reopened as it is after a restart
     * @param durability what an acknowledged write survives
     */
    record RocksDb(Path dir, Durability durability) implements StoreSpec {
        public RocksDb {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(durability, "durability");
        }
    }

    /**
     * A PostgreSQL database, which several nodes may share.
     *
     * @param config the connection, schema and pool size
     */
    record Postgres(PostgresConfig config) implements StoreSpec {
        public Postgres {
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * A store the caller opened and closes, shared by several nodes in one process (tests of
     * nodes sharing a store, with cluster mode on). The node never closes it; functions keep their
     * code in memory, as with {@link Memory}.
     */
    record Shared(Store store) implements StoreSpec {
        public Shared {
            Objects.requireNonNull(store, "store");
        }
    }
}
