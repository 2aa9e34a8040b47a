package dev.eddy.store;

import java.util.Arrays;

/** Keys from {@code begin} (inclusive) to {@code end} (exclusive), in unsigned byte order. */
public record KeyRange(byte[] begin, byte[] end) {

    /** Every key that starts with {@code prefix}. */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, strinc(prefix));
    }

    /** The smallest key greater than every key that starts with {@code prefix}. */
    public static byte[] strinc(byte[] prefix) {
        int n = prefix.length;
        while (n > 0 && prefix[n - 1] == (byte) 0xFF) {
            n--;
        }
        if (n == 0) {
            // only 0xFF bytes: no finite upper bound, use a key that sorts after any real key
            byte[] top = new byte[prefix.length + 1];
            Arrays.fill(top, (byte) 0xFF);
            return top;
        }
        byte[] r = Arrays.copyOf(prefix, n);
        r[n - 1]++;
        return r;
    }

    public boolean contains(byte[] key) {
        return Arrays.compareUnsigned(key, begin) >= 0 && Arrays.compareUnsigned(key, end) < 0;
    }
}
