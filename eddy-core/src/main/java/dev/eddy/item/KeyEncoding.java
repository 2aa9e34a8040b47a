package dev.eddy.item;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes DynamoDB key values (S, N, B) into bytes whose unsigned lexicographic order equals
 * DynamoDB's order for values of the same type: S by UTF-8 bytes, B by unsigned bytes, N
 * numerically. Query and Scan then become range reads over the encoded keys.
 *
 * <p>The layout, frozen once data has been written with it (do not renumber):
 *
 * <ul>
 *   <li>{@code 'S'} (0x53) followed by the string's UTF-8 bytes;
 *   <li>{@code 'B'} (0x42) followed by the bytes;
 *   <li>{@code 'N'} (0x4E) followed by a sign class ({@code 0x01} negative, {@code 0x02} zero,
 *       {@code 0x03} positive), and for non-zero numbers written as {@code 0.d1d2d3... x 10^E}:
 *       one exponent byte {@code E + 129} (the range 1E-130 to 9.99...E+125 gives exactly
 *       {@code 0..255}), then the digits in base 100, two at a time, one byte each
 *       ({@code pair + 1}, so 1..100; a last lone digit is padded with a 0). A negative number
 *       stores the complement of all of that ({@code 255 - (E + 129)} and {@code 0xFE - pair})
 *       followed by a {@code 0xFF} terminator, so that larger magnitudes sort first and a shorter
 *       digit string sorts after a longer one with the same beginning.
 * </ul>
 *
 * <p>For S and B the encoding of a prefix is a byte prefix of the encoding, so {@code begins_with}
 * is a prefix range. The type tags make encodings self-describing for {@link #decode}; values of
 * different types are not meant to be compared (a DynamoDB key attribute has one type).
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyEncoding {

    // Type tags and sign classes: frozen, see the class comment.
    static final byte TAG_B = 'B';
    static final byte TAG_N = 'N';
    static final byte TAG_S = 'S';
    private static final byte NEGATIVE = 0x01;
    private static final byte ZERO = 0x02;
    private static final byte POSITIVE = 0x03;
    private static final byte NEGATIVE_END = (byte) 0xFF;
    private static final int EXPONENT_BIAS = 129;

    private KeyEncoding() {}

    /**
     * The order-preserving encoding of a key value.
     *
     * @throws IllegalArgumentException for a type other than S, N or B, or a number outside
     *     DynamoDB's range (magnitudes 1E-130 to 9.99...E+125)
     */
    public static byte[] encode(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> tagged(TAG_S, s.value().getBytes(StandardCharsets.UTF_8));
            case AttributeValue.B b -> tagged(TAG_B, b.value());
            case AttributeValue.N n -> number(n.value());
            default -> throw new IllegalArgumentException("not a key type: " + value.type());
        };
    }

    /**
     * The value {@link #encode} encoded.
     *
     * @throws IllegalArgumentException when {@code bytes} is not such an encoding
     */
    public static AttributeValue decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty key encoding");
        }
        return switch (bytes[0]) {
            case TAG_S -> new AttributeValue.S(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8));
            case TAG_B -> new AttributeValue.B(Arrays.copyOfRange(bytes, 1, bytes.length));
            case TAG_N -> new AttributeValue.N(decodeNumber(bytes));
            default ->
                throw new IllegalArgumentException("unknown key type tag 0x" + Integer.toHexString(bytes[0] & 0xFF));
        };
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static byte[] number(BigDecimal value) {
        BigDecimal d = Numbers.normalise(value);
        if (d.signum() == 0) {
            return new byte[] {TAG_N, ZERO};
        }
        String digits = d.unscaledValue().abs().toString();
        long exponent = (long) digits.length() - d.scale(); // value = 0.digits x 10^exponent
        long biased = exponent + EXPONENT_BIAS;
        if (biased < 0 || biased > 255) {
            throw new IllegalArgumentException("number outside DynamoDB's range: " + d);
        }
        boolean negative = d.signum() < 0;
        int pairs = (digits.length() + 1) / 2;
        byte[] out = new byte[3 + pairs + (negative ? 1 : 0)];
        out[0] = TAG_N;
        out[1] = negative ? NEGATIVE : POSITIVE;
        out[2] = (byte) (negative ? 255 - biased : biased);
        for (int i = 0; i < pairs; i++) {
            int hi = digits.charAt(2 * i) - '0';
            int lo = 2 * i + 1 < digits.length() ? digits.charAt(2 * i + 1) - '0' : 0;
            int pair = hi * 10 + lo;
            out[3 + i] = (byte) (negative ? 0xFE - pair : pair + 1);
        }
        if (negative) {
            out[out.length - 1] = NEGATIVE_END;
        }
        return out;
    }

    private static BigDecimal decodeNumber(byte[] b) {
        if (b.length < 2) {
            throw new IllegalArgumentException("truncated number");
        }
        if (b[1] == ZERO && b.length == 2) {
            return BigDecimal.ZERO;
        }
        boolean negative = b[1] == NEGATIVE;
        if (!negative && b[1] != POSITIVE) {
            throw new IllegalArgumentException("bad number sign class");
        }
        int end = negative ? b.length - 1 : b.length;
        if (b.length < 4 || (negative && b[end] != NEGATIVE_END)) {
            throw new IllegalArgumentException("truncated number");
        }
        int biased = negative ? 255 - (b[2] & 0xFF) : b[2] & 0xFF;
        StringBuilder digits = new StringBuilder(2 * (end - 3));
        for (int i = 3; i < end; i++) {
            int pair = negative ? 0xFE - (b[i] & 0xFF) : (b[i] & 0xFF) - 1;
            if (pair < 0 || pair > 99) {
                throw new IllegalArgumentException("bad number digit byte");
            }
            digits.append((char) ('0' + pair / 10)).append((char) ('0' + pair % 10));
        }
        int exponent = biased - EXPONENT_BIAS;
        BigDecimal magnitude = new BigDecimal(new BigInteger(digits.toString()), digits.length() - exponent);
        return Numbers.normalise(negative ? magnitude.negate() : magnitude);
    }
}
