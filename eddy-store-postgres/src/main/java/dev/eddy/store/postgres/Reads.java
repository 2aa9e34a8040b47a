package dev.eddy.store.postgres;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The reads snapshots and transactions share: point reads and range scans of the keyspace table. */
final class Reads {
    private Reads() {}

    /** The value of {@code key} in the connection's snapshot, or null. */
    static byte[] get(Connection c, String table, byte[] key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM " + table + " WHERE key = ?")) {
            ps.setBytes(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /**
     * Up to {@code limit} rows (0 or less: all) of {@code range} in the connection's snapshot, in
     * key order or reversed. bytea compares byte by byte as unsigned values, the order of the SPI.
     */
    static List<KeyValue> scan(Connection c, String table, KeyRange range, int limit, boolean reverse)
            throws SQLException {
        if (range.isEmpty()) {
            return List.of();
        }
        StringBuilder sql =
                new StringBuilder("SELECT key, value FROM ").append(table).append(" WHERE key >= ?");
        if (range.end() != null) {
            sql.append(" AND key < ?");
        }
        sql.append(reverse ? " ORDER BY key DESC" : " ORDER BY key");
        if (limit > 0) {
            sql.append(" LIMIT ?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setBytes(i++, range.begin());
            if (range.end() != null) {
                ps.setBytes(i++, range.end());
            }
            if (limit > 0) {
                ps.setInt(i, limit);
            }
            // without a fetch size the driver reads the whole result: scans bound their size with limit
            try (ResultSet rs = ps.executeQuery()) {
                List<KeyValue> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new KeyValue(rs.getBytes(1), rs.getBytes(2)));
                }
                return out;
            }
        }
    }
}
