package dev.eddy.testkit;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Base of black-box test classes that share one in-memory server per class: {@link #eddy} is
 * started before the class's first test and closed after its last, and {@link #ddb} is a DynamoDB
 * client pointed at it. Test classes keep apart from each other's resources by naming them with
 * {@link TestNames#unique}.
 *
 * <p>JUnit runs a superclass's {@code @BeforeAll} methods before the subclass's and its {@code
 * @AfterAll} methods after them, so a subclass's own class setup already finds the server running
 * and its teardown still does. The fields are static because JUnit's class lifecycle methods are;
 * test classes sharing this base must not run concurrently with each other.
 */
public abstract class ServerPerClass {
    /** The server of the running test class. */
    protected static EmbeddedEddy eddy;
    /** A DynamoDB client pointed at {@link #eddy}, with the SDK's default retries. */
    protected static DynamoDbClient ddb;

    @BeforeAll
    protected static void startEmbeddedEddy() {
        eddy = EmbeddedEddy.startInMemory();
        ddb = EddyClients.dynamo(eddy.endpoint());
    }

    @AfterAll
    protected static void stopEmbeddedEddy() {
        ddb.close();
        eddy.close();
    }

    /** The endpoint of {@link #eddy}, for building other clients. */
    protected static URI endpoint() {
        return eddy.endpoint();
    }
}
