package dev.eddy.function;

import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution slots of functions with reserved concurrency, counted across the nodes that share
 * one store. One record per function, {@code ("concurrency", name)} in the function keyspace, holds
 * how many slots each node uses and until when that count is valid. Taking a slot reads the record
 * and writes it back in one transaction, so two nodes that both see the last free slot conflict
 * and only one of them gets it (the other retries and is refused). A node renews its counts
 * ({@link #renew}) well within their validity; the counts of a node that stopped abruptly expire
 * and are dropped by the next node that takes a slot.
 *
 * <p>Stored form, FROZEN: format byte 1, the number of nodes, then per node its id (modified
 * UTF-8), its count and the expiry in epoch milliseconds.
 *
 * <p>Thread-safe. Each call is one store transaction (two per invocation: take and release); used
 * only when several nodes share the store.
 */
final class SharedSlots {
    private static final Logger LOG = LoggerFactory.getLogger(SharedSlots.class);
    private static final byte FORMAT = 1;
    private static final String CONCURRENCY = "concurrency";

    private final Store store;
    private final InstantSource clock;
    private final String node;
    private final Duration validity;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    /**
     * @param node this node's id
     * @param validity how long a node's counts stay valid without a renewal
     */
    SharedSlots(Store store, InstantSource clock, String node, Duration validity) {
        this.store = store;
        this.clock = clock;
        this.node = node;
        this.validity = validity;
    }

    /** A node's use of one function's slots: how many, valid until when. */
    private record Use(int count, long expiresMillis) {}

    /** Takes one of the {@code limit} slots of {@code function} across the cluster; false when none is free. */
    boolean take(String function, int limit) {
        boolean taken = store.run(tx -> {
            long now = clock.millis();
            Map<String, Use> uses = read(tx, function);
            // a node that stopped without giving its slots back no longer counts once its counts expired
            uses.values().removeIf(u -> u.expiresMillis() < now);
            int used = uses.values().stream().mapToInt(Use::count).sum();
            if (used >= limit) {
                return false;
            }
            Use own = uses.get(node);
            uses.put(node, new Use((own == null ? 0 : own.count()) + 1, now + validity.toMillis()));
            write(tx, function, uses);
            return true;
        });
        if (taken) {
            held.merge(function, 1, Integer::sum);
        }
        return taken;
    }

    /**
     * Gives back one slot of {@code function} taken by {@link #take}. Never throws: when the store
     * cannot be written, the next {@link #renew} writes the corrected count.
     */
    void release(String function) {
        Integer left = held.computeIfPresent(function, (k, n) -> n > 1 ? n - 1 : null);
        try {
            store(function, left == null ? 0 : left);
        } catch (RuntimeException e) {
            LOG.warn("could not give back a concurrency slot of function {}: {}", function, e.toString());
        }
    }

    /**
     * Writes this node's counts again with a fresh validity (they also correct a count that a
     * failed release left too high). Meant for a periodic task, every third of the validity.
     */
    void renew() {
        held.forEach(this::store);
        // counts that dropped to zero since the last renewal were written by their release
    }

    private void store(String function, int count) {
        store.run(tx -> {
            Map<String, Use> uses = read(tx, function);
            if (count == 0) {
                uses.remove(node);
            } else {
                uses.put(node, new Use(count, clock.millis() + validity.toMillis()));
            }
            write(tx, function, uses);
            return null;
        });
    }

    private static Map<String, Use> read(Transaction tx, String function) {
        byte[] bytes = tx.get(FunctionRecords.tuple(CONCURRENCY, function));
        Map<String, Use> uses = new TreeMap<>();
        if (bytes == null) {
            return uses;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalStateException("unknown format of the concurrency record of " + function);
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                uses.put(in.readUTF(), new Use(in.readInt(), in.readLong()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    private static void write(Transaction tx, String function, Map<String, Use> uses) {
        byte[] key = FunctionRecords.tuple(CONCURRENCY, function);
        if (uses.isEmpty()) {
            tx.clear(key);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(uses.size());
            for (Map.Entry<String, Use> e : uses.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().count());
                out.writeLong(e.getValue().expiresMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tx.put(key, bytes.toByteArray());
    }
}
