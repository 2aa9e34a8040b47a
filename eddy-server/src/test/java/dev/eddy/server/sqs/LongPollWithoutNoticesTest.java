package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.server.StoreSpec;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.ReadView;
import dev.eddy.store.RetryPolicy;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Two clustered nodes on one in-process store have no notice carrier between them (as nodes on a
 * database without LISTEN/NOTIFY): a long poll on node B finds a message sent through node A by
 * looking at the store again every poll interval, long before its wait time is up.
 */
class LongPollWithoutNoticesTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int WAIT_SECONDS = 20;

    /**
     * The shared store as node B sees it, counting the transactions its request threads begin (a
     * receive's claim is one), so that the test knows when B's long poll has looked and waits.
     */
    private static final class CountingRequests implements Store {
        final Store delegate;
        final AtomicLong begun = new AtomicLong();

        CountingRequests(Store delegate) {
            this.delegate = delegate;
        }

        @Override
        public Transaction begin() {
            // background tasks (lease passes, stream sync) run on their own threads: not counted
            if (!Thread.currentThread().getName().startsWith("eddy-background-")) {
                begun.incrementAndGet();
            }
            return delegate.begin();
        }

        @Override
        public ReadView snapshot() {
            return delegate.snapshot();
        }

        @Override
        public RetryPolicy retryPolicy() {
            return delegate.retryPolicy();
        }

        @Override
        public void close() {}
    }

    private static EddyServer node(Store store, String id) {
        return EddyServer.start(ServerConfig.inMemoryOnRandomPort()
                .withStore(new StoreSpec.Shared(store))
                .withCluster(ServerConfig.Cluster.shared(id, LEASE).withPollInterval(POLL)));
    }

    @Test
    void aLongPollOnNodeBReturnsAMessageSentThroughNodeAWithinAboutThePollInterval() throws Exception {
        MemoryStore store = new MemoryStore();
        CountingRequests atB = new CountingRequests(store);
        try (store;
                EddyServer a = node(store, "a");
                EddyServer b = node(atB, "b");
                SqsClient sqsA = EddyClients.sqs(a.endpoint());
                SqsClient sqsB = EddyClients.sqs(b.endpoint())) {
            String url = sqsA.createQueue(q -> q.queueName(TestNames.unique("no-notices")))
                    .queueUrl();
            String urlAtB = url.replace(a.endpoint().toString(), b.endpoint().toString());
            for (String body : List.of("first", "second")) {
                long before = atB.begun.get();
                CompletableFuture<List<Message>> received = CompletableFuture.supplyAsync(() -> sqsB.receiveMessage(r ->
                                r.queueUrl(urlAtB).waitTimeSeconds(WAIT_SECONDS).maxNumberOfMessages(1))
                        .messages());
                // B's receive looked at the queue (and found it empty) before the send: it waits now
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> atB.begun.get() > before);
                long start = System.nanoTime();
                sqsA.sendMessage(m -> m.queueUrl(url).messageBody(body));

                List<Message> got = received.get(WAIT_SECONDS + 10, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(got).extracting(Message::body).containsExactly(body);
                assertThat(took)
                        .as("found by B's next look at the store, not at the end of its %d s wait", WAIT_SECONDS)
                        .isLessThan(Duration.ofSeconds(5));
                sqsB.deleteMessage(
                        d -> d.queueUrl(urlAtB).receiptHandle(got.getFirst().receiptHandle()));
            }
        }
    }
}
