package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.KeyEncoding;
import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The TTL index of the tables with TTL enabled: TTL (tableId, expiresAt, pk, [sk]) → empty, in
 * expiry order, so the sweeper reads exactly the expired items instead of scanning tables.
 * Maintained in every item write's transaction.
 */
final class TtlIndex implements WriteMaintainer {
    private static final byte[] EMPTY = new byte[0];
    /** DynamoDB ignores expiry times more than five years in the past. */
    static final long MAX_AGE_SECONDS = 5L * 365 * 24 * 3600;

    @Override
    public void onWrite(Transaction tx, TableMeta table, ItemWrite write) {
        if (!table.ttlEnabled()) {
            return;
        }
        byte[] oldKey = write.oldItem() == null ? null : key(table, write.oldItem());
        byte[] newKey = write.newItem() == null ? null : key(table, write.newItem());
        if (oldKey != null && (newKey == null || !Arrays.equals(oldKey, newKey))) {
            tx.clear(oldKey);
        }
        if (newKey != null) {
            tx.put(newKey, EMPTY);
        }
    }

    static KeyRange table(long tableId) {
        return Keyspace.TTL.range(Tuple.of(tableId));
    }

    /** The entries expiring in [{@code fromSeconds}, {@code toSeconds}). */
    static KeyRange expiring(long tableId, long fromSeconds, long toSeconds) {
        return new KeyRange(
                Keyspace.TTL.key(Tuple.of(tableId, fromSeconds)), Keyspace.TTL.key(Tuple.of(tableId, toSeconds)));
    }

    /** The item's entry, or null when TTL is off or the item has no usable expiry time. */
    static byte[] key(TableMeta table, Map<String, AttributeValue> item) {
        Long expires = expiry(table, item);
        if (expires == null) {
            return null;
        }
        KeySchema ks = table.key();
        Tuple t = Tuple.of(table.id(), expires, KeyEncoding.encode(item.get(ks.hashName())));
        if (ks.hasRange()) {
            t = t.add(KeyEncoding.encode(item.get(ks.rangeName())));
        }
        return Keyspace.TTL.key(t);
    }

    /** The expiry time in epoch seconds: the TTL attribute when it is a top-level Number, else null. */
    static Long expiry(TableMeta table, Map<String, AttributeValue> item) {
        if (!table.ttlEnabled() || table.ttlAttribute() == null) {
            return null;
        }
        if (!(item.get(table.ttlAttribute()) instanceof AttributeValue.N n)) {
            return null;
        }
        BigDecimal seconds = n.value().setScale(0, RoundingMode.FLOOR);
        if (seconds.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return null;
        }
        return seconds.longValueExact();
    }

    /** The table key of an entry. */
    static Map<String, AttributeValue> itemKey(TableMeta table, byte[] entry) {
        Tuple t = Tuple.unpack(Arrays.copyOfRange(entry, 1, entry.length));
        KeySchema ks = table.key();
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(ks.hashName(), KeyEncoding.decode(t.getBytes(2)));
        if (ks.hasRange()) {
            key.put(ks.rangeName(), KeyEncoding.decode(t.getBytes(3)));
        }
        return key;
    }
}
