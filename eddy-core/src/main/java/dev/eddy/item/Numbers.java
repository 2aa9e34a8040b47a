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
            String t = text;
            // Java accepts forms DynamoDB rejects ("1e5" is fine, but not hex, "Infinity", "NaN", "+"-only,
            // nor spaces around the digits)
            if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new NumberFormatException();
            }
            d = new BigDecimal(t);
        } catch (NumberFormatException | ArithmeticException e) {
            throw EddyException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        return check(d);
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
