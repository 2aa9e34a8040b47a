package dev.eddy.stream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard ids: {@code shardId-<creation millis, 20 digits>-<8 hex digits>}, where the hex digits are
 * the partition (high byte) and generation (low 24 bits) mixed with the stream's salt, so that
 * ids look opaque, sort by creation time and still lead back to their shard without a lookup.
 * FROZEN: clients keep shard ids (checkpoints), so the scheme cannot change.
 */
final class ShardIds {
    private static final Pattern SHARD_ID = Pattern.compile("shardId-(\\d{20})-([0-9a-f]{8})");

    private ShardIds() {}

    static String of(StreamDescriptor d, ShardState s) {
        String ms = Long.toString(s.createdMillis());
        int mixed = d.salt() ^ (s.partition() << 24 | (s.generation() & 0xFFFFFF));
        String hex = Integer.toHexString(mixed);
        return "shardId-" + "0".repeat(Math.max(0, 20 - ms.length())) + ms + "-" + "0".repeat(8 - hex.length()) + hex;
    }

    /** The id of the parent of {@code s}, null for generation 0. */
    static String parentOf(StreamDescriptor d, ShardState s) {
        return s.generation() == 0
                ? null
                : of(d, new ShardState(s.partition(), s.generation() - 1, s.parentCreatedMillis(), -1, 0, 0));
    }

    /**
     * The shard of {@code shardId} in {@code stream}, or null when the id is malformed, of another
     * stream, or of a shard no longer kept.
     */
    static Located locate(StreamState stream, String shardId) {
        Matcher m = shardId == null ? null : SHARD_ID.matcher(shardId);
        if (m == null || !m.matches()) {
            return null;
        }
        int v = (int) Long.parseLong(m.group(2), 16) ^ stream.descriptor().salt();
        int part = v >>> 24;
        int gen = v & 0xFFFFFF;
        if (part >= stream.partitions.length) {
            return null;
        }
        Partition p = stream.partitions[part];
        ShardState st = p.shard(gen);
        return st != null && of(stream.descriptor(), st).equals(shardId) ? new Located(p, st) : null;
    }

    /** A shard found within its stream: its lineage and its state when it was found. */
    record Located(Partition partition, ShardState shard) {}
}
