package dev.eddy.server;

import java.nio.file.Path;

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
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        boolean inMemory,
        String durability,
        String region,
        String accountId) {

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
        return new ServerConfig(host, newPort, dataDir, inMemory, durability, region, accountId);
    }
}
