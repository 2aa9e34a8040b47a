package dev.eddy.stream;

/**
 * Where to start reading a shard (DynamoDB Streams' ShardIteratorType), for GetShardIterator and
 * for {@link StreamReader#position}. Written on the wire by {@link #name()}.
 */
public enum ShardIteratorType {
    /** Before the oldest record not yet trimmed. */
    TRIM_HORIZON,
    /** After the newest visible record (after the last one for a closed shard). */
    LATEST,
    /** Before the record with the given sequence number. */
    AT_SEQUENCE_NUMBER,
    /** After the record with the given sequence number. */
    AFTER_SEQUENCE_NUMBER;

    /** True for the types that take a sequence number. */
    public boolean needsSequence() {
        return this == AT_SEQUENCE_NUMBER || this == AFTER_SEQUENCE_NUMBER;
    }

    /**
     * The type {@code text} names exactly as the wire writes it; null for null.
     *
     * @throws IllegalArgumentException for any other string (the adapter rejects those first, with
     *     the Streams API's message)
     */
    public static ShardIteratorType fromWire(String text) {
        return text == null ? null : valueOf(text);
    }
}
