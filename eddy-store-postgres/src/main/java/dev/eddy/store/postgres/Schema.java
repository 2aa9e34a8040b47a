package dev.eddy.store.postgres;

import dev.eddy.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema Eddy keeps in its PostgreSQL schema: migration {@code i} (counting from 1)
 * brings a database from version {@code i - 1} to {@code i}; {@code schema_version} holds the
 * versions applied. Migrations run in one transaction under an advisory lock, so nodes that start
 * together apply each one once. A database whose version is newer than this Eddy knows is refused:
 * an older Eddy must not write data whose layout it does not understand.
 */
final class Schema {

    /** The version this Eddy creates and understands. */
    static final int VERSION = 1;

    /** The oldest PostgreSQL server Eddy runs on (major version). */
    static final int MIN_SERVER_VERSION = 12;

    private static final List<String> MIGRATIONS = List.of(
            // the keyspace: bytea compares as unsigned bytes, the order of the Store SPI. A null
            // value is a guard row a committing transaction inserts and deletes again (never
            // committed): it makes a concurrent insert of a key the transaction read as missing
            // conflict
            "CREATE TABLE %s.kv (key bytea PRIMARY KEY, value bytea)");

    private Schema() {}

    /** Creates or upgrades Eddy's tables in {@code schema}; refuses a newer or too old database. */
    static void migrate(Connection c, String schema) throws SQLException {
        int server = c.getMetaData().getDatabaseMajorVersion();
        if (server < MIN_SERVER_VERSION) {
            throw new StoreException(
                    "PostgreSQL " + c.getMetaData().getDatabaseProductVersion() + " is too old: Eddy needs "
                            + MIN_SERVER_VERSION + " or newer",
                    null);
        }
        // read committed: each statement sees what a node that held the lock before committed
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (Statement st = c.createStatement()) {
            // one migrating node at a time, across every Eddy sharing the database
            // wait as long as another node migrates (the pool's connections give up after a while)
            st.execute("SET LOCAL lock_timeout = 0");
            st.execute("SELECT pg_advisory_xact_lock(hashtext('eddy schema " + schema + "'))");
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("CREATE TABLE IF NOT EXISTS " + schema
                    + ".schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())");
            int current = 0;
            try (ResultSet rs =
                    st.executeQuery("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > VERSION) {
                throw new StoreException(
                        "the database schema " + schema + " is at version " + current + ", newer than the version "
                                + VERSION + " this Eddy knows: run a newer Eddy",
                        null);
            }
            for (int v = current + 1; v <= VERSION; v++) {
                st.execute(MIGRATIONS.get(v - 1).formatted(schema));
                try (PreparedStatement ins =
                        c.prepareStatement("INSERT INTO " + schema + ".schema_version (version) VALUES (?)")) {
                    ins.setInt(1, v);
                    ins.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }
}
