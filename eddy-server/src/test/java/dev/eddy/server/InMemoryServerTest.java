package dev.eddy.server;

import dev.eddy.testkit.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of eddy-server's black-box test classes that share one in-memory server per class: the
 * testkit's {@link ServerPerClass} (its {@code ddb} client, its lifecycle) plus {@link #server},
 * the running {@link EddyServer} itself, on a random loopback port. Subclasses' own {@code
 * @BeforeAll} methods run after the server has started.
 */
public abstract class InMemoryServerTest extends ServerPerClass {
    protected static EddyServer server;

    @BeforeAll
    static void unwrapServer() {
        server = eddy.unwrap(EddyServer.class);
    }
}
