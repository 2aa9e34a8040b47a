package dev.eddy.item;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A forward cursor over the stored form of an item ({@link ItemCodec}), for readers that need its
 * content but not {@link AttributeValue} objects: a Query or Scan answer is written from it, and
 * the item's size is computed from it. Reading through it gives exactly what decoding the item and
 * reading the decoded values gives (same strings, same canonical number text, same sizes).
 *
 * <p>The caller walks the encoding in order: {@link #count()} before the members of an item, a map,
 * a list or a set, {@link #name()} (or {@link #length()} and the bytes) before each member of an item or a
 * map, {@link #type()} before each value, then the value's content with the reader of its type.
 * Not thread-safe: one cursor per walk.
 */
public final class StoredReader {
    private final byte[] buf;
    private int pos;
    private boolean bool;

    /**
     * A cursor at the attribute count of a stored item; the array is read, never written, and must
     * not change while the cursor is used.
     *
     * @throws IllegalStateException when the bytes are not a stored item of a known format
     */
    public StoredReader(byte[] item) {
        if (item.length == 0 || (item[0] & 0xFF) != ItemCodec.FORMAT_V1) {
            throw new IllegalStateException("unknown item format " + (item.length == 0 ? -1 : item[0] & 0xFF));
        }
        this.buf = item;
        this.pos = 1;
    }

    /** The members that follow: of the item, of a map, list or set whose type was just read. */
    public int count() {
        return varint();
    }

    /** The next value's type; for BOOL its value is then {@link #bool()}, for NULL nothing follows. */
    public AttributeValue.Type type() {
        int tag = buf[pos++] & 0xFF;
        return switch (tag) {
            case ItemCodec.TAG_S -> AttributeValue.Type.S;
            case ItemCodec.TAG_N -> AttributeValue.Type.N;
            case ItemCodec.TAG_B -> AttributeValue.Type.B;
            case ItemCodec.TAG_TRUE, ItemCodec.TAG_FALSE -> {
                bool = tag == ItemCodec.TAG_TRUE;
                yield AttributeValue.Type.BOOL;
            }
            case ItemCodec.TAG_NULL -> AttributeValue.Type.NULL;
            case ItemCodec.TAG_L -> AttributeValue.Type.L;
            case ItemCodec.TAG_M -> AttributeValue.Type.M;
            case ItemCodec.TAG_SS -> AttributeValue.Type.SS;
            case ItemCodec.TAG_NS -> AttributeValue.Type.NS;
            case ItemCodec.TAG_BS -> AttributeValue.Type.BS;
            default -> throw new IllegalStateException("unknown value tag " + tag);
        };
    }

    /** The value of the BOOL whose type was just read. */
    public boolean bool() {
        return bool;
    }

    /** The next attribute name. */
    public String name() {
        return string();
    }

    /** The next string (an S, an element of an SS). */
    public String string() {
        int n = varint();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /**
     * The length in bytes of the next name, string or binary (UTF-8 for text), leaving the cursor on
     * its first byte: the caller reads them from {@link #array()} at {@link #position()}, then
     * {@link #skip}s them.
     */
    public int length() {
        return varint();
    }

    /** The stored bytes; read-only for the caller. */
    public byte[] array() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public void skip(int n) {
        pos += n;
    }

    /** The next number, as decoding gives it. */
    public BigDecimal number() {
        int scale = scale();
        int n = varint();
        BigDecimal d = n >= 1 && n <= 8 ? BigDecimal.valueOf(unscaled(n), scale) : new BigDecimal(big(n), scale);
        pos += n;
        return Numbers.normalise(d);
    }

    /** The next number's canonical text ({@link AttributeValue.N#text()} of the decoded value). */
    public String numberText() {
        int mark = pos;
        int scale = scale();
        int n = varint();
        if (n >= 1 && n <= 8) {
            long v = unscaled(n);
            // stored numbers are normalised: no trailing zero in the unscaled value except for 0
            if (v % 10 != 0) {
                pos += n;
                return scale == 0
                        ? Long.toString(v)
                        : BigDecimal.valueOf(v, scale).toPlainString();
            }
        }
        pos = mark;
        return Numbers.text(number());
    }

    /** The next number's size as DynamoDB counts it ({@link Items#size(AttributeValue)}). */
    public long numberSize() {
        int mark = pos;
        int scale = scale();
        int n = varint();
        if (n >= 1 && n <= 8) {
            long v = unscaled(n);
            if (v % 10 != 0 && v != Long.MIN_VALUE) {
                pos += n;
                return Items.numberSize(digits(Math.abs(v)), scale);
            }
        }
        pos = mark;
        return Items.numberSize(number());
    }

    /**
     * The size DynamoDB bills for the whole item, read from here to the end: {@link Items#size(java.util.Map)}
     * of the decoded item. The cursor must be at the attribute count (fresh).
     */
    public long itemSize() {
        long total = 0;
        for (int i = count(); i > 0; i--) {
            int name = varint();
            pos += name;
            total += name + valueSize();
        }
        return total;
    }

    /** The size of the next value, without its name ({@link Items#size(AttributeValue)}). */
    private long valueSize() {
        return switch (type()) {
            case S, B -> {
                int n = varint();
                pos += n;
                yield n;
            }
            case N -> numberSize();
            case BOOL, NULL -> 1;
            case L -> {
                long t = 3;
                for (int i = count(); i > 0; i--) {
                    t += 1 + valueSize();
                }
                yield t;
            }
            case M -> {
                long t = 3;
                for (int i = count(); i > 0; i--) {
                    int name = varint();
                    pos += name;
                    t += 1 + name + valueSize();
                }
                yield t;
            }
            case SS, BS -> {
                long t = 0;
                for (int i = count(); i > 0; i--) {
                    int n = varint();
                    pos += n;
                    t += n;
                }
                yield t;
            }
            case NS -> {
                long t = 0;
                for (int i = count(); i > 0; i--) {
                    t += numberSize();
                }
                yield t;
            }
        };
    }

    /** Decimal digits of a non-negative long. */
    static int digits(long v) {
        // compared with powers of ten rather than divided: a division costs tens of cycles
        int d = 1;
        for (long p = 10; d < 19 && v >= p; p *= 10) {
            d++;
        }
        return d;
    }

    private int scale() {
        int z = varint();
        return (z >>> 1) ^ -(z & 1);
    }

    /** The unscaled value of {@code n} (1 to 8) two's complement bytes at the cursor, not consumed. */
    private long unscaled(int n) {
        long v = buf[pos]; // sign-extended
        for (int i = 1; i < n; i++) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        return v;
    }

    private BigInteger big(int n) {
        return new BigInteger(buf, pos, n);
    }

    private int varint() {
        int v = 0;
        int shift = 0;
        int b;
        do {
            b = buf[pos++] & 0xFF;
            v |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return v;
    }
}
