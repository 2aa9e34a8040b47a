package dev.eddy.stream;

/**
 * A place in a shard: just after the record numbered {@code after} (which need not exist). Made
 * by {@link StreamReader#position} and returned as the next place to read by
 * {@link StreamReader#read}; a consumer checkpoints {@code after} (its wire form is
 * {@link SequenceNumbers#format}) and resumes with {@link Type#AFTER_SEQUENCE_NUMBER}.
 */
public record ShardPosition(ShardRef shard, long after) {

    /** Where to start reading a shard, as DynamoDB's ShardIteratorType says. */
    public enum Type {
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
    }
}
