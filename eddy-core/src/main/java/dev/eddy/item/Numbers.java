package dev.eddy.item;

import dev.eddy.error.EddyException;
import java.math.BigDecimal;

/** DynamoDB's number rules: 38 significant digits, magnitudes from 1E-130 to 9.99...E+125. */
public final class Numbers {

    public static final int MAX_DIGITS = 38;
    private static final BigDecimal MAX = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal MIN = new BigDecimal("1E-130");

    private Numbers() {}

    /**
     * Parses a number as DynamoDB accepts it, normalised.
     *
     * @throws EddyException ValidationException with DynamoDB's message when the text is not a
     *     number or is out of range
     */
    public static BigDecimal parse(String text) {
        BigDecimal d;
        try {
            // Java accepts forms DynamoDB rejects ("1e5" is fine, but not hex, "Infinity", "NaN", "+"-only,
            // nor spaces around the digits)
            if (!wellFormed(text)) {
                throw new NumberFormatException();
            }
            d = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw EddyException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        return check(d);
    }

    /**
     * Whether {@code t} reads as {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?} with ASCII
     * digits. Scanned by hand: every number of every written item passes here, and a regular
     * expression compiled per call was the write path's top Java cost.
     */
    static boolean wellFormed(String t) {
        int n = t.length();
        int i = sign(t, 0);
        int whole = digits(t, i);
        i += whole;
        int fraction = 0;
        if (i < n && t.charAt(i) == '.') {
            fraction = digits(t, ++i);
            i += fraction;
        }
        if (whole == 0 && fraction == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i = sign(t, i + 1);
            int exponent = digits(t, i);
            if (exponent == 0) {
                return false;
            }
            i += exponent;
        }
        return i == n;
    }

    private static int sign(String t, int i) {
        return i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-') ? i + 1 : i;
    }

    /** How many ASCII digits start at {@code from}. */
    private static int digits(String t, int from) {
        int i = from;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    /** Checks range and precision of an arithmetic result or parsed value; returns it normalised. */
    public static BigDecimal check(BigDecimal d) {
        BigDecimal n = normalise(d);
        if (n.signum() == 0) {
            return n;
        }
        if (n.precision() > MAX_DIGITS) {
            throw EddyException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal abs = n.abs();
        if (abs.compareTo(MAX) > 0) {
            throw EddyException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (abs.compareTo(MIN) < 0) {
            throw EddyException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return n;
    }

    /**
     * Checks the result of an addition or subtraction (SET a = a + :v, ADD). DynamoDB reports a
     * result that needs more than 38 significant digits as an overflow, not as the precision
     * error a stored value gets.
     */
    public static BigDecimal checkArithmetic(BigDecimal d) {
        BigDecimal n = normalise(d);
        if (n.signum() != 0 && n.precision() > MAX_DIGITS && n.abs().compareTo(MIN) >= 0) {
            throw EddyException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        return check(n);
    }

    /** Strips trailing zeros so that equal numbers have equal representations. */
    public static BigDecimal normalise(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    /** The decimal text DynamoDB returns for a normalised number (no exponent). */
    public static String text(BigDecimal d) {
        return d.toPlainString();
    }
}
