package dev.eddy.table;

/**
 * DynamoDB's IndexStatus of a secondary index. Written on the wire and in stored table
 * descriptions by {@link #name()}. A global index added by UpdateTable is {@link #CREATING} until
 * its backfill is done; every other index is {@link #ACTIVE}.
 */
public enum IndexStatus {
    CREATING,
    UPDATING,
    DELETING,
    ACTIVE;

    /**
     * The status {@code text} names exactly as the wire and the store write it; null for null.
     *
     * @throws IllegalArgumentException for any other string
     */
    public static IndexStatus fromWire(String text) {
        return text == null ? null : valueOf(text);
    }
}
