package dev.eddy.stream;

/**
 * Where an event source mapping starts reading its source (Lambda's StartingPosition), written on
 * the wire by {@link #name()}. A DynamoDB stream accepts {@link #TRIM_HORIZON} and {@link #LATEST}
 * ({@link #shardIteratorType()}); {@link #AT_TIMESTAMP} exists for the other sources, and Lambda
 * refuses it for a stream ("Unsupported starting position for arn type").
 */
public enum StartingPosition {
    TRIM_HORIZON,
    LATEST,
    AT_TIMESTAMP;

    /** Whether a DynamoDB stream can start here. */
    public boolean supportedByStreams() {
        return this != AT_TIMESTAMP;
    }

    /**
     * The shard iterator type that starts a stream's shards here.
     *
     * @throws IllegalStateException for {@link #AT_TIMESTAMP}, which a stream does not support
     */
    public ShardIteratorType shardIteratorType() {
        return switch (this) {
            case TRIM_HORIZON -> ShardIteratorType.TRIM_HORIZON;
            case LATEST -> ShardIteratorType.LATEST;
            case AT_TIMESTAMP -> throw new IllegalStateException("a DynamoDB stream cannot start AT_TIMESTAMP");
        };
    }

    /**
     * The position {@code text} names exactly as the wire writes it; null for null.
     *
     * @throws IllegalArgumentException for any other string (the adapter rejects those first, with
     *     Lambda's message)
     */
    public static StartingPosition fromWire(String text) {
        return text == null ? null : valueOf(text);
    }
}
