package dev.eddy.cluster;

import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.StoreException;
import dev.eddy.store.Tuple;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How leases are stored: {@code (LEASE, group, key)}. Stored form, FROZEN: format byte 1, the owner
 * (modified UTF-8, empty when unowned), the expiry as epoch milliseconds, the counter.
 */
final class LeaseTable {
    private static final byte FORMAT = 1;

    private LeaseTable() {}

    static byte[] key(String group, String key) {
        return Keyspace.LEASE.key(Tuple.of(group, key));
    }

    static Lease read(ReadView view, String group, String key) {
        byte[] bytes = view.get(key(group, key));
        return bytes == null ? null : decode(group, key, bytes);
    }

    /** Every lease (node records excluded), in key order. */
    static List<Lease> all(ReadView view) {
        return scan(view, Tuple.empty());
    }

    /** The leases of {@code group}, in key order. */
    static List<Lease> group(ReadView view, String group) {
        return scan(view, Tuple.of(group));
    }

    private static List<Lease> scan(ReadView view, Tuple prefix) {
        List<Lease> out = new ArrayList<>();
        for (KeyValue kv : view.scan(Keyspace.LEASE.range(prefix), 0, false)) {
            Tuple t = Tuple.unpack(Arrays.copyOfRange(kv.key(), 1, kv.key().length));
            if (!t.getString(0).equals(NodeRegistry.NODE_GROUP)) {
                out.add(decode(t.getString(0), t.getString(1), kv.value()));
            }
        }
        return out;
    }

    static byte[] encode(Lease l) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(l.owner());
            out.writeLong(l.expiry().toEpochMilli());
            out.writeLong(l.counter());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Lease decode(String group, String key, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != FORMAT) {
                throw new StoreException("unreadable lease " + group + "/" + key, null);
            }
            String owner = in.readUTF();
            Instant expiry = Instant.ofEpochMilli(in.readLong());
            return new Lease(group, key, owner, expiry, in.readLong());
        } catch (IOException e) {
            throw new StoreException("unreadable lease " + group + "/" + key, e);
        }
    }
}
