package dev.eddy.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Base of black-box test classes that share one in-memory server per class: {@link #server}
 * runs on a random loopback port and {@link #ddb} is an SDK client pointed at it. Subclasses'
 * own {@code @BeforeAll} methods run after the server has started.
 */
public abstract class InMemoryServerTest {
    protected static EddyServer server;
    protected static DynamoDbClient ddb;

    @BeforeAll
    static void startServer() {
        server = EddyTestServer.startInMemory();
        ddb = EddyTestServer.dynamo(server);
    }

    @AfterAll
    static void stopServer() {
        ddb.close();
        server.close();
    }
}
