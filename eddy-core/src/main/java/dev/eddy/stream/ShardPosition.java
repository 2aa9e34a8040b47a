package dev.eddy.stream;

/**
 * A place in a shard: just after the record numbered {@code after} (which need not exist). Made
 * by {@link StreamReader#position} and returned as the next place to read by
 * {@link StreamReader#read}; a consumer checkpoints {@code after} (its wire form is
 * {@link SequenceNumbers#format}) and resumes with {@link ShardIteratorType#AFTER_SEQUENCE_NUMBER}.
 */
public record ShardPosition(ShardRef shard, long after) {}
