package dev.eddy.testkit;

import java.net.URI;
import java.util.List;
import java.util.ServiceLoader;

/**
 * An Eddy server running inside the test's JVM, as the testkit sees it: an endpoint to point SDK
 * clients at, and the underlying server for tests that reach into it. Implementations come from an
 * {@link EmbeddedEddyFactory}; see the package documentation for why.
 *
 * <p>Thread-safe: clients may call the endpoint from any thread.
 */
public interface EmbeddedEddy extends AutoCloseable {

    /** The base URI of the server's HTTP endpoint (every AWS protocol it speaks is served there). */
    URI endpoint();

    /**
     * The object behind this handle as {@code type}, for tests that need more than an endpoint
     * (eddy-server's tests ask for their {@code EddyServer}).
     *
     * @throws IllegalArgumentException when the server is not a {@code type}
     */
    <T> T unwrap(Class<T> type);

    /** Stops the server and releases its port and storage. Idempotent. */
    @Override
    void close();

    /**
     * Starts an in-memory server on a free loopback port with the one {@link EmbeddedEddyFactory}
     * on the class path.
     *
     * @throws IllegalStateException when there is no factory or more than one
     */
    static EmbeddedEddy startInMemory() {
        List<EmbeddedEddyFactory> factories = ServiceLoader.load(EmbeddedEddyFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        if (factories.size() != 1) {
            throw new IllegalStateException("expected one " + EmbeddedEddyFactory.class.getName()
                    + " on the class path (declared in META-INF/services), found " + factories);
        }
        return factories.get(0).startInMemory();
    }
}
