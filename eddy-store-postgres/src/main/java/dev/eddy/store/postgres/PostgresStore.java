package dev.eddy.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eddy.store.ConflictException;
import dev.eddy.store.ReadView;
import dev.eddy.store.RetryPolicy;
import dev.eddy.store.Store;
import dev.eddy.store.StoreException;
import dev.eddy.store.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Store} in a PostgreSQL database: the keyspace is one table ({@code key bytea} primary
 * key, {@code value bytea}) in the configured schema, which the store creates and migrates
 * ({@link Schema}). Several stores (several Eddy nodes) may share one database.
 *
 * <p>Transactions run at REPEATABLE READ, whose snapshot is taken when the transaction begins.
 * Writes are buffered in the transaction and sent at commit, which first locks what the
 * transaction read and then writes: PostgreSQL reports a key changed by a transaction that
 * committed after this one's snapshot as a serialization failure, which the store maps to
 * {@link ConflictException} (see {@link PostgresTransaction}). A commit that returned is durable as
 * the server's {@code synchronous_commit} setting promises (on by default: flushed to its WAL).
 *
 * <p>Each open transaction and snapshot holds one pooled connection; the pool holds at most
 * {@link PostgresConfig#poolSize()} connections, and {@link #begin()} waits up to 30 seconds for one.
 * Thread-safe.
 */
public final class PostgresStore implements Store {

    /** Commits cost a network round trip or more: wait longer between attempts than in-process stores. */
    private static final RetryPolicy RETRY =
            new RetryPolicy(64, Duration.ofSeconds(5), 1, Duration.ofMillis(1), Duration.ofMillis(50));

    /** How long a commit waits for a row lock before it counts as a conflict. */
    static final int LOCK_TIMEOUT_MILLIS = 100;

    private final HikariDataSource pool;
    private final String table;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PostgresStore(HikariDataSource pool, String schema) {
        this.pool = pool;
        this.table = schema + ".kv";
    }

    /**
     * Connects, checks the server version and creates or upgrades Eddy's tables.
     *
     * @throws StoreException when the database is unreachable, refuses the login, is older than
     *     PostgreSQL 12 or holds a schema newer than this Eddy knows; its message says which
     */
    public static PostgresStore open(PostgresConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hc.setUsername(config.user());
        }
        if (config.password() != null) {
            hc.setPassword(config.password());
        }
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(Math.min(2, config.poolSize()));
        hc.setAutoCommit(false);
        hc.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        hc.setConnectionTimeout(30_000);
        // a commit that waits for a row lock ends in a serialization failure anyway when the holder
        // commits its change; and two commits that each read what the other writes deadlock, which
        // the server detects only after deadlock_timeout (1 s by default): give up waiting early
        // and retry instead (SQLSTATE 55P03 is a conflict)
        hc.addDataSourceProperty("options", "-c lock_timeout=" + LOCK_TIMEOUT_MILLIS + "ms");
        // fail at once rather than retrying a refused login for the connection timeout
        hc.setInitializationFailTimeout(1);
        hc.setPoolName("eddy-postgres-" + config.schema());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + config.jdbcUrl() + ": " + rootMessage(e), e);
        }
        try (Connection c = pool.getConnection()) {
            Schema.migrate(c, config.schema());
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot prepare the PostgreSQL database: " + rootMessage(e), e);
        }
        return new PostgresStore(pool, config.schema());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public Transaction begin() {
        return new PostgresTransaction(this, connect());
    }

    @Override
    public ReadView snapshot() {
        return new PostgresSnapshot(this, connect());
    }

    /**
     * One statement on a pooled connection: it reads the state committed when it runs, without
     * the statement that opens a snapshot first ({@link #connect()}); the pool rolls the read back.
     */
    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        try (Connection c = pool.getConnection()) {
            return Reads.get(c, table, key);
        } catch (SQLException e) {
            throw failure(e); // also when the pool was closed meanwhile: failure() says so
        }
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RETRY;
    }

    /** The qualified name of the keyspace table. */
    String table() {
        return table;
    }

    /** A pooled connection whose repeatable-read snapshot is taken now. */
    private Connection connect() {
        checkOpen();
        Connection c = null;
        try {
            c = pool.getConnection();
            try (var st = c.createStatement()) {
                // the snapshot of a repeatable-read transaction is taken by its first statement:
                // take it now, so the transaction sees the state committed when it began
                st.execute("SELECT 1");
            }
            return c;
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw failure(e);
        }
    }

    void register(AutoCloseable resource) {
        open.add(resource);
        if (closed) {
            // the store closed between the check in connect() and here
            release(resource);
            throw closedException();
        }
    }

    void release(AutoCloseable resource) {
        if (open.remove(resource)) {
            try {
                resource.close();
            } catch (Exception e) {
                // the connection goes back to the pool or is dropped by it: nothing else to do
            }
        }
    }

    /** Throws {@link StoreException} when the store is closed. */
    void checkOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private static StoreException closedException() {
        return new StoreException("store is closed", null);
    }

    /** The SPI exception for a failed statement: a conflict, a closed store, or a store failure. */
    RuntimeException failure(SQLException e) {
        if (closed) {
            return new StoreException("store is closed", e);
        }
        String state = e.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)) {
            return new ConflictException("conflicting PostgreSQL transaction: " + e.getMessage());
        }
        return new StoreException("PostgreSQL failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable resource : Set.copyOf(open)) {
            release(resource);
        }
        pool.close();
    }
}
