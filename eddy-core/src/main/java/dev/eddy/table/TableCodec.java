package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of a table description (the value at META ("table", name)).
 *
 * <p>FROZEN once written. Format 1: the byte {@code 1}, then every field of {@link TableMeta} in
 * declaration order, big-endian: longs as 8 bytes, booleans as one byte, strings as an int length
 * (-1 for null) and UTF-8 bytes, enums by name as strings, maps as an int count and their entries
 * sorted by key, lists as an int count (-1 for null) and their elements, a {@link KeySchema} as a
 * presence byte and its four fields (first HASH name and type, first RANGE name and type, nulls
 * without a RANGE), an {@link IndexDefinition} as its nine fields.
 *
 * <p>FROZEN too. Format 2, written only when some key schema has several HASH or RANGE attributes
 * (a multi-attribute GSI key), so that every other description stays readable by format-1 readers:
 * the byte {@code 2}, then format 1's fields, except that a {@link KeySchema} is a presence byte,
 * an int count and the (name, type) pairs of its HASH attributes, then the same for its RANGE
 * attributes. A new field means format 3, with these readers kept.
 *
 * <p>Descriptions stored before format 1 are the reflective JSON of the record (first byte
 * {@code '{'}); {@link LegacyTableJson} reads them. Both readers are thread-safe.
 */
final class TableCodec {
    static final byte FORMAT_V1 = 1;
    static final byte FORMAT_V2 = 2;
    private static final byte LEGACY_JSON = '{';

    private TableCodec() {}

    static byte[] encode(TableMeta t) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            boolean v2 = needsV2(t);
            out.writeByte(v2 ? FORMAT_V2 : FORMAT_V1);
            string(out, t.name());
            out.writeLong(t.id());
            string(out, t.uuid());
            keySchema(out, t.key(), v2);
            out.writeInt(t.attributeDefinitions().size());
            for (Map.Entry<String, AttributeValue.Type> e : new TreeMap<>(t.attributeDefinitions()).entrySet()) {
                string(out, e.getKey());
                string(out, e.getValue().name());
            }
            string(out, name(t.billingMode()));
            out.writeLong(t.readCapacity());
            out.writeLong(t.writeCapacity());
            indexes(out, t.globalIndexes(), v2);
            indexes(out, t.localIndexes(), v2);
            out.writeBoolean(t.streamEnabled());
            string(out, name(t.streamViewType()));
            string(out, t.latestStreamLabel());
            out.writeInt(t.tags().size());
            for (Map.Entry<String, String> e : new TreeMap<>(t.tags()).entrySet()) {
                string(out, e.getKey());
                string(out, e.getValue());
            }
            out.writeLong(t.createdMillis());
            out.writeLong(t.payPerRequestSinceMillis());
            out.writeBoolean(t.deletionProtection());
            string(out, t.tableClass());
            string(out, t.ttlAttribute());
            out.writeBoolean(t.ttlEnabled());
            out.writeLong(t.ttlChangedMillis());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The description stored in {@code bytes}, in any format this version has written. */
    static TableMeta decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new StoreException("empty table description", null);
        }
        try {
            return switch (bytes[0]) {
                case FORMAT_V1 -> decode(ByteBuffer.wrap(bytes, 1, bytes.length - 1), false);
                case FORMAT_V2 -> decode(ByteBuffer.wrap(bytes, 1, bytes.length - 1), true);
                case LEGACY_JSON -> LegacyTableJson.read(bytes);
                default -> throw new StoreException("unknown table description format " + bytes[0], null);
            };
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new StoreException("unreadable table description", e);
        }
    }

    /** Whether the description needs format 2: some key with several HASH or RANGE attributes. */
    private static boolean needsV2(TableMeta t) {
        return t.key() != null && t.key().multiAttribute()
                || t.globalIndexes().stream()
                        .anyMatch(i -> i.key() != null && i.key().multiAttribute())
                || t.localIndexes().stream()
                        .anyMatch(i -> i.key() != null && i.key().multiAttribute());
    }

    /** Formats 1 and 2, which differ only in how key schemas are written. */
    private static TableMeta decode(ByteBuffer in, boolean v2) {
        TableMeta.Builder b = TableMeta.builder()
                .name(string(in))
                .id(in.getLong())
                .uuid(string(in))
                .key(keySchema(in, v2));
        int n = in.getInt();
        Map<String, AttributeValue.Type> definitions = new HashMap<>();
        for (int i = 0; i < n; i++) {
            definitions.put(string(in), AttributeValue.Type.valueOf(string(in)));
        }
        b.attributeDefinitions(definitions)
                .billingMode(BillingMode.fromWire(string(in)))
                .readCapacity(in.getLong())
                .writeCapacity(in.getLong())
                .globalIndexes(indexes(in, v2))
                .localIndexes(indexes(in, v2))
                .streamEnabled(bool(in))
                .streamViewType(StreamViewType.fromWire(string(in)))
                .latestStreamLabel(string(in));
        n = in.getInt();
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < n; i++) {
            tags.put(string(in), string(in));
        }
        TableMeta meta = b.tags(tags)
                .createdMillis(in.getLong())
                .payPerRequestSinceMillis(in.getLong())
                .deletionProtection(bool(in))
                .tableClass(string(in))
                .ttlAttribute(string(in))
                .ttlEnabled(bool(in))
                .ttlChangedMillis(in.getLong())
                .build();
        if (in.hasRemaining()) {
            // bytes this reader does not know: a newer writer that forgot to change the format
            throw new StoreException(
                    "table description " + meta.name() + " has " + in.remaining() + " unread bytes", null);
        }
        return meta;
    }

    private static void keySchema(DataOutputStream out, KeySchema k, boolean v2) throws IOException {
        out.writeBoolean(k != null);
        if (k != null && v2) {
            attributes(out, k.hashKeys());
            attributes(out, k.rangeKeys());
        } else if (k != null) {
            string(out, k.hashName());
            string(out, k.hashType() == null ? null : k.hashType().name());
            string(out, k.rangeName());
            string(out, k.rangeType() == null ? null : k.rangeType().name());
        }
    }

    private static KeySchema keySchema(ByteBuffer in, boolean v2) {
        if (!bool(in)) {
            return null;
        }
        if (v2) {
            return new KeySchema(attributes(in), attributes(in));
        }
        return new KeySchema(string(in), type(string(in)), string(in), type(string(in)));
    }

    private static void attributes(DataOutputStream out, List<KeySchema.Attribute> attributes) throws IOException {
        out.writeInt(attributes.size());
        for (KeySchema.Attribute a : attributes) {
            string(out, a.name());
            string(out, a.type() == null ? null : a.type().name());
        }
    }

    private static List<KeySchema.Attribute> attributes(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        List<KeySchema.Attribute> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new KeySchema.Attribute(string(in), type(string(in))));
        }
        return out;
    }

    private static void indexes(DataOutputStream out, List<IndexDefinition> indexes, boolean v2) throws IOException {
        out.writeInt(indexes.size());
        for (IndexDefinition i : indexes) {
            string(out, i.name());
            out.writeBoolean(i.global());
            keySchema(out, i.key(), v2);
            string(out, i.projectionType());
            strings(out, i.nonKeyAttributes());
            out.writeLong(i.readCapacity());
            out.writeLong(i.writeCapacity());
            string(out, name(i.status()));
            out.writeBoolean(i.backfilling());
        }
    }

    private static List<IndexDefinition> indexes(ByteBuffer in, boolean v2) {
        int n = in.getInt();
        List<IndexDefinition> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new IndexDefinition(
                    string(in),
                    bool(in),
                    keySchema(in, v2),
                    string(in),
                    strings(in),
                    in.getLong(),
                    in.getLong(),
                    IndexStatus.fromWire(string(in)),
                    bool(in)));
        }
        return out;
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list == null ? -1 : list.size());
        if (list != null) {
            for (String s : list) {
                string(out, s);
            }
        }
    }

    private static List<String> strings(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0) {
            return null;
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string(in));
        }
        return out;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(ByteBuffer in) {
        int len = in.getInt();
        if (len < 0) {
            return null;
        }
        if (len > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
        in.position(in.position() + len);
        return s;
    }

    private static boolean bool(ByteBuffer in) {
        return in.get() != 0;
    }

    /** An enum as stored: by name, null for null. */
    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static AttributeValue.Type type(String name) {
        return name == null ? null : AttributeValue.Type.valueOf(name);
    }
}
