package dev.eddy.item;

import dev.eddy.error.EddyException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Item-level rules: sizes as DynamoDB computes them, the 400 KB limit, nesting depth. */
public final class Items {

    /** DynamoDB's maximum item size, 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;
    /** Maximum depth of nested lists and maps. */
    public static final int MAX_DEPTH = 32;
    /** DynamoDB's message for an item nested deeper than {@link #MAX_DEPTH}. */
    public static final String NESTING_MESSAGE =
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

    private Items() {}

    /** An unmodifiable copy that keeps the attributes' order. */
    public static Map<String, AttributeValue> copyOf(Map<String, AttributeValue> item) {
        if (item.getClass() == UNMODIFIABLE_LINKED) {
            return item;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(item));
    }

    private static final Class<?> UNMODIFIABLE_LINKED =
            Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    /** The size of an item as DynamoDB bills and limits it: attribute names plus values. */
    public static long size(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += utf8Length(e.getKey()) + size(e.getValue());
        }
        return total;
    }

    /** The size of one value, without its name. */
    public static long size(AttributeValue v) {
        return switch (v) {
            case AttributeValue.S s -> s.utf8Length();
            case AttributeValue.N n -> numberSize(n.value());
            case AttributeValue.B b -> b.length();
            case AttributeValue.Bool ignored -> 1;
            case AttributeValue.Null ignored -> 1;
            case AttributeValue.L l -> {
                long t = 3;
                for (AttributeValue e : l.values()) {
                    t += 1 + size(e);
                }
                yield t;
            }
            case AttributeValue.M m -> {
                long t = 3;
                for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                    t += 1 + utf8Length(e.getKey()) + size(e.getValue());
                }
                yield t;
            }
            case AttributeValue.SS ss ->
                ss.values().stream().mapToLong(Items::utf8Length).sum();
            case AttributeValue.NS ns ->
                ns.values().stream().mapToLong(Items::numberSize).sum();
            case AttributeValue.BS bs ->
                bs.values().stream().mapToLong(AttributeValue.B::length).sum();
        };
    }

    /**
     * A number takes one byte per pair of significant digits (pairs aligned on the decimal point,
     * as DynamoDB stores base-100 digits) plus one byte.
     */
    static long numberSize(BigDecimal d) {
        if (d.signum() == 0) {
            return 1;
        }
        // values of N and NS are normalised already (no trailing zeros): no need to strip again
        return numberSize(d.precision(), d.scale());
    }

    /** {@link #numberSize(BigDecimal)} of a non-zero normalised number of this precision and scale. */
    static long numberSize(int precision, int scale) {
        int low = -scale;
        int high = precision - 1 - scale;
        return Math.floorDiv(high, 2) - Math.floorDiv(low, 2) + 1 + 1;
    }

    /** The length of {@code s} in UTF-8 bytes. */
    public static long utf8Length(String s) {
        return computeUtf8Length(s);
    }

    static long computeUtf8Length(String s) {
        int len = s.length();
        int i = 0;
        while (i < len && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == len) {
            return len;
        }
        long n = i;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** @throws EddyException ValidationException when the item exceeds 400 KB */
    public static void checkSize(Map<String, AttributeValue> item) {
        if (size(item) > MAX_ITEM_BYTES) {
            throw EddyException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    /**
     * Rejects an item with a value nested deeper than {@link #MAX_DEPTH}, as an update can make
     * one out of a shallow path and a value that were each within the limit.
     */
    public static void checkDepth(Map<String, AttributeValue> item) {
        for (AttributeValue v : item.values()) {
            if (depth(v) > MAX_DEPTH) {
                throw EddyException.validation(NESTING_MESSAGE);
            }
        }
    }

    /** The nesting depth of a value: 1 for scalars and sets. */
    public static int depth(AttributeValue v) {
        return switch (v) {
            case AttributeValue.L l ->
                1 + l.values().stream().mapToInt(Items::depth).max().orElse(0);
            case AttributeValue.M m ->
                1 + m.values().values().stream().mapToInt(Items::depth).max().orElse(0);
            default -> 1;
        };
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
