package dev.eddy.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.Transaction;
import dev.eddy.testkit.ManualClock;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueEngineTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final MemoryStore store = new MemoryStore();
    private final BackgroundWork work = BackgroundWork.singleNode(clock);
    private final QueueEngine engine = new QueueEngine(store, clock, Account.DEFAULT, work, new LocalQueueSignal());

    @AfterEach
    void close() {
        engine.close();
        work.close();
        store.close();
    }

    @Test
    void createIsIdempotentOnIdenticalAttributesAndRefusesDifferentOnes() {
        Arn.Queue q = engine.createQueue("jobs", Map.of("VisibilityTimeout", "60"), Map.of());
        assertThat(engine.createQueue("jobs", Map.of("VisibilityTimeout", "60"), Map.of()))
                .isEqualTo(q);
        assertThat(engine.createQueue("jobs", Map.of(), Map.of())).isEqualTo(q);
        assertThatThrownBy(() -> engine.createQueue("jobs", Map.of("VisibilityTimeout", "61"), Map.of()))
                .isInstanceOf(EddyException.class)
                .hasMessage("A queue already exists with the same name and a different value for attribute"
                        + " VisibilityTimeout")
                .extracting(e -> ((EddyException) e).code())
                .isEqualTo(ErrorCode.SQS_QUEUE_NAME_EXISTS);
        assertThat(engine.exists(q)).isTrue();
        assertThat(engine.exists(Account.DEFAULT.queue("other"))).isFalse();
    }

    @Test
    void attributesAreValidatedWithAwsMessages() {
        assertThatThrownBy(() -> engine.createQueue("q", Map.of("Bogus", "1"), Map.of()))
                .hasMessage("Unknown Attribute Bogus.");
        assertThatThrownBy(() -> engine.createQueue("q", Map.of("DelaySeconds", "901"), Map.of()))
                .hasMessage("Invalid value for the parameter DelaySeconds.");
        assertThatThrownBy(() -> engine.createQueue("q", Map.of("FifoQueue", "false"), Map.of()))
                .hasMessage("Unknown Attribute FifoQueue.");
        assertThatThrownBy(() -> engine.createQueue("bad name", Map.of(), Map.of()))
                .hasMessage("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of());
        Map<String, String> all = engine.attributes(q, List.of("All"));
        assertThat(all)
                .containsEntry("VisibilityTimeout", "30")
                .containsEntry("MaximumMessageSize", "1048576")
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:q")
                .containsEntry("CreatedTimestamp", "1772323200")
                .containsEntry("ApproximateNumberOfMessages", "0")
                .doesNotContainKey("RedrivePolicy");
        engine.setAttributes(q, Map.of("VisibilityTimeout", "5"));
        assertThat(engine.attributes(q, List.of("VisibilityTimeout"))).isEqualTo(Map.of("VisibilityTimeout", "5"));
        assertThat(engine.attributes(q, List.of())).isEmpty();
    }

    @Test
    void aReceivedMessageIsInvisibleUntilItsTimeoutThenComesBackWithAHigherCount() {
        Arn.Queue q = engine.createQueue("q", Map.of("VisibilityTimeout", "10"), Map.of());
        SentMessage sent = engine.send(q, OutgoingMessage.of("hello"));
        List<ReceivedMessage> first = engine.receiveNow(q, ReceiveOptions.one());
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.message().messageId()).isEqualTo(sent.messageId());
            assertThat(r.message().body()).isEqualTo("hello");
            assertThat(r.message().receiveCount()).isEqualTo(1);
            assertThat(r.message().firstReceiveMillis()).isEqualTo(clock.millis());
        });
        assertThat(engine.receiveNow(q, ReceiveOptions.one())).isEmpty();
        assertThat(engine.attributes(q, List.of("ApproximateNumberOfMessagesNotVisible")))
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
        clock.advance(Duration.ofSeconds(10));
        List<ReceivedMessage> second = engine.receiveNow(q, ReceiveOptions.one());
        assertThat(second).singleElement().satisfies(r -> {
            assertThat(r.message().receiveCount()).isEqualTo(2);
            assertThat(r.receiptHandle()).isNotEqualTo(first.getFirst().receiptHandle());
        });
        // an older handle still deletes the message of a standard queue
        engine.deleteMessage(q, first.getFirst().receiptHandle());
        clock.advance(Duration.ofSeconds(60));
        assertThat(engine.receiveNow(q, ReceiveOptions.one())).isEmpty();
        assertThatThrownBy(() -> engine.deleteMessage(q, "garbage"))
                .hasMessage("The input receipt handle \"garbage\" is not a valid receipt handle.");
    }

    @Test
    void delaysAndVisibilityChangesMoveTheMessageInTime() {
        Arn.Queue q = engine.createQueue("q", Map.of("DelaySeconds", "5"), Map.of());
        engine.send(q, OutgoingMessage.of("later"));
        assertThat(engine.attributes(q, List.of("ApproximateNumberOfMessagesDelayed")))
                .containsEntry("ApproximateNumberOfMessagesDelayed", "1");
        assertThat(engine.receiveNow(q, ReceiveOptions.one())).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        ReceivedMessage r = engine.receiveNow(q, ReceiveOptions.one()).getFirst();
        engine.changeVisibility(q, r.receiptHandle(), 0);
        assertThat(engine.receiveNow(q, ReceiveOptions.one())).hasSize(1);
    }

    @Test
    void aMessageOverMaxReceiveCountMovesToTheDeadLetterQueue() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        String policy = "{\"deadLetterTargetArn\":\"" + dlq + "\",\"maxReceiveCount\":\"1\"}";
        Arn.Queue q = engine.createQueue("q", Map.of("RedrivePolicy", policy, "VisibilityTimeout", "1"), Map.of());
        assertThat(engine.attributes(q, List.of("RedrivePolicy")))
                .containsEntry("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq + "\",\"maxReceiveCount\":1}");
        assertThat(engine.deadLetterSourceQueues(dlq)).containsExactly(q);
        engine.send(q, OutgoingMessage.of("poison"));
        assertThat(engine.receiveNow(q, ReceiveOptions.one())).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.receiveNow(q, ReceiveOptions.one())).isEmpty();
        ReceivedMessage dead = engine.receiveNow(dlq, ReceiveOptions.one()).getFirst();
        assertThat(dead.message().body()).isEqualTo("poison");
        assertThat(dead.message().receiveCount()).isEqualTo(2);
        assertThat(dead.message().deadLetterSourceArn()).isEqualTo(q.toString());
        assertThatThrownBy(() -> engine.setAttributes(
                        q,
                        Map.of(
                                "RedrivePolicy",
                                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:none\","
                                        + "\"maxReceiveCount\":3}")))
                .hasMessageEndingWith("Reason: Dead-letter target does not exist.");
    }

    @Test
    void retentionDropsExpiredMessages() {
        Arn.Queue q = engine.createQueue("q", Map.of("MessageRetentionPeriod", "60"), Map.of());
        engine.send(q, OutgoingMessage.of("old"));
        clock.advance(Duration.ofSeconds(30));
        engine.send(q, OutgoingMessage.of("new"));
        clock.advance(Duration.ofSeconds(31));
        assertThat(engine.expireMessages(clock.millis())).isEqualTo(1);
        assertThat(engine.receiveNow(q, new ReceiveOptions(10, null, 0)))
                .extracting(r -> r.message().body())
                .containsExactly("new");
    }

    @Test
    void purgeDeleteAndTags() {
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of("team", "a"));
        engine.send(q, OutgoingMessage.of("x"));
        engine.purge(q);
        assertThat(engine.receiveNow(q, ReceiveOptions.one())).isEmpty();
        engine.tag(q, Map.of("env", "dev"));
        engine.untag(q, List.of("team"));
        assertThat(engine.tags(q)).isEqualTo(Map.of("env", "dev"));
        assertThat(engine.listQueues("q", null, 1000)).containsExactly(q);
        engine.deleteQueue(q);
        assertThatThrownBy(() -> engine.send(q, OutgoingMessage.of("x")))
                .hasMessage("The specified queue does not exist.");
    }

    @Test
    void messagesAreValidated() {
        Arn.Queue q = engine.createQueue("q", Map.of("MaximumMessageSize", "1024"), Map.of());
        assertThatThrownBy(() -> engine.send(q, OutgoingMessage.of("")))
                .hasMessage("The request must contain the parameter MessageBody.");
        assertThatThrownBy(() -> engine.send(q, OutgoingMessage.of("x".repeat(1025))))
                .hasMessage("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.");
        assertThatThrownBy(() -> engine.send(q, OutgoingMessage.of("\u0001")))
                .extracting(e -> ((EddyException) e).code())
                .isEqualTo(ErrorCode.SQS_INVALID_MESSAGE_CONTENTS);
        assertThatThrownBy(() ->
                        engine.send(q, new OutgoingMessage("b", Map.of("a", MessageAttribute.string("")), null, null)))
                .hasMessage("Message (user) attribute 'a' must contain a non-empty value of type 'String'.");
        assertThatThrownBy(() -> new ReceiveOptions(11, null, null))
                .hasMessage("Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10,"
                        + " if provided.");
    }

    @Test
    void aSendInsideACallersTransactionExistsOnlyOnceItCommits() {
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of());
        try (Transaction tx = store.begin()) {
            engine.send(tx, q, OutgoingMessage.of("rolled back"));
        }
        assertThat(engine.receiveNow(q, ReceiveOptions.one())).isEmpty();
        store.run(tx -> engine.send(tx, q, OutgoingMessage.of("committed")));
        assertThat(engine.receiveNow(q, ReceiveOptions.one())
                        .getFirst()
                        .message()
                        .body())
                .isEqualTo("committed");
    }

    @Test
    void aLongPollIsWokenBySendNotByTheEndOfItsWait() throws Exception {
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of());
        CompletableFuture<List<ReceivedMessage>> poll =
                CompletableFuture.supplyAsync(() -> engine.receive(q, new ReceiveOptions(1, null, 20)));
        // the send may come before or after the poll starts waiting: either way it must be found
        engine.send(q, OutgoingMessage.of("wake"));
        long start = System.nanoTime();
        List<ReceivedMessage> got = poll.get(10, TimeUnit.SECONDS);
        assertThat(got).singleElement().extracting(r -> r.message().body()).isEqualTo("wake");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void concurrentReceiversNeverShareAMessageWithinItsVisibilityTimeout() throws Exception {
        Arn.Queue q = engine.createQueue("q", Map.of("VisibilityTimeout", "600"), Map.of());
        int total = 400;
        for (int i = 0; i < total; i++) {
            engine.send(q, OutgoingMessage.of("m" + i));
        }
        Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> consumers = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                consumers.add(CompletableFuture.runAsync(
                        () -> {
                            List<ReceivedMessage> batch;
                            do {
                                batch = engine.receiveNow(q, new ReceiveOptions(10, null, 0));
                                for (ReceivedMessage r : batch) {
                                    if (!seen.add(r.message().messageId())) {
                                        duplicates.add(r.message().messageId());
                                    }
                                }
                            } while (!batch.isEmpty());
                        },
                        pool));
            }
            CompletableFuture.allOf(consumers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).isEmpty();
        assertThat(seen).hasSize(total);
    }
}
