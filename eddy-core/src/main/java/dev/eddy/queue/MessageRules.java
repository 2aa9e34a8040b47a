package dev.eddy.queue;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** AWS's limits on a message's body and attributes (aws-semantics 9.4), with its messages. Stateless. */
final class MessageRules {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern DATA_TYPE = Pattern.compile("(String|Number|Binary)(\\..{1,256})?");

    private MessageRules() {}

    /**
     * Checks {@code m} against a queue whose maximum message size is {@code maxSize}.
     *
     * @return the message's size as AWS counts it: body plus attribute names, types and values
     */
    static long check(OutgoingMessage m, long maxSize) {
        if (m.body() == null || m.body().isEmpty()) {
            throw new EddyException(
                    ErrorCode.SQS_MISSING_PARAMETER, "The request must contain the parameter MessageBody.");
        }
        checkCharacters(m.body());
        if (m.delaySeconds() != null && (m.delaySeconds() < 0 || m.delaySeconds() > 900)) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    "Value " + m.delaySeconds() + " for parameter DelaySeconds is invalid. Reason: DelaySeconds must be"
                            + " >= 0 and <= 900.");
        }
        if (m.attributes().size() > 10) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    "Number of message attributes [" + m.attributes().size() + "] exceeds the allowed maximum [10].");
        }
        long size = utf8(m.body());
        for (Map.Entry<String, MessageAttribute> e : m.attributes().entrySet()) {
            size += checkAttribute(e.getKey(), e.getValue());
        }
        if (size > maxSize) {
            throw new EddyException(
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    "One or more parameters are invalid. Reason: Message must be shorter than " + maxSize + " bytes.");
        }
        return size;
    }

    private static long checkAttribute(String name, MessageAttribute a) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!ATTRIBUTE_NAME.matcher(name).matches()
                || lower.startsWith("aws.")
                || lower.startsWith("amazon.")
                || name.startsWith(".")
                || name.endsWith(".")
                || name.contains("..")) {
            throw invalid("Message (user) attribute name '" + name + "' is invalid.");
        }
        if (!DATA_TYPE.matcher(a.dataType()).matches()) {
            throw invalid("The type of message (user) attribute '" + name + "' is invalid. You must use only the"
                    + " following supported type prefixes: Binary, Number, String.");
        }
        long size = utf8(name) + utf8(a.dataType());
        if (a.binary()) {
            byte[] v = a.binaryValue();
            if (v == null || v.length == 0) {
                throw invalid(
                        "Message (user) attribute '" + name + "' must contain a non-empty value of type 'Binary'.");
            }
            return size + v.length;
        }
        String v = a.stringValue();
        if (v == null || v.isEmpty()) {
            throw invalid("Message (user) attribute '" + name + "' must contain a non-empty value of type '"
                    + a.baseType() + "'.");
        }
        if (a.baseType().equals("Number") && !isNumber(v)) {
            throw invalid("Could not cast message attribute '" + name + "' value to number.");
        }
        checkCharacters(v);
        return size + utf8(v);
    }

    private static boolean isNumber(String v) {
        try {
            java.math.BigDecimal d = new java.math.BigDecimal(v).stripTrailingZeros();
            // at most 38 significant digits, magnitude from 10^-128 to 10^+126 (aws-semantics 9.4)
            long exponent = (long) d.precision() - d.scale() - 1;
            return d.precision() <= 38 && (d.signum() == 0 || (exponent >= -128 && exponent <= 126));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void checkCharacters(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            boolean ok = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!ok) {
                throw new EddyException(
                        ErrorCode.SQS_INVALID_MESSAGE_CONTENTS,
                        "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF |"
                                + " #xE000 to #xFFFD | #x10000 to #x10FFFF");
            }
            i += Character.charCount(c);
        }
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static EddyException invalid(String message) {
        return new EddyException(ErrorCode.SQS_INVALID_PARAMETER_VALUE, message);
    }
}
