package dev.eddy.server;

import dev.eddy.testkit.EmbeddedEddy;
import dev.eddy.testkit.EmbeddedEddyFactory;
import java.net.URI;

/**
 * The testkit's way to start a server in eddy-server's tests, registered in {@code
 * META-INF/services}: the testkit cannot depend on eddy-server (eddy-server's tests depend on the
 * testkit), so it finds this class with {@link java.util.ServiceLoader}.
 */
public final class InMemoryEddyFactory implements EmbeddedEddyFactory {

    @Override
    public EmbeddedEddy startInMemory() {
        return new Embedded(EddyTestServer.startInMemory());
    }

    private record Embedded(EddyServer server) implements EmbeddedEddy {

        @Override
        public URI endpoint() {
            return server.endpoint();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            if (!type.isInstance(server)) {
                throw new IllegalArgumentException("the embedded server is an EddyServer, not a " + type.getName());
            }
            return type.cast(server);
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
