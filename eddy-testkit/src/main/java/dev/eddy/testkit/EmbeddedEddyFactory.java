package dev.eddy.testkit;

/**
 * Starts Eddy servers for the testkit. The module that can build a server (eddy-server, in its test
 * sources) implements this and names the implementation in {@code
 * META-INF/services/dev.eddy.testkit.EmbeddedEddyFactory}; {@link EmbeddedEddy#startInMemory()}
 * finds it with {@link java.util.ServiceLoader}. Implementations need a public no-argument
 * constructor.
 */
public interface EmbeddedEddyFactory {

    /**
     * Starts a server that keeps everything in memory, listening on a free loopback port, and
     * returns once it accepts requests. Each call starts a new, empty server; the caller closes it.
     * May be called from any thread.
     */
    EmbeddedEddy startInMemory();
}
