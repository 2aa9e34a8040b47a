package dev.eddy.table;

import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.util.Optional;

/**
 * Read-only access to the table descriptions stored in a {@link Store}, for engines that stand on
 * the table package without holding the {@link TableEngine} (the change log reads a table's tags
 * through it). Needs nothing but the store, so it can be built before the table engine, which
 * breaks what would otherwise be a cycle between the two.
 *
 * <p>Each call reads a fresh snapshot: it sees every description committed before it began.
 * Thread-safe.
 */
public final class TableDirectory {
    private final Store store;
    private final TableCatalog catalog = new TableCatalog();

    public TableDirectory(Store store) {
        this.store = store;
    }

    /** The description of table {@code name}, or empty when no such table exists. */
    public Optional<TableMeta> find(String name) {
        try (ReadView view = store.snapshot()) {
            return Optional.ofNullable(catalog.find(view, name));
        }
    }
}
