package dev.eddy.stream;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.table.StreamViewType;
import java.util.ArrayList;
import java.util.List;

/**
 * Positions in a shard and reads of its records, shared by the Streams API and the typed reader.
 * A position is the last sequence number already passed. Reads stop at the lineage's visibility
 * watermark and never write to the store. Stateless apart from the store.
 */
final class ShardAccess {
    private final Store store;

    ShardAccess(Store store) {
        this.store = store;
    }

    /** Records read and where to go on: {@code next} is a position; {@code end}: the shard is done. */
    record Scan(List<ChangeRecord> records, long next, boolean end) {}

    /**
     * The position of {@code type} in shard {@code st} of {@code p}; {@code seq} is used by the
     * sequence number types and named by {@code seqText} in their errors.
     */
    static long position(
            String arn, String shardId, Partition p, ShardState st, ShardIteratorType type, long seq, String seqText) {
        return switch (type) {
            case TRIM_HORIZON -> Math.max(st.start(), p.trimFloor()) - 1;
            case LATEST -> st.open() ? Math.max(st.start() - 1, p.visible()) : st.end();
            case AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER -> {
                if (seq < st.start() || !st.open() && seq > st.end()) {
                    throw StreamErrors.concerning(
                                    EddyException.validation(
                                            "Invalid SequenceNumber " + seqText + " for shard " + shardId),
                                    arn)
                            .withShard(shardId)
                            .withSequenceNumber(seqText);
                }
                if (seq < p.trimFloor()) {
                    throw trimmed(arn).withShard(shardId);
                }
                yield type == ShardIteratorType.AT_SEQUENCE_NUMBER ? seq - 1 : seq;
            }
        };
    }

    /**
     * Up to {@code limit} records of shard {@code st} after position {@code after} and at most
     * about {@code maxBytes} of them (at least one), only as far as every earlier number is
     * resolved.
     *
     * @throws EddyException TrimmedDataAccessException when records after the position were trimmed
     */
    Scan read(StreamState s, Partition p, ShardState st, long after, int limit, long maxBytes) {
        // the bound first: a shard seen open afterwards holds every number up to it (a rollover
        // takes effect before any number above the closed shard's end is handed out)
        long visible = p.visible();
        if (p.shared() && isOpen(p, st)) {
            // another node may have closed the shard
            try (ReadView view = store.snapshot()) {
                p.refresh(view);
            }
        }
        ShardState now = p.shard(st.generation());
        st = now == null ? st : now;
        if (after < p.trimFloor() - 1) {
            throw trimmed(s, st);
        }
        long upper = st.open() ? visible : Math.min(visible, st.end());
        long from = Math.max(after + 1, st.start());
        List<ChangeRecord> records = new ArrayList<>();
        long next = after;
        if (from <= upper) {
            List<KeyValue> kvs;
            try (ReadView view = store.snapshot()) {
                kvs = view.scan(StreamKeys.records(s.id(), p.index, from, upper), limit, false);
            }
            boolean full = collect(kvs, s.descriptor().viewType(), maxBytes, records);
            full |= kvs.size() == limit;
            next = records.isEmpty() ? after : records.getLast().sequence();
            if (!full) {
                next = Math.max(next, upper);
            }
            // the keeper may have trimmed the range while it was read
            if (after < p.trimFloor() - 1) {
                throw trimmed(s, st);
            }
        } else {
            next = Math.max(after, Math.min(upper, Math.max(after, st.start() - 1)));
        }
        boolean end = !st.open() && next >= st.end();
        return new Scan(records, next, end);
    }

    private static boolean isOpen(Partition p, ShardState st) {
        ShardState now = p.shard(st.generation());
        return now == null ? st.open() : now.open();
    }

    /** Decodes records into {@code out} until {@code maxBytes}; true when it stopped early. */
    private static boolean collect(List<KeyValue> kvs, StreamViewType viewType, long maxBytes, List<ChangeRecord> out) {
        long bytes = 0;
        for (KeyValue kv : kvs) {
            ChangeRecord r = RecordCodec.decode(StreamKeys.seqOf(kv.key()), viewType, kv.value());
            if (!out.isEmpty() && bytes + r.sizeBytes() > maxBytes) {
                return true;
            }
            bytes += r.sizeBytes();
            out.add(r);
        }
        return false;
    }

    private static EddyException trimmed(StreamState s, ShardState st) {
        return trimmed(s.arn()).withShard(ShardIds.of(s.descriptor(), st));
    }

    static EddyException trimmed(String arn) {
        return StreamErrors.concerning(
                new EddyException(
                        ErrorCode.TRIMMED_DATA_ACCESS,
                        "The operation attempted to read past the oldest stream record in a shard"),
                arn);
    }
}
