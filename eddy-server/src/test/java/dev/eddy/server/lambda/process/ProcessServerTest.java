package dev.eddy.server.lambda.process;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.EddyClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A server per test class for functions that run as child processes: fails the class with a clear
 * message when Node.js or Python is missing, and gives it a Lambda client.
 */
abstract class ProcessServerTest extends InMemoryServerTest {
    static LambdaClient lambda;

    @BeforeAll
    static void startProcessClient() {
        ProcessFunctions.requireInterpreters();
        lambda = EddyClients.lambda(server.endpoint());
    }

    @AfterAll
    static void stopProcessClient() {
        lambda.close();
    }
}
