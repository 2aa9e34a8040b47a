package dev.eddy.stream;

import java.math.BigInteger;

/**
 * Sequence numbers on the wire: decimal strings of 21 digits, "1" followed by the 20-digit
 * zero-padded internal number, so that numeric and lexicographic order agree.
 */
public final class SequenceNumbers {
    private static final BigInteger BASE = BigInteger.TEN.pow(20);
    private static final BigInteger MAX = BASE.add(BigInteger.valueOf(Long.MAX_VALUE));

    private SequenceNumbers() {}

    public static String format(long seq) {
        String digits = Long.toString(seq);
        return "1" + "0".repeat(20 - digits.length()) + digits;
    }

    /** The internal number of a wire sequence number, or -1 when it cannot be one of Eddy's. */
    public static long parse(String text) {
        if (text == null || text.length() < 21 || text.length() > 40) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        BigInteger v = new BigInteger(text);
        if (v.compareTo(BASE) < 0 || v.compareTo(MAX) > 0) {
            return -1;
        }
        return v.subtract(BASE).longValueExact();
    }

    /** True when {@code text} is numeric and 21 to 40 characters long (the model's constraint). */
    public static boolean wellFormed(String text) {
        if (text == null || text.length() < 21 || text.length() > 40) {
            return false;
        }
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
