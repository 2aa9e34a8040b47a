package dev.eddy.table;

/**
 * DynamoDB's BillingMode. Written on the wire and in stored table descriptions by {@link #name()}.
 */
public enum BillingMode {
    PROVISIONED,
    PAY_PER_REQUEST;

    /**
     * The mode {@code text} names exactly as the wire and the store write it; null for null.
     *
     * @throws IllegalArgumentException for any other string (the adapters reject those first, with
     *     DynamoDB's messages)
     */
    public static BillingMode fromWire(String text) {
        return text == null ? null : valueOf(text);
    }
}
