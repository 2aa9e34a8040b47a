package dev.eddy.queue;

import java.util.Arrays;
import java.util.Objects;

/**
 * One message attribute as the client sent it: a data type ({@code String}, {@code Number} or
 * {@code Binary}, with an optional {@code .label}) and a string or a binary value.
 *
 * @param dataType the type with its label, as sent
 * @param stringValue the value of a String or Number attribute, else null
 * @param binaryValue the value of a Binary attribute, else null
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    public MessageAttribute {
        Objects.requireNonNull(dataType, "dataType");
        binaryValue = binaryValue == null ? null : binaryValue.clone();
    }

    /** A String-typed attribute. */
    public static MessageAttribute string(String value) {
        return new MessageAttribute("String", value, null);
    }

    @Override
    public byte[] binaryValue() {
        return binaryValue == null ? null : binaryValue.clone();
    }

    /** Whether the type (before any label) is {@code Binary}. */
    public boolean binary() {
        return baseType().equals("Binary");
    }

    /** The type without its label. */
    public String baseType() {
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageAttribute a
                && dataType.equals(a.dataType)
                && Objects.equals(stringValue, a.stringValue)
                && Arrays.equals(binaryValue, a.binaryValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, stringValue, Arrays.hashCode(binaryValue));
    }

    @Override
    public String toString() {
        return dataType + "=" + (binaryValue == null ? stringValue : binaryValue.length + " bytes");
    }
}
