package dev.eddy.item;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form in which items are stored: compact, fast, and independent of any wire format.
 *
 * <p>Layout: a format byte, then the attribute count and each (name, value). A value is a type tag
 * followed by its content; lengths and counts are unsigned varints.
 */
public final class ItemCodec {

    /** Format of a stored item. Frozen: stored data depends on it. */
    static final int FORMAT_V1 = 1;

    /** Type tags of stored values. Frozen once data has been written with them: never renumber. */
    static final int TAG_S = 1;

    static final int TAG_N = 2;
    static final int TAG_B = 3;
    static final int TAG_TRUE = 4;
    static final int TAG_FALSE = 5;
    static final int TAG_NULL = 6;
    static final int TAG_L = 7;
    static final int TAG_M = 8;
    static final int TAG_SS = 9;
    static final int TAG_NS = 10;
    static final int TAG_BS = 11;

    private ItemCodec() {}

    public static byte[] encode(Map<String, AttributeValue> item) {
        Out out = new Out(estimate(item));
        out.write(FORMAT_V1);
        writeMap(out, item);
        return out.toByteArray();
    }

    /**
     * A first buffer size for {@code item}: its top-level names (one byte per character), string
     * values at their UTF-8 length, binary values at theirs, plus room for tags, lengths and
     * small values. Most items then fit without the buffer growing (each growth copies what was
     * written so far); a larger item still grows as needed. The stored bytes do not depend on it.
     */
    private static int estimate(Map<String, AttributeValue> item) {
        int size = 16;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().length() + 8;
            size += switch (e.getValue()) {
                case AttributeValue.S s -> (int) s.utf8Length() + 5;
                case AttributeValue.B b -> b.value().length + 5;
                default -> 32;
            };
        }
        return size;
    }

    public static Map<String, AttributeValue> decode(byte[] bytes) {
        In in = new In(bytes);
        int format = in.read();
        if (format != FORMAT_V1) {
            throw new IllegalStateException("unknown item format " + format);
        }
        // the map is new and no one else holds it: wrapping it is enough, a copy would be waste
        return Collections.unmodifiableMap(readMap(in));
    }

    /** Encodes a single value (for index and stream records that store values alone). */
    public static byte[] encodeValue(AttributeValue v) {
        Out out = new Out(32);
        writeValue(out, v);
        return out.toByteArray();
    }

    public static AttributeValue decodeValue(byte[] bytes) {
        return readValue(new In(bytes));
    }

    private static void writeMap(Out out, Map<String, AttributeValue> map) {
        out.varint(map.size());
        for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
            out.string(e.getKey());
            writeValue(out, e.getValue());
        }
    }

    private static void writeValue(Out out, AttributeValue v) {
        switch (v) {
            case AttributeValue.S s -> {
                out.write(TAG_S);
                out.string(s.value());
            }
            case AttributeValue.N n -> {
                out.write(TAG_N);
                out.number(n.value());
            }
            case AttributeValue.B b -> {
                out.write(TAG_B);
                out.bytes(b.value());
            }
            case AttributeValue.Bool b -> out.write(b.value() ? TAG_TRUE : TAG_FALSE);
            case AttributeValue.Null ignored -> out.write(TAG_NULL);
            case AttributeValue.L l -> {
                out.write(TAG_L);
                out.varint(l.values().size());
                l.values().forEach(e -> writeValue(out, e));
            }
            case AttributeValue.M m -> {
                out.write(TAG_M);
                writeMap(out, m.values());
            }
            case AttributeValue.SS ss -> {
                out.write(TAG_SS);
                out.varint(ss.values().size());
                ss.values().forEach(out::string);
            }
            case AttributeValue.NS ns -> {
                out.write(TAG_NS);
                out.varint(ns.values().size());
                ns.values().forEach(out::number);
            }
            case AttributeValue.BS bs -> {
                out.write(TAG_BS);
                out.varint(bs.values().size());
                bs.values().forEach(b -> out.bytes(b.value()));
            }
        }
    }

    private static Map<String, AttributeValue> readMap(In in) {
        int n = in.varint();
        Map<String, AttributeValue> map = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            String name = in.string();
            map.put(name, readValue(in));
        }
        return map;
    }

    private static AttributeValue readValue(In in) {
        int tag = in.read();
        return switch (tag) {
            case TAG_S -> new AttributeValue.S(in.string());
            case TAG_N -> new AttributeValue.N(in.number());
            case TAG_B -> new AttributeValue.B(in.bytes());
            case TAG_TRUE -> new AttributeValue.Bool(true);
            case TAG_FALSE -> new AttributeValue.Bool(false);
            case TAG_NULL -> AttributeValue.NULL;
            case TAG_L -> {
                int n = in.varint();
                List<AttributeValue> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readValue(in));
                }
                yield new AttributeValue.L(list);
            }
            case TAG_M -> new AttributeValue.M(readMap(in));
            case TAG_SS -> {
                int n = in.varint();
                List<String> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(in.string());
                }
                yield new AttributeValue.SS(list);
            }
            case TAG_NS -> {
                int n = in.varint();
                List<BigDecimal> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(in.number());
                }
                yield new AttributeValue.NS(list);
            }
            case TAG_BS -> {
                int n = in.varint();
                List<AttributeValue.B> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(new AttributeValue.B(in.bytes()));
                }
                yield new AttributeValue.BS(list);
            }
            default -> throw new IllegalStateException("unknown value tag " + tag);
        };
    }

    /** A growable byte buffer; unlike ByteArrayOutputStream its writes are not synchronized. */
    private static final class Out {
        private byte[] buf;
        private int count;

        Out(int size) {
            buf = new byte[size];
        }

        private void ensure(int extra) {
            if (count + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
            }
        }

        void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        void varint(int v) {
            ensure(5);
            while ((v & ~0x7F) != 0) {
                buf[count++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[count++] = (byte) v;
        }

        void bytes(byte[] b) {
            varint(b.length);
            write(b, 0, b.length);
        }

        void string(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void number(BigDecimal d) {
            // scale as zig-zag varint, then the unscaled value's two's complement bytes
            int scale = d.scale();
            varint((scale << 1) ^ (scale >> 31));
            bytes(d.unscaledValue().toByteArray());
        }
    }

    private static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        int read() {
            return buf[pos++] & 0xFF;
        }

        int varint() {
            int v = 0;
            int shift = 0;
            int b;
            do {
                b = read();
                v |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return v;
        }

        byte[] bytes() {
            int n = varint();
            byte[] r = new byte[n];
            System.arraycopy(buf, pos, r, 0, n);
            pos += n;
            return r;
        }

        String string() {
            int n = varint();
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        BigDecimal number() {
            int z = varint();
            int scale = (z >>> 1) ^ -(z & 1);
            return new BigDecimal(new BigInteger(bytes()), scale);
        }
    }
}
