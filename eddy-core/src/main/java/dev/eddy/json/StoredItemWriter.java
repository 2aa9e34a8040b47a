package dev.eddy.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import dev.eddy.item.StoredReader;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a stored item ({@link dev.eddy.item.StoredItem}'s bytes) as the JSON that
 * {@link AttributeValueWriter} writes for the decoded item, byte for byte, without decoding it:
 * strings go from the stored UTF-8 straight into a UTF-8 generator (unless they hold characters
 * outside the BMP, which the generator escapes as surrogate pairs), numbers that fit a long are
 * printed without a BigDecimal, and the attribute names of the items of one answer, which repeat,
 * are made into strings once.
 *
 * <p>One instance per answer and generator (it remembers the names it has seen); not thread-safe.
 */
final class StoredItemWriter {
    /** Names remembered; items of one table rarely have more distinct top-level names than this. */
    private static final int NAMES = 16;

    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final JsonGenerator g;
    private final boolean utf8;
    private final byte[][] nameBytes = new byte[NAMES][];
    private final String[] names = new String[NAMES];
    private int nameCount;

    /** A writer of the items of one answer, into {@code g}. */
    StoredItemWriter(JsonGenerator g) {
        this.g = g;
        this.utf8 = writesUtf8(g);
    }

    /** Writes one stored item as a JSON object at the generator's position. */
    void write(byte[] item) throws IOException {
        StoredReader in = new StoredReader(item);
        g.writeStartObject();
        for (int i = 0, count = in.count(); i < count; i++) {
            g.writeFieldName(name(in, i));
            writeValue(g, in, utf8);
        }
        g.writeEndObject();
    }

    /**
     * Whether strings can go to {@code g} as UTF-8 bytes with the same result as Java strings: a
     * byte generator that escapes nothing beyond what JSON requires.
     */
    private static boolean writesUtf8(JsonGenerator g) {
        return g instanceof UTF8JsonGenerator
                && g.getCharacterEscapes() == null
                // 0 unless non-ASCII characters are escaped
                && g.getHighestEscapedChar() == 0;
    }

    /**
     * The next top-level name, the {@code index}th of its item, from the remembered ones when its
     * bytes were seen before: first the one remembered at that index (items of a table mostly
     * list their attributes in the same order), then the others.
     */
    private String name(StoredReader in, int index) {
        int n = in.length();
        byte[] buf = in.array();
        int at = in.position();
        in.skip(n);
        if (index < nameCount && same(nameBytes[index], buf, at, n)) {
            return names[index];
        }
        for (int i = 0; i < nameCount; i++) {
            if (same(nameBytes[i], buf, at, n)) {
                return names[i];
            }
        }
        String s = new String(buf, at, n, StandardCharsets.UTF_8);
        if (nameCount < NAMES) {
            nameBytes[nameCount] = Arrays.copyOfRange(buf, at, at + n);
            names[nameCount++] = s;
        }
        return s;
    }

    private static boolean same(byte[] name, byte[] buf, int at, int n) {
        return name.length == n && Arrays.equals(name, 0, n, buf, at, at + n);
    }

    private static void writeValue(JsonGenerator g, StoredReader in, boolean utf8) throws IOException {
        g.writeStartObject();
        switch (in.type()) {
            case S -> {
                g.writeFieldName("S");
                string(g, in, utf8);
            }
            case N -> g.writeStringField("N", in.numberText());
            case B -> {
                g.writeFieldName("B");
                binary(g, in);
            }
            case BOOL -> g.writeBooleanField("BOOL", in.bool());
            case NULL -> g.writeBooleanField("NULL", true);
            case M -> {
                g.writeFieldName("M");
                g.writeStartObject();
                for (int i = in.count(); i > 0; i--) {
                    g.writeFieldName(in.name());
                    writeValue(g, in, utf8);
                }
                g.writeEndObject();
            }
            case L -> {
                g.writeArrayFieldStart("L");
                for (int i = in.count(); i > 0; i--) {
                    writeValue(g, in, utf8);
                }
                g.writeEndArray();
            }
            case SS -> {
                g.writeArrayFieldStart("SS");
                for (int i = in.count(); i > 0; i--) {
                    string(g, in, utf8);
                }
                g.writeEndArray();
            }
            case NS -> {
                g.writeArrayFieldStart("NS");
                for (int i = in.count(); i > 0; i--) {
                    g.writeString(in.numberText());
                }
                g.writeEndArray();
            }
            case BS -> {
                g.writeArrayFieldStart("BS");
                for (int i = in.count(); i > 0; i--) {
                    binary(g, in);
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, StoredReader in, boolean utf8) throws IOException {
        int n = in.length();
        byte[] buf = in.array();
        int start = in.position();
        in.skip(n);
        if (!utf8 || hasFourByteCharacter(buf, start, n)) {
            // the generator writes a character outside the BMP of a Java string as an escaped
            // surrogate pair, but copies its UTF-8 bytes: the string keeps the answer identical
            g.writeString(new String(buf, start, n, StandardCharsets.UTF_8));
        } else {
            g.writeUTF8String(buf, start, n);
        }
    }

    /** Whether the UTF-8 text holds a four-byte sequence (a character outside the BMP). */
    private static boolean hasFourByteCharacter(byte[] buf, int start, int n) {
        int i = start;
        int end = start + n;
        // eight bytes at a time while they are all ASCII (no high bit), the common case
        while (i + Long.BYTES <= end && ((long) WORD.get(buf, i) & 0x8080808080808080L) == 0) {
            i += Long.BYTES;
        }
        for (; i < end; i++) {
            if ((buf[i] & 0xF8) == 0xF0) {
                return true;
            }
        }
        return false;
    }

    private static void binary(JsonGenerator g, StoredReader in) throws IOException {
        int n = in.length();
        g.writeBinary(in.array(), in.position(), n);
        in.skip(n);
    }
}
