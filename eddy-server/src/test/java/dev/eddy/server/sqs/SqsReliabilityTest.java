package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * 8 producers and 8 consumers move 100,000 messages (4,000 on PostgreSQL) through a real server
 * with the SDK's SqsClient, ten per call: every message arrives, none is lost, none is handed to two consumers within its
 * visibility timeout (which outlasts the run, so any second delivery is one); on a FIFO queue every
 * group also arrives in the order it was sent.
 */
class SqsReliabilityTest {
    static final int PRODUCERS = 8;
    static final int CONSUMERS = 8;
    // on PostgreSQL every call is a database commit: fewer messages (a multiple of 160, so that
    // each producer's groups get equal shares), through the same contention
    static final int MESSAGES = "postgresql".equals(System.getProperty("eddy.test.store")) ? 4_000 : 100_000;
    static final int PER_PRODUCER = MESSAGES / PRODUCERS;
    static final int GROUPS_PER_PRODUCER = 2;

    static EddyServer server;

    @BeforeAll
    static void start() {
        server = EddyTestServer.startInMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aStandardQueueDeliversEveryMessageOnce() throws Exception {
        Deliveries d = run(false);
        assertThat(d.duplicates).isEmpty();
        assertThat(d.failures).isEmpty();
        assertThat(d.seen).hasSize(MESSAGES);
    }

    @Test
    void aFifoQueueDeliversEveryMessageOnceAndEachGroupInOrder() throws Exception {
        Deliveries d = run(true);
        assertThat(d.duplicates).isEmpty();
        assertThat(d.failures).isEmpty();
        assertThat(d.outOfOrder).isEmpty();
        assertThat(d.seen).hasSize(MESSAGES);
        assertThat(d.nextInGroup).hasSize(PRODUCERS * GROUPS_PER_PRODUCER);
        assertThat(d.nextInGroup.values())
                .allSatisfy(n -> assertThat(n.get()).isEqualTo(PER_PRODUCER / GROUPS_PER_PRODUCER));
    }

    /** What the consumers saw. */
    static final class Deliveries {
        final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        final List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final List<String> outOfOrder = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicInteger> nextInGroup = new ConcurrentHashMap<>();
        final AtomicInteger received = new AtomicInteger();
    }

    private Deliveries run(boolean fifo) throws Exception {
        String name = TestNames.unique(fifo ? "relfifo" : "rel") + (fifo ? ".fifo" : "");
        Map<QueueAttributeName, String> attributes = fifo
                ? Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.VISIBILITY_TIMEOUT, "600")
                : Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "600");
        String url;
        try (SqsClient sqs = EddyClients.sqs(server.endpoint())) {
            url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        }
        Deliveries d = new Deliveries();
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                all.add(pool.submit(() -> produce(url, producer, fifo, d)));
            }
            for (int c = 0; c < CONSUMERS; c++) {
                all.add(pool.submit(() -> consume(url, fifo, d)));
            }
            for (Future<?> f : all) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return d;
    }

    private static void produce(String url, int producer, boolean fifo, Deliveries d) {
        try (SqsClient sqs = EddyClients.sqs(server.endpoint())) {
            int[] nextInGroup = new int[GROUPS_PER_PRODUCER];
            for (int i = 0; i < PER_PRODUCER; i += 10) {
                List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
                for (int j = 0; j < 10; j++) {
                    int g = (i / 10) % GROUPS_PER_PRODUCER;
                    String group = "p" + producer + "g" + g;
                    String body = fifo ? group + ":" + nextInGroup[g]++ : "p" + producer + ":" + (i + j);
                    var entry =
                            SendMessageBatchRequestEntry.builder().id("e" + j).messageBody(body);
                    if (fifo) {
                        entry.messageGroupId(group).messageDeduplicationId(body);
                    }
                    batch.add(entry.build());
                }
                var result = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(batch));
                result.failed().forEach(f -> d.failures.add("send " + f.code() + " " + f.message()));
            }
        }
    }

    private static void consume(String url, boolean fifo, Deliveries d) {
        try (SqsClient sqs = EddyClients.sqs(server.endpoint())) {
            while (d.received.get() < MESSAGES && d.failures.isEmpty()) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url)
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(1)
                                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                        .messages();
                if (got.isEmpty()) {
                    continue;
                }
                List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
                for (int i = 0; i < got.size(); i++) {
                    Message m = got.get(i);
                    if (d.seen.putIfAbsent(m.body(), Boolean.TRUE) != null) {
                        d.duplicates.add(m.body());
                    }
                    if (fifo) {
                        checkOrder(m, d);
                    }
                    deletes.add(DeleteMessageBatchRequestEntry.builder()
                            .id("d" + i)
                            .receiptHandle(m.receiptHandle())
                            .build());
                }
                var result = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(deletes));
                result.failed().forEach(f -> d.failures.add("delete " + f.code() + " " + f.message()));
                d.received.addAndGet(got.size());
            }
        }
    }

    /** Within a group, each message must be the one after the last one received. */
    private static void checkOrder(Message m, Deliveries d) {
        String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        int index = Integer.parseInt(m.body().substring(m.body().indexOf(':') + 1));
        AtomicInteger next = d.nextInGroup.computeIfAbsent(group, g -> new AtomicInteger());
        if (!next.compareAndSet(index, index + 1)) {
            d.outOfOrder.add(m.body() + " (expected " + group + ":" + next.get() + ")");
        }
    }
}
