package dev.eddy.table;

/**
 * DynamoDB's TableStatus, rendered by {@link #name()}. Eddy applies table changes at once, so
 * DescribeTable shows {@link #ACTIVE} and DeleteTable {@link #DELETING}; the other states exist
 * for clients that wait on them.
 */
public enum TableStatus {
    CREATING,
    UPDATING,
    DELETING,
    ACTIVE,
    INACCESSIBLE_ENCRYPTION_CREDENTIALS,
    ARCHIVING,
    ARCHIVED,
    REPLICATION_NOT_AUTHORIZED;

    /**
     * The status {@code text} names exactly as DynamoDB writes it; null for null.
     *
     * @throws IllegalArgumentException for any other string
     */
    public static TableStatus fromWire(String text) {
        return text == null ? null : valueOf(text);
    }
}
