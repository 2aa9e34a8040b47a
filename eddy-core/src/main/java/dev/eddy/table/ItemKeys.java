package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Store keys of a table's items: (ITEM, tableId, pk, sk). */
final class ItemKeys {
    private ItemKeys() {
    }

    static byte[] key(TableMeta table, Map<String, AttributeValue> item) {
        KeySchema ks = table.key();
        ByteArrayOutputStream out = prefixOf(table.id());
        element(out, item.get(ks.hashName()));
        if (ks.hasRange()) {
            element(out, item.get(ks.rangeName()));
        }
        return out.toByteArray();
    }

    static KeyRange table(long tableId) {
        return KeyRange.prefix(prefixOf(tableId).toByteArray());
    }

    private static ByteArrayOutputStream prefixOf(long tableId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48);
        out.write(Keyspace.ITEM.prefix());
        for (int i = 7; i >= 0; i--) {
            out.write((int) (tableId >>> (8 * i)));
        }
        return out;
    }

    private static void element(ByteArrayOutputStream out, AttributeValue v) {
        byte[] raw = switch (v) {
            case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8);
            case AttributeValue.N n -> n.text().getBytes(StandardCharsets.US_ASCII);
            case AttributeValue.B b -> b.value();
            default -> throw new IllegalArgumentException("not a key type: " + v.type());
        };
        for (byte b : raw) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
    }
}
