package dev.eddy.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable list of typed elements packed into a store key whose unsigned byte order equals the
 * element-wise order of the tuples (the FoundationDB tuple layer's encoding, reduced to the types
 * Eddy needs). Every key of the keyspace is a tuple, for example {@code ("item", tableId, pk, sk)}.
 *
 * <p>Elements and their order:
 *
 * <ul>
 *   <li>{@code byte[]}: unsigned byte order; a proper prefix sorts first.
 *   <li>{@link String}: order of the UTF-8 bytes (which is code point order); a proper prefix sorts
 *       first. Strings must be well-formed (no unpaired surrogates).
 *   <li>{@link Long} (also accepted as {@link Integer}): numeric order, negatives first.
 *   <li>{@link Tuple}: a nested tuple, ordered element-wise.
 * </ul>
 *
 * Elements of different types at the same position order by type: byte strings, then strings,
 * then nested tuples, then integers. A tuple that is a proper prefix of another sorts first, so
 * {@link #range()} of a tuple holds exactly the keys of the tuples that extend it. Already-encoded
 * parts (such as a DynamoDB key value encoded by {@code dev.eddy.item.KeyEncoding}) go in as
 * {@code byte[]} elements and keep their byte order.
 *
 * <p>Encoding, frozen once data has been written with it (do not renumber):
 *
 * <ul>
 *   <li>{@code 0x01} bytes, {@code 0x02} UTF-8 string: the content with each {@code 0x00} written
 *       as {@code 0x00 0xFF}, then a terminating {@code 0x00};
 *   <li>{@code 0x05} nested tuple: the packed elements, then {@code 0x00};
 *   <li>{@code 0x14} zero; {@code 0x14 + n} a positive integer as n big-endian bytes;
 *       {@code 0x14 - n} a negative integer as the n-byte one's complement of its magnitude.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; {@code byte[]} elements are copied in and out.
 */
public final class Tuple implements Comparable<Tuple> {

    // Type codes: frozen, see the class comment.
    static final int BYTES = 0x01;
    static final int STRING = 0x02;
    static final int NESTED = 0x05;
    static final int INT_ZERO = 0x14;
    private static final int ESCAPE = 0xFF;

    private static final Tuple EMPTY = new Tuple(List.of());

    /** String, byte[] (private copies), Long or Tuple. */
    private final List<Object> elements;

    private Tuple(List<Object> elements) {
        this.elements = elements;
    }

    /** The tuple of no elements; it packs to the empty key. */
    public static Tuple empty() {
        return EMPTY;
    }

    /**
     * A tuple of the given elements: {@code String}, {@code byte[]}, {@code Long}, {@code Integer}
     * or {@code Tuple}.
     *
     * @throws IllegalArgumentException for a null or an element of another type
     */
    public static Tuple of(Object... elements) {
        return from(Arrays.asList(elements));
    }

    /** Like {@link #of}, from a list. */
    public static Tuple from(List<?> elements) {
        List<Object> list = new ArrayList<>(elements.size());
        for (Object e : elements) {
            list.add(checked(e));
        }
        return new Tuple(Collections.unmodifiableList(list));
    }

    private static Object checked(Object e) {
        return switch (e) {
            case String s -> s;
            case byte[] b -> b.clone();
            case Long l -> l;
            case Integer i -> (long) i;
            case Tuple t -> t;
            case null -> throw new IllegalArgumentException("null tuple element");
            default ->
                throw new IllegalArgumentException(
                        "unsupported tuple element: " + e.getClass().getName());
        };
    }

    private Tuple with(Object e) {
        List<Object> list = new ArrayList<>(elements.size() + 1);
        list.addAll(elements);
        list.add(e);
        return new Tuple(Collections.unmodifiableList(list));
    }

    public Tuple add(String s) {
        return with(Objects.requireNonNull(s));
    }

    public Tuple add(long v) {
        return with(v);
    }

    /** Adds a byte string, for instance an already-encoded key part. */
    public Tuple add(byte[] b) {
        return with(b.clone());
    }

    public Tuple add(Tuple nested) {
        return with(Objects.requireNonNull(nested));
    }

    /** This tuple's elements followed by {@code other}'s (concatenation, not nesting). */
    public Tuple addAll(Tuple other) {
        List<Object> list = new ArrayList<>(elements.size() + other.elements.size());
        list.addAll(elements);
        list.addAll(other.elements);
        return new Tuple(Collections.unmodifiableList(list));
    }

    public int size() {
        return elements.size();
    }

    /** The element at {@code i}: a {@code String}, {@code byte[]} (a copy), {@code Long} or {@code Tuple}. */
    public Object get(int i) {
        Object e = elements.get(i);
        return e instanceof byte[] b ? b.clone() : e;
    }

    public String getString(int i) {
        return (String) elements.get(i);
    }

    public long getLong(int i) {
        return (Long) elements.get(i);
    }

    public byte[] getBytes(int i) {
        return ((byte[]) elements.get(i)).clone();
    }

    public Tuple getNested(int i) {
        return (Tuple) elements.get(i);
    }

    /** The elements {@code [from, to)} as a tuple. */
    public Tuple subTuple(int from, int to) {
        return new Tuple(elements.subList(from, to));
    }

    /** The elements, {@code byte[]} ones copied. */
    public List<Object> elements() {
        List<Object> list = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            list.add(get(i));
        }
        return list;
    }

    /** The key: the encoding of the elements in order. */
    public byte[] pack() {
        Writer w = new Writer();
        for (Object e : elements) {
            w.element(e);
        }
        return w.toByteArray();
    }

    /**
     * The keys of every tuple that extends this one by at least one element (FoundationDB's
     * {@code Tuple.range()}); the key of this tuple itself is not included.
     */
    public KeyRange range() {
        byte[] p = pack();
        byte[] begin = Arrays.copyOf(p, p.length + 1);
        byte[] end = Arrays.copyOf(p, p.length + 1);
        end[p.length] = (byte) 0xFF;
        return new KeyRange(begin, end);
    }

    /**
     * The keys of every tuple that has this tuple's elements except the last, followed by a
     * string (or byte string) that begins with this tuple's last element and then any further
     * elements. This is a {@code begins_with} on the last position.
     *
     * @throws IllegalStateException when the last element is not a {@code String} or {@code byte[]}
     */
    public KeyRange beginsWithRange() {
        if (elements.isEmpty() || !(elements.getLast() instanceof String || elements.getLast() instanceof byte[])) {
            throw new IllegalStateException("the last element must be a string or byte string");
        }
        Writer w = new Writer();
        for (int i = 0; i < elements.size() - 1; i++) {
            w.element(elements.get(i));
        }
        Object last = elements.getLast();
        if (last instanceof String s) {
            w.write(STRING);
            w.utf8Escaped(s);
        } else {
            w.write(BYTES);
            w.escaped((byte[]) last);
        }
        return KeyRange.prefix(w.toByteArray());
    }

    /**
     * Decodes a key produced by {@link #pack()}.
     *
     * @throws IllegalArgumentException when {@code key} is not a packed tuple
     */
    public static Tuple unpack(byte[] key) {
        Reader r = new Reader(key);
        List<Object> list = r.elements(false);
        return new Tuple(Collections.unmodifiableList(list));
    }

    /** Compares the packed keys: element-wise order as described in the class comment. */
    @Override
    public int compareTo(Tuple other) {
        return Arrays.compareUnsigned(pack(), other.pack());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple t && Arrays.equals(pack(), t.pack());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pack());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object e = elements.get(i);
            switch (e) {
                case String s -> sb.append('"').append(s).append('"');
                case byte[] b -> sb.append("0x").append(java.util.HexFormat.of().formatHex(b));
                default -> sb.append(e);
            }
        }
        return sb.append(')').toString();
    }

    /** A growable byte buffer; unlike ByteArrayOutputStream its writes are not synchronized. */
    private static final class Writer {
        private byte[] buf = new byte[32];
        private int count;

        void write(int b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        void element(Object e) {
            switch (e) {
                case String s -> {
                    write(STRING);
                    utf8Escaped(s);
                    write(0x00);
                }
                case byte[] b -> {
                    write(BYTES);
                    escaped(b);
                    write(0x00);
                }
                case Long l -> integer(l);
                case Tuple t -> {
                    write(NESTED);
                    for (Object inner : t.elements) {
                        element(inner);
                    }
                    write(0x00);
                }
                default -> throw new IllegalStateException("unreachable: " + e);
            }
        }

        void escaped(byte[] b) {
            for (byte x : b) {
                write(x);
                if (x == 0) {
                    write(ESCAPE);
                }
            }
        }

        /** UTF-8, rejecting unpaired surrogates (they have no UTF-8 form and would not round-trip). */
        void utf8Escaped(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == 0) {
                    write(0x00);
                    write(ESCAPE);
                } else if (c < 0x80) {
                    write(c);
                } else if (c < 0x800) {
                    write(0xC0 | (c >> 6));
                    write(0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    if (!Character.isHighSurrogate(c)
                            || i + 1 == s.length()
                            || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw new IllegalArgumentException("string has an unpaired surrogate at index " + i);
                    }
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    write(0xF0 | (cp >> 18));
                    write(0x80 | ((cp >> 12) & 0x3F));
                    write(0x80 | ((cp >> 6) & 0x3F));
                    write(0x80 | (cp & 0x3F));
                } else {
                    write(0xE0 | (c >> 12));
                    write(0x80 | ((c >> 6) & 0x3F));
                    write(0x80 | (c & 0x3F));
                }
            }
        }

        void integer(long v) {
            if (v == 0) {
                write(INT_ZERO);
                return;
            }
            // for Long.MIN_VALUE, -v overflows back to 0x8000...: exactly the magnitude 2^63 unsigned
            long magnitude = v > 0 ? v : -v;
            int n = (64 - Long.numberOfLeadingZeros(magnitude) + 7) / 8;
            long body = v > 0 ? magnitude : ~magnitude;
            write(v > 0 ? INT_ZERO + n : INT_ZERO - n);
            for (int i = n - 1; i >= 0; i--) {
                write((int) (body >>> (8 * i)));
            }
        }
    }

    private static final class Reader {
        private final byte[] in;
        private int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        List<Object> elements(boolean nested) {
            List<Object> list = new ArrayList<>();
            while (pos < in.length) {
                int code = in[pos] & 0xFF;
                if (nested && code == 0x00) {
                    pos++;
                    return list;
                }
                pos++;
                list.add(element(code));
            }
            if (nested) {
                throw invalid("unterminated nested tuple");
            }
            return list;
        }

        private Object element(int code) {
            if (code == BYTES) {
                return unescaped();
            }
            if (code == STRING) {
                return new String(unescaped(), StandardCharsets.UTF_8);
            }
            if (code == NESTED) {
                return new Tuple(Collections.unmodifiableList(elements(true)));
            }
            if (code >= INT_ZERO - 8 && code <= INT_ZERO + 8) {
                return integer(code);
            }
            throw invalid("unknown type code 0x" + Integer.toHexString(code));
        }

        private byte[] unescaped() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (pos >= in.length) {
                    throw invalid("unterminated string");
                }
                byte b = in[pos++];
                if (b != 0) {
                    out.write(b);
                } else if (pos < in.length && (in[pos] & 0xFF) == ESCAPE) {
                    out.write(0);
                    pos++;
                } else {
                    return out.toByteArray();
                }
            }
        }

        private long integer(int code) {
            int n = Math.abs(code - INT_ZERO);
            if (pos + n > in.length) {
                throw invalid("truncated integer");
            }
            long body = 0;
            for (int i = 0; i < n; i++) {
                body = (body << 8) | (in[pos++] & 0xFF);
            }
            if (code >= INT_ZERO) {
                if (body < 0) {
                    throw invalid("integer out of the long range");
                }
                return body;
            }
            long mask = n == 8 ? -1L : (1L << (8 * n)) - 1;
            long magnitude = ~body & mask;
            if (magnitude < 0 && magnitude != Long.MIN_VALUE) {
                throw invalid("integer out of the long range");
            }
            return -magnitude;
        }

        private IllegalArgumentException invalid(String why) {
            return new IllegalArgumentException("not a packed tuple (" + why + " at byte " + pos + ")");
        }
    }
}
