package dev.eddy.function;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The functions of this account: configurations and deployment packages, kept in the {@link Store}
 * (layout in {@link FunctionRecords}) so that every node reading the store sees them. The store is
 * the truth: each change reads the stored configuration inside its transaction and writes the
 * result there; an in-memory copy of the configurations only serves reads.
 *
 * <p>Thread-safe. Changes are serialised (they are rare: management calls and the end of a code
 * preparation); reads never block on them.
 */
public final class FunctionRegistry {
    private static final int PAGE = 500;

    private final Store store;
    private final Map<String, FunctionConfig> cache = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    public FunctionRegistry(Store store) {
        this.store = store;
    }

    /** Reads every stored configuration into memory; returns them in name order. */
    List<FunctionConfig> load() {
        List<FunctionConfig> all = new ArrayList<>();
        try (ReadView view = store.snapshot()) {
            String after = null;
            while (true) {
                List<FunctionConfig> page = FunctionRecords.scanConfigs(view, after, PAGE);
                all.addAll(page);
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).name();
            }
        }
        synchronized (writeLock) {
            all.forEach(c -> cache.put(c.name(), c));
        }
        return all;
    }

    /**
     * Reads the stored configuration of {@code name} again and keeps it in memory (or forgets it
     * when the function is gone): another node may have changed it. Serialised with this node's
     * changes, so the copy in memory never goes back behind one of them.
     *
     * @return the stored configuration, or null when there is none
     */
    FunctionConfig reload(String name) {
        synchronized (writeLock) {
            FunctionConfig c;
            try (ReadView view = store.snapshot()) {
                c = FunctionRecords.readConfig(view, name);
            }
            if (c == null) {
                cache.remove(name);
            } else {
                cache.put(name, c);
            }
            return c;
        }
    }

    /** The configuration of {@code name} ({@code $LATEST}); read from the store when not in memory. */
    public Optional<FunctionConfig> find(String name) {
        FunctionConfig c = cache.get(name);
        if (c != null) {
            return Optional.of(c);
        }
        try (ReadView view = store.snapshot()) {
            return Optional.ofNullable(FunctionRecords.readConfig(view, name));
        }
    }

    /**
     * Whether function {@code name} exists and {@code qualifier} (null, {@code $LATEST}, a version
     * number or an alias) names something of it.
     */
    public boolean exists(String name, String qualifier) {
        if (find(name).isEmpty()) {
            return false;
        }
        if (qualifier == null || qualifier.isEmpty() || qualifier.equals(FunctionConfig.LATEST)) {
            return true;
        }
        try (ReadView view = store.snapshot()) {
            return FunctionVersions.isNumber(qualifier)
                    ? VersionRecords.readVersion(view, name, Integer.parseInt(qualifier)) != null
                    : VersionRecords.readAlias(view, name, qualifier) != null;
        }
    }

    /** Up to {@code limit} stored configurations in name order, starting after {@code afterName} (null: first). */
    public List<FunctionConfig> scan(String afterName, int limit) {
        try (ReadView view = store.snapshot()) {
            return FunctionRecords.scanConfigs(view, afterName, limit);
        }
    }

    /** The deployment package of {@code name}, or null when there is none. */
    public byte[] code(String name) {
        try (ReadView view = store.snapshot()) {
            return FunctionRecords.readCode(view, name);
        }
    }

    /** Stores a new function with its package; ResourceConflictException when the name is taken. */
    void create(FunctionConfig c, byte[] zip) {
        synchronized (writeLock) {
            store.run(tx -> {
                if (FunctionRecords.readConfig(tx, c.name()) != null) {
                    throw new EddyException(ErrorCode.LAMBDA_RESOURCE_CONFLICT, "Function already exist: " + c.name());
                }
                FunctionRecords.writeConfig(tx, c);
                FunctionRecords.writeCode(tx, c.name(), zip);
                return null;
            });
            cache.put(c.name(), c);
        }
    }

    /**
     * Applies {@code change} to the stored configuration and stores the result, with {@code zip} as
     * the new package unless it is null. {@code change} may throw to refuse (the store is then
     * unchanged) and may run more than once (on a write conflict), so it must be pure.
     *
     * @return the stored result, or empty when the function does not exist
     */
    Optional<FunctionConfig> update(String name, UnaryOperator<FunctionConfig> change, byte[] zip) {
        synchronized (writeLock) {
            FunctionConfig next = store.run(tx -> {
                FunctionConfig current = FunctionRecords.readConfig(tx, name);
                if (current == null) {
                    return null;
                }
                FunctionConfig changed = change.apply(current);
                FunctionRecords.writeConfig(tx, changed);
                if (zip != null) {
                    FunctionRecords.writeCode(tx, name, zip);
                }
                return changed;
            });
            if (next != null) {
                cache.put(name, next);
            }
            return Optional.ofNullable(next);
        }
    }

    /**
     * Like {@link #update}, but only while the stored configuration still has {@code revisionId}:
     * the result of work started for that revision is dropped once the function was changed again
     * or deleted.
     *
     * @return whether the change was stored
     */
    boolean updateRevision(String name, String revisionId, UnaryOperator<FunctionConfig> change) {
        try {
            return update(
                            name,
                            c -> {
                                if (!c.revisionId().equals(revisionId)) {
                                    throw new Superseded();
                                }
                                return change.apply(c);
                            },
                            null)
                    .isPresent();
        } catch (Superseded e) {
            return false;
        }
    }

    /** Removes the function and its package; returns whether it existed. */
    boolean delete(String name) {
        synchronized (writeLock) {
            boolean existed = store.run(tx -> {
                if (FunctionRecords.readConfig(tx, name) == null) {
                    return false;
                }
                FunctionRecords.delete(tx, name);
                return true;
            });
            cache.remove(name);
            return existed;
        }
    }

    /** Refuses a change made for an older revision; never leaves this class. */
    private static final class Superseded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Superseded() {
            super(null, null, false, false);
        }
    }
}
