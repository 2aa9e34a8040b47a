package dev.eddy.store;

import java.util.Arrays;

/**
 * Keys from {@code begin} (inclusive) to {@code end} (exclusive), in unsigned byte order. A null
 * {@code end} means no upper bound (the range of a prefix made only of {@code 0xFF} bytes has
 * none). A range whose end is not after its begin is empty.
 */
public record KeyRange(byte[] begin, byte[] end) {

    public KeyRange {
        if (begin == null) {
            throw new IllegalArgumentException("range begin is null (use an empty array for the first key)");
        }
    }

    /** Every key. */
    public static KeyRange all() {
        return new KeyRange(new byte[0], null);
    }

    /** Every key that starts with {@code prefix}. */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, strinc(prefix));
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, or null when there is
     * none (the prefix is empty or only {@code 0xFF} bytes).
     */
    public static byte[] strinc(byte[] prefix) {
        int n = prefix.length;
        while (n > 0 && prefix[n - 1] == (byte) 0xFF) {
            n--;
        }
        if (n == 0) {
            return null;
        }
        byte[] r = Arrays.copyOf(prefix, n);
        r[n - 1]++;
        return r;
    }

    public boolean contains(byte[] key) {
        return Arrays.compareUnsigned(key, begin) >= 0 && (end == null || Arrays.compareUnsigned(key, end) < 0);
    }

    /** True when no key lies in the range. */
    public boolean isEmpty() {
        return end != null && Arrays.compareUnsigned(begin, end) >= 0;
    }
}
