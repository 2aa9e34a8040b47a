package dev.eddy.cluster;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.StoreException;
import dev.eddy.store.Tuple;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The registry of the nodes sharing a store: each node writes its own record at
 * {@code (LEASE, "node", id)} on every {@link #heartbeat()}; a node whose last heartbeat is older
 * than the lease duration counts as dead (its leases expire at the same time).
 *
 * <p>Stored form, FROZEN: format byte 1, then the address (modified UTF-8), the start and the last
 * heartbeat as epoch milliseconds.
 *
 * <p>Thread-safe; every method is one store transaction.
 */
public final class NodeRegistry {
    /** The first element of a node record's tuple; no mapping uuid is spelled so. */
    static final String NODE_GROUP = "node";

    private static final byte FORMAT = 1;

    private final Store store;
    private final InstantSource clock;
    private final String id;
    private final Supplier<String> address;
    private final Instant started;

    /**
     * @param id this node's id
     * @param address this node's advertised address (empty: none), asked at every heartbeat (a
     *     listener on port 0 knows its port only once it listens)
     */
    public NodeRegistry(Store store, InstantSource clock, String id, Supplier<String> address) {
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a node id must not be empty");
        }
        this.store = store;
        this.clock = clock;
        this.id = id;
        this.address = address;
        this.started = clock.instant();
    }

    /** This node's id. */
    public String nodeId() {
        return id;
    }

    /** Writes this node's record with the current time as its last heartbeat. Idempotent. */
    public void heartbeat() {
        NodeRecord r = new NodeRecord(id, address.get(), started, clock.instant());
        store.run(tx -> {
            tx.put(key(id), encode(r));
            return null;
        });
    }

    /** Removes this node's record (on a clean shutdown), so that others see it gone at once. */
    public void leave() {
        store.run(tx -> {
            tx.clear(key(id));
            return null;
        });
    }

    /** Every registered node, live or not, ordered by id. */
    public List<NodeRecord> nodes() {
        List<NodeRecord> out = new ArrayList<>();
        KeyRange r = Keyspace.LEASE.range(Tuple.of(NODE_GROUP));
        try (ReadView view = store.snapshot()) {
            for (KeyValue kv : view.scan(r, 0, false)) {
                Tuple t = Tuple.unpack(Arrays.copyOfRange(kv.key(), 1, kv.key().length));
                out.add(decode(t.getString(1), kv.value()));
            }
        }
        return out;
    }

    /** The ids of the nodes live at {@code now} (heartbeat within {@code expiry}), this one always included. */
    public List<String> live(Instant now, Duration expiry) {
        List<String> out = new ArrayList<>();
        for (NodeRecord n : nodes()) {
            if (n.id().equals(id) || n.live(now, expiry)) {
                out.add(n.id());
            }
        }
        if (!out.contains(id)) {
            out.add(id);
        }
        return out;
    }

    /** Removes the records of nodes dead for more than {@code forgetAfter} at {@code now}. */
    public void forgetDead(Instant now, Duration forgetAfter) {
        for (NodeRecord n : nodes()) {
            if (!n.id().equals(id) && !n.live(now, forgetAfter)) {
                store.run(tx -> {
                    byte[] stored = tx.get(key(n.id()));
                    // a node that came back meanwhile keeps its record
                    if (stored != null && !decode(n.id(), stored).live(now, forgetAfter)) {
                        tx.clear(key(n.id()));
                    }
                    return null;
                });
            }
        }
    }

    private static byte[] key(String id) {
        return Keyspace.LEASE.key(Tuple.of(NODE_GROUP, id));
    }

    static byte[] encode(NodeRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(r.address());
            out.writeLong(r.started().toEpochMilli());
            out.writeLong(r.lastSeen().toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static NodeRecord decode(String id, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != FORMAT) {
                throw new StoreException("unreadable record of node " + id, null);
            }
            String address = in.readUTF();
            Instant started = Instant.ofEpochMilli(in.readLong());
            return new NodeRecord(id, address, started, Instant.ofEpochMilli(in.readLong()));
        } catch (IOException e) {
            throw new StoreException("unreadable record of node " + id, e);
        }
    }
}
