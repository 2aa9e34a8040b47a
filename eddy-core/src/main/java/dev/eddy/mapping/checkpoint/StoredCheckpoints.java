package dev.eddy.mapping.checkpoint;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.StoreException;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CheckpointStore} in the {@link Store}, under {@link Keyspace#CHECKPOINT} at
 * {@code (uuid, shardId)}. The conditional write reads the key in the same transaction as it
 * writes it, so the store's conflict check makes it atomic.
 *
 * <p>Stored form, FROZEN: format byte 1, the sequence number as an 8-byte big-endian {@code long},
 * then {@code shardEnded} as one byte (0 or 1). A new format gets the next version byte.
 */
public final class StoredCheckpoints implements CheckpointStore {
    static final byte FORMAT = 1;

    private final Store store;

    public StoredCheckpoints(Store store) {
        this.store = store;
    }

    @Override
    public Optional<Checkpoint> read(String uuid, String shardId) {
        try (ReadView view = store.snapshot()) {
            return Optional.ofNullable(view.get(key(uuid, shardId))).map(StoredCheckpoints::decode);
        }
    }

    @Override
    public Map<String, Checkpoint> readAll(String uuid) {
        Map<String, Checkpoint> out = new LinkedHashMap<>();
        try (ReadView view = store.snapshot()) {
            for (KeyValue kv : view.scan(range(uuid), 0, false)) {
                Tuple t = Tuple.unpack(Arrays.copyOfRange(kv.key(), 1, kv.key().length));
                out.put(t.getString(1), decode(kv.value()));
            }
        }
        return out;
    }

    @Override
    public boolean compareAndSet(String uuid, String shardId, Checkpoint expected, Checkpoint next) {
        Objects.requireNonNull(next, "next");
        return store.run(tx -> compareAndSet(tx, uuid, shardId, expected, next));
    }

    @Override
    public boolean compareAndSet(Transaction tx, String uuid, String shardId, Checkpoint expected, Checkpoint next) {
        Objects.requireNonNull(next, "next");
        byte[] key = key(uuid, shardId);
        byte[] stored = tx.get(key);
        Checkpoint current = stored == null ? null : decode(stored);
        if (!Objects.equals(current, expected)) {
            return false;
        }
        tx.put(key, encode(next));
        return true;
    }

    @Override
    public void removeAll(String uuid) {
        KeyRange r = range(uuid);
        store.run(tx -> {
            tx.clearRange(r.begin(), r.end());
            return null;
        });
    }

    static byte[] encode(Checkpoint c) {
        return ByteBuffer.allocate(10)
                .put(FORMAT)
                .putLong(c.sequence())
                .put((byte) (c.shardEnded() ? 1 : 0))
                .array();
    }

    static Checkpoint decode(byte[] bytes) {
        if (bytes.length != 10 || bytes[0] != FORMAT || (bytes[9] != 0 && bytes[9] != 1)) {
            throw new StoreException("unreadable checkpoint of " + bytes.length + " bytes", null);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 1, 9);
        return new Checkpoint(b.getLong(), b.get() == 1);
    }

    private static byte[] key(String uuid, String shardId) {
        return Keyspace.CHECKPOINT.key(Tuple.of(uuid, shardId));
    }

    private static KeyRange range(String uuid) {
        return Keyspace.CHECKPOINT.range(Tuple.of(uuid));
    }
}
