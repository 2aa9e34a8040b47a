package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.server.StoreSpec;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Two nodes on one PostgreSQL database: a send on one wakes a long poll waiting on the other. */
class SqsTwoNodesTest {

    @Test
    void aLongPollOnNodeBWakesWithinMillisecondsOfASendOnNodeA() throws Exception {
        StoreSpec shared = new StoreSpec.Postgres(EddyTestServer.postgresSchema("sqs_two_nodes"));
        try (EddyServer a = EddyServer.start(ServerConfig.inMemoryOnRandomPort().withStore(shared));
                EddyServer b =
                        EddyServer.start(ServerConfig.inMemoryOnRandomPort().withStore(shared));
                SqsClient sqsA = EddyClients.sqs(a.endpoint());
                SqsClient sqsB = EddyClients.sqs(b.endpoint())) {
            String url = sqsA.createQueue(q -> q.queueName(TestNames.unique("two-nodes")))
                    .queueUrl();
            String urlAtB = url.replace(a.endpoint().toString(), b.endpoint().toString());
            // a first round trip, so that both nodes' notice connections are up
            awaitDelivery(sqsA, sqsB, url, urlAtB, "warm-up");
            long millis = awaitDelivery(sqsA, sqsB, url, urlAtB, "hello");
            assertThat(millis).as("long poll on B woken by a send on A").isLessThan(2000);
        }
    }

    /** Sends on A while B long-polls for 20 seconds; the time from the send to B's answer. */
    private static long awaitDelivery(SqsClient sqsA, SqsClient sqsB, String url, String urlAtB, String body)
            throws Exception {
        CompletableFuture<List<Message>> received = CompletableFuture.supplyAsync(() -> sqsB.receiveMessage(
                        r -> r.queueUrl(urlAtB).waitTimeSeconds(20).maxNumberOfMessages(1))
                .messages());
        // the receive must be waiting before the send, or it would find the message at once
        TimeUnit.MILLISECONDS.sleep(300);
        long start = System.nanoTime();
        sqsA.sendMessage(m -> m.queueUrl(url).messageBody(body));
        List<Message> got = received.get(30, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(got).extracting(Message::body).containsExactly(body);
        sqsB.deleteMessage(d -> d.queueUrl(urlAtB).receiptHandle(got.getFirst().receiptHandle()));
        return millis;
    }
}
