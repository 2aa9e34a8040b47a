package dev.eddy.store.postgres;

import dev.eddy.store.AbstractTransaction;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A repeatable-read PostgreSQL transaction behind the {@code Transaction} SPI.
 *
 * <p>Writes are buffered here, in key order, and reads merge them over the snapshot; nothing is
 * sent before {@link #commit()}, so an open transaction holds no row lock and two transactions of
 * one thread never wait for each other. The commit then, in one database transaction:
 *
 * <ol>
 *   <li>locks the keys it read and found with {@code SELECT ... FOR SHARE};
 *   <li>inserts a guard row (null value) for each key it read as missing or cleared, with
 *       {@code ON CONFLICT DO NOTHING};
 *   <li>upserts the keys it put;
 *   <li>deletes the keys it cleared and its guard rows.
 * </ol>
 *
 * <p>At REPEATABLE READ PostgreSQL fails each of these statements with a serialization failure
 * (SQLSTATE 40001) when the row it locks, inserts or changes was changed, inserted or deleted by a
 * transaction that committed after this one's snapshot, and waits for such a transaction that has
 * not finished yet. That is exactly the conflict rule of the SPI: a key read with {@code get} or
 * written conflicts with a later commit of it. Scans take no lock (phantoms are allowed).
 * Deadlocks between commits (40P01) are conflicts too.
 *
 * <p>Used by one thread at a time.
 */
final class PostgresTransaction extends AbstractTransaction {
    private static final java.util.Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    private final PostgresStore store;
    private final Connection connection;
    /** Buffered writes: a null value clears the key. */
    private final TreeMap<byte[], byte[]> writes = new TreeMap<>(ORDER);
    /** Keys read with get from the snapshot, and whether they were there. */
    private final TreeMap<byte[], Boolean> reads = new TreeMap<>(ORDER);

    private boolean open = true;

    PostgresTransaction(PostgresStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
        store.register(connection);
    }

    private void checkOpen() {
        store.checkOpen();
        if (!open) {
            throw new IllegalStateException("transaction is closed");
        }
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        if (writes.containsKey(key)) {
            byte[] v = writes.get(key);
            return v == null ? null : v.clone();
        }
        try {
            byte[] value = Reads.get(connection, store.table(), key);
            reads.putIfAbsent(key.clone(), value != null);
            return value;
        } catch (SQLException e) {
            throw store.failure(e);
        }
    }

    @Override
    public List<KeyValue> scan(KeyRange range, int limit, boolean reverse) {
        checkOpen();
        if (range.isEmpty()) {
            return List.of();
        }
        NavigableMap<byte[], byte[]> mine = range.end() == null
                ? writes.tailMap(range.begin(), true)
                : writes.subMap(range.begin(), true, range.end(), false);
        if (reverse) {
            mine = mine.descendingMap();
        }
        List<KeyValue> stored;
        try {
            // each buffered write hides at most one stored row: read that many more
            stored = Reads.scan(connection, store.table(), range, limit > 0 ? limit + mine.size() : 0, reverse);
        } catch (SQLException e) {
            throw store.failure(e);
        }
        return merge(stored, mine, limit, reverse);
    }

    /** The stored rows with this transaction's writes over them, in scan order, up to {@code limit}. */
    private static List<KeyValue> merge(
            List<KeyValue> stored, NavigableMap<byte[], byte[]> mine, int limit, boolean reverse) {
        List<KeyValue> out = new ArrayList<>();
        Iterator<KeyValue> s = stored.iterator();
        Iterator<Map.Entry<byte[], byte[]>> m = mine.entrySet().iterator();
        KeyValue nextStored = s.hasNext() ? s.next() : null;
        Map.Entry<byte[], byte[]> nextMine = m.hasNext() ? m.next() : null;
        while ((nextStored != null || nextMine != null) && (limit <= 0 || out.size() < limit)) {
            int cmp;
            if (nextStored == null) {
                cmp = 1;
            } else if (nextMine == null) {
                cmp = -1;
            } else {
                cmp = Arrays.compareUnsigned(nextStored.key(), nextMine.getKey());
                if (reverse) {
                    cmp = -cmp;
                }
            }
            if (cmp < 0) {
                out.add(nextStored);
                nextStored = s.hasNext() ? s.next() : null;
                continue;
            }
            if (nextMine.getValue() != null) {
                out.add(new KeyValue(
                        nextMine.getKey().clone(), nextMine.getValue().clone()));
            }
            if (cmp == 0) {
                nextStored = s.hasNext() ? s.next() : null;
            }
            nextMine = m.hasNext() ? m.next() : null;
        }
        return out;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkOpen();
        writes.put(key.clone(), value.clone());
    }

    @Override
    public void clear(byte[] key) {
        checkOpen();
        writes.put(key.clone(), null);
    }

    @Override
    public void clearRange(byte[] begin, byte[] end) {
        checkOpen();
        for (KeyValue kv : scan(new KeyRange(begin, end), 0, false)) {
            writes.put(kv.key(), null);
        }
    }

    /** The connection of this transaction, for statements that must commit with its writes. */
    Connection connection() {
        checkOpen();
        return connection;
    }

    @Override
    protected void commitWrites() {
        checkOpen();
        try {
            writeAndCommit();
        } catch (SQLException e) {
            throw store.failure(e);
        } finally {
            open = false;
            store.release(connection);
        }
    }

    private void writeAndCommit() throws SQLException {
        List<byte[]> locked = new ArrayList<>();
        List<byte[]> guarded = new ArrayList<>();
        List<byte[]> putKeys = new ArrayList<>();
        List<byte[]> putValues = new ArrayList<>();
        for (Map.Entry<byte[], Boolean> read : reads.entrySet()) {
            if (!writes.containsKey(read.getKey())) {
                (read.getValue() ? locked : guarded).add(read.getKey());
            }
        }
        for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
            if (write.getValue() == null) {
                guarded.add(write.getKey());
            } else {
                putKeys.add(write.getKey());
                putValues.add(write.getValue());
            }
        }
        guarded.sort(ORDER);
        String t = store.table();
        if (!locked.isEmpty()) {
            execute("SELECT key FROM " + t + " WHERE key = ANY(?) ORDER BY key FOR SHARE", locked);
        }
        if (!guarded.isEmpty()) {
            execute(
                    "INSERT INTO " + t + " (key, value) SELECT k, NULL FROM unnest(?::bytea[]) AS k"
                            + " ON CONFLICT (key) DO NOTHING",
                    guarded);
        }
        if (!putKeys.isEmpty()) {
            execute(
                    "INSERT INTO " + t + " (key, value) SELECT * FROM unnest(?::bytea[], ?::bytea[])"
                            + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    putKeys,
                    putValues);
        }
        if (!guarded.isEmpty()) {
            execute("DELETE FROM " + t + " WHERE key = ANY(?)", guarded);
        }
        connection.commit();
    }

    @SafeVarargs
    private void execute(String sql, List<byte[]>... arrays) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            List<Array> made = new ArrayList<>();
            for (int i = 0; i < arrays.length; i++) {
                Array a = connection.createArrayOf("bytea", arrays[i].toArray(new byte[0][]));
                made.add(a);
                ps.setArray(i + 1, a);
            }
            ps.execute();
            for (Array a : made) {
                a.free();
            }
        }
    }

    @Override
    protected void rollback() {
        if (open) {
            open = false;
            // the pool rolls the transaction back when the connection returns
            store.release(connection);
        }
    }
}
