package dev.eddy.table;

import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.StoreException;
import dev.eddy.store.Tuple;
import java.nio.ByteBuffer;
import java.time.InstantSource;

/**
 * A table's point-in-time recovery setting (DescribeContinuousBackups, UpdateContinuousBackups).
 * Eddy keeps no backups: it records and reports the setting, as a client that manages its tables'
 * settings expects. Stored at (META, "pitr", table id) apart from the table's description, so a
 * table created again under the same name starts with recovery disabled. Thread-safe: each call is
 * one store transaction or snapshot.
 */
public final class ContinuousBackups {
    /** DynamoDB's recovery period when a request names none. */
    public static final int DEFAULT_RECOVERY_DAYS = 35;

    /**
     * The setting of one table.
     *
     * @param enabledMillis when recovery was last enabled; meaningful only when enabled
     */
    public record Setting(boolean enabled, int recoveryPeriodDays, long enabledMillis) {
        static final Setting DISABLED = new Setting(false, 0, 0);
    }

    private final Store store;
    private final TableCatalog catalog;
    private final InstantSource clock;

    ContinuousBackups(Store store, TableCatalog catalog, InstantSource clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The setting of {@code tableName}; ResourceNotFoundException for a missing table. */
    public Setting describe(String tableName) {
        try (ReadView view = store.snapshot()) {
            return read(view, catalog.get(view, tableName).id());
        }
    }

    /**
     * Enables or disables recovery; idempotent. {@code days} null keeps DynamoDB's default of 35
     * when enabling. Re-enabling an enabled table keeps its enable time.
     */
    public Setting update(String tableName, boolean enabled, Integer days) {
        long now = clock.millis();
        return store.run(tx -> {
            long id = catalog.get(tx, tableName).id();
            Setting old = read(tx, id);
            Setting next = enabled
                    ? new Setting(
                            true,
                            days == null ? DEFAULT_RECOVERY_DAYS : days,
                            old.enabled() ? old.enabledMillis() : now)
                    : Setting.DISABLED;
            tx.put(key(id), encode(next));
            return next;
        });
    }

    /** The current time of the injected clock, for the restorable window a description shows. */
    public long now() {
        return clock.millis();
    }

    private static Setting read(ReadView view, long tableId) {
        byte[] bytes = view.get(key(tableId));
        if (bytes == null) {
            return Setting.DISABLED;
        }
        if (bytes.length != 13) {
            throw new StoreException("unreadable point-in-time recovery setting of table " + tableId, null);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new Setting(b.get() == 1, b.getInt(), b.getLong());
    }

    private static byte[] encode(Setting s) {
        return ByteBuffer.allocate(13)
                .put((byte) (s.enabled() ? 1 : 0))
                .putInt(s.recoveryPeriodDays())
                .putLong(s.enabledMillis())
                .array();
    }

    private static byte[] key(long tableId) {
        return Keyspace.META.key(Tuple.of("pitr", tableId));
    }
}
