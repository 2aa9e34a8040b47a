package dev.eddy.server;

import dev.eddy.stream.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * How to run a server.
 *
 * @param host address to listen on
 * @param port port to listen on; 0 picks a free one
 * @param dataDir where the RocksDB store keeps its files; ignored when {@code inMemory}
 * @param inMemory a throwaway in-memory store instead of RocksDB
 * @param durability RocksDB durability: SYNC, PROCESS (default) or NONE
 * @param region the region the server claims to be (ARNs, AWS_REGION of functions)
 * @param accountId the account id in ARNs
 * @param ttlSweepInterval how often expired items are looked for: they are deleted within about
 *     that long after their TTL time
 * @param streams shards per table, shard lifetime and retention of DynamoDB Streams
 * @param clock the time every engine uses (tests pass a controllable one)
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        boolean inMemory,
        String durability,
        String region,
        String accountId,
        Duration ttlSweepInterval,
        StreamConfig streams,
        InstantSource clock) {

    /** Expired items are deleted within a minute by default. */
    public static final Duration DEFAULT_TTL_SWEEP_INTERVAL = Duration.ofSeconds(30);

    public ServerConfig(String host, int port, Path dataDir, boolean inMemory, String durability, String region,
                        String accountId) {
        this(host, port, dataDir, inMemory, durability, region, accountId, DEFAULT_TTL_SWEEP_INTERVAL);
    }

    /** A configuration with AWS's stream settings and the system clock. */
    public ServerConfig(String host, int port, Path dataDir, boolean inMemory, String durability, String region,
                        String accountId, Duration ttlSweepInterval) {
        this(host, port, dataDir, inMemory, durability, region, accountId, ttlSweepInterval, StreamConfig.defaults(),
                InstantSource.system());
    }

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";

    /** A throwaway in-memory server on a random loopback port (for tests). */
    public static ServerConfig inMemoryOnRandomPort() {
        return new ServerConfig("127.0.0.1", 0, null, true, "PROCESS", DEFAULT_REGION, DEFAULT_ACCOUNT);
    }

    /** A server on a random loopback port keeping its data in {@code dir} (for tests). */
    public static ServerConfig onDisk(Path dir) {
        return new ServerConfig("127.0.0.1", 0, dir, false, "PROCESS", DEFAULT_REGION, DEFAULT_ACCOUNT);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, inMemory, durability, region, accountId, ttlSweepInterval,
                streams, clock);
    }

    public ServerConfig withTtlSweepInterval(Duration interval) {
        return new ServerConfig(host, port, dataDir, inMemory, durability, region, accountId, interval, streams,
                clock);
    }

    public ServerConfig withStreams(StreamConfig newStreams) {
        return new ServerConfig(host, port, dataDir, inMemory, durability, region, accountId, ttlSweepInterval,
                newStreams, clock);
    }

    public ServerConfig withClock(InstantSource newClock) {
        return new ServerConfig(host, port, dataDir, inMemory, durability, region, accountId, ttlSweepInterval,
                streams, newClock);
    }
}
