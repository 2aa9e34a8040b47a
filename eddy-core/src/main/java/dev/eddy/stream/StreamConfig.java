package dev.eddy.stream;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How a server runs its streams.
 *
 * @param shardsPerTable open shards of a new stream (each item goes to one of them by the hash of its
 *     partition key); fixed for the life of a stream; 1 to 255
 * @param shardLifetime how long a shard stays open before it closes and gets one child shard
 * @param retention how long records are kept before they are trimmed; null keeps them forever
 *     (AWS cannot do that; the default is AWS's 24 hours)
 */
public record StreamConfig(int shardsPerTable, Duration shardLifetime, Duration retention) {

    /**
     * Table tag that overrides the server's retention for that table's streams: a whole number of
     * hours ({@code "48"}) or {@code "unlimited"}. An unreadable value is ignored.
     */
    public static final String RETENTION_TAG = "eddy:stream-retention-hours";

    public StreamConfig {
        if (shardsPerTable < 1 || shardsPerTable > 255) {
            throw new IllegalArgumentException("shards per table must be 1 to 255: " + shardsPerTable);
        }
        if (shardLifetime == null || shardLifetime.isNegative() || shardLifetime.isZero()) {
            throw new IllegalArgumentException("shard lifetime must be positive: " + shardLifetime);
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention must be positive, or null for unlimited: " + retention);
        }
    }

    /** AWS's figures: 4 shards, shards roll over every 4 hours, records kept 24 hours. */
    public static StreamConfig defaults() {
        return new StreamConfig(4, Duration.ofHours(4), Duration.ofHours(24));
    }

    public StreamConfig withShardsPerTable(int n) {
        return new StreamConfig(n, shardLifetime, retention);
    }

    public StreamConfig withShardLifetime(Duration d) {
        return new StreamConfig(shardsPerTable, d, retention);
    }

    public StreamConfig withRetention(Duration d) {
        return new StreamConfig(shardsPerTable, shardLifetime, d);
    }

    /** The retention for a table with {@code tags}: the tag's value when readable, else the server's. */
    public Duration retentionFor(Map<String, String> tags) {
        String v = tags == null ? null : tags.get(RETENTION_TAG);
        if (v == null) {
            return retention;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("unlimited")) {
            return null;
        }
        try {
            long hours = Long.parseLong(t);
            return hours > 0 ? Duration.ofHours(hours) : retention;
        } catch (NumberFormatException e) {
            return retention;
        }
    }
}
