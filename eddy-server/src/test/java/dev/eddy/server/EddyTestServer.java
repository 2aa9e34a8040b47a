package dev.eddy.server;

/**
 * Starts real servers for black-box tests; SDK clients, table requests and unique names come from
 * the testkit ({@code dev.eddy.testkit}).
 */
public final class EddyTestServer {

    private EddyTestServer() {}

    /** An in-memory server on a random loopback port, as {@link InMemoryServerTest} runs one. */
    public static EddyServer startInMemory() {
        return EddyServer.start(ServerConfig.inMemoryOnRandomPort());
    }
}
