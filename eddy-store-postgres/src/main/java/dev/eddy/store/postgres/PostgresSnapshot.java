package dev.eddy.store.postgres;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A read-only view over a repeatable-read transaction whose snapshot was taken when the view was
 * opened. Holds one pooled connection until closed. Used by one thread at a time.
 */
final class PostgresSnapshot implements ReadView {
    private final PostgresStore store;
    private final Connection connection;
    private boolean open = true;

    PostgresSnapshot(PostgresStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
        store.register(connection);
    }

    private void checkOpen() {
        store.checkOpen();
        if (!open) {
            throw new IllegalStateException("snapshot is closed");
        }
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        try {
            return Reads.get(connection, store.table(), key);
        } catch (SQLException e) {
            throw store.failure(e);
        }
    }

    @Override
    public List<KeyValue> scan(KeyRange range, int limit, boolean reverse) {
        checkOpen();
        try {
            return Reads.scan(connection, store.table(), range, limit, reverse);
        } catch (SQLException e) {
            throw store.failure(e);
        }
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            // the pool rolls the read-only transaction back
            store.release(connection);
        }
    }
}
