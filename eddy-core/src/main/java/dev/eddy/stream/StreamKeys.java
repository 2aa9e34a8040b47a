package dev.eddy.stream;

import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Tuple;
import java.util.Arrays;

/**
 * The stream key layout in {@link Keyspace#STREAM}. FROZEN once data is written:
 * <pre>
 * ("next-id")                               → last stream id handed out ({@link StreamCodec})
 * ("desc", tableName, label)                → stream descriptor ({@link StreamCodec})
 * ("shard", streamId, partition, generation) → shard state ({@link StreamCodec})
 * ("rec", streamId, partition, seq)         → stream record ({@link RecordCodec})
 * ("trim", streamId, partition)             → trim floor: records below it may be gone ({@link StreamCodec})
 * ("seq", streamId, partition)              → last number and sealed flag, kept by {@link SharedSequencer} only
 * </pre>
 */
final class StreamKeys {
    static final byte[] NEXT_ID = Keyspace.STREAM.key(Tuple.of("next-id"));

    private StreamKeys() {}

    static byte[] descriptor(String table, String label) {
        return Keyspace.STREAM.key(Tuple.of("desc", table, label));
    }

    static KeyRange descriptors() {
        return Keyspace.STREAM.range(Tuple.of("desc"));
    }

    static byte[] shard(long stream, int partition, int generation) {
        return Keyspace.STREAM.key(Tuple.of("shard", stream, (long) partition, (long) generation));
    }

    static KeyRange shards(long stream) {
        return Keyspace.STREAM.range(Tuple.of("shard", stream));
    }

    static KeyRange shards(long stream, int partition) {
        return Keyspace.STREAM.range(Tuple.of("shard", stream, (long) partition));
    }

    static byte[] record(long stream, int partition, long seq) {
        return Keyspace.STREAM.key(Tuple.of("rec", stream, (long) partition, seq));
    }

    /**
     * The part of {@link #record} that a lineage's records share: a writer appends only the
     * sequence number's element ({@link #record(byte[], long)}) instead of packing the whole
     * tuple for every record.
     */
    static byte[] recordPrefix(long stream, int partition) {
        return Keyspace.STREAM.key(Tuple.of("rec", stream, (long) partition));
    }

    /** {@link #record(long, int, long)} from its lineage's {@link #recordPrefix}: the same bytes. */
    static byte[] record(byte[] prefix, long seq) {
        byte[] last = Tuple.of(seq).pack();
        byte[] key = Arrays.copyOf(prefix, prefix.length + last.length);
        System.arraycopy(last, 0, key, prefix.length, last.length);
        return key;
    }

    /** Records of a partition with {@code from <= seq <= to}. */
    static KeyRange records(long stream, int partition, long from, long to) {
        byte[] end = to == Long.MAX_VALUE
                ? Keyspace.STREAM
                        .range(Tuple.of("rec", stream, (long) partition))
                        .end()
                : record(stream, partition, to + 1);
        return new KeyRange(record(stream, partition, from), end);
    }

    static KeyRange allRecords(long stream, int partition) {
        return Keyspace.STREAM.range(Tuple.of("rec", stream, (long) partition));
    }

    static KeyRange allOfStream(long stream, String what) {
        return Keyspace.STREAM.range(Tuple.of(what, stream));
    }

    static byte[] trim(long stream, int partition) {
        return Keyspace.STREAM.key(Tuple.of("trim", stream, (long) partition));
    }

    static byte[] counter(long stream, int partition) {
        return Keyspace.STREAM.key(Tuple.of("seq", stream, (long) partition));
    }

    static long seqOf(byte[] recordKey) {
        byte[] packed = new byte[recordKey.length - 1];
        System.arraycopy(recordKey, 1, packed, 0, packed.length);
        return Tuple.unpack(packed).getLong(3);
    }
}
