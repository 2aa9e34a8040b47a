package dev.eddy.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.ReadView;
import dev.eddy.testkit.ManualClock;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FIFO queues in the engine: group order, one group in flight, deduplication, handles, upkeep. */
class FifoQueueEngineTest {
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

    private Arn.Queue fifo(String name, Map<String, String> attributes) {
        Map<String, String> all = new java.util.HashMap<>(attributes);
        all.put("FifoQueue", "true");
        return engine.createQueue(name, all, Map.of());
    }

    private static OutgoingMessage message(String body, String group) {
        return OutgoingMessage.of(body).inGroup(group, body);
    }

    private List<String> receive(Arn.Queue q, int max) {
        return engine.receiveNow(q, new ReceiveOptions(max, null, 0)).stream()
                .map(r -> r.message().body())
                .toList();
    }

    @Test
    void aGroupIsReceivedInOrderAndOnlyOnceNothingOfItIsInFlight() {
        Arn.Queue q = fifo("jobs.fifo", Map.of("VisibilityTimeout", "10"));
        for (String body : List.of("a1", "b1", "a2", "a3", "b2")) {
            engine.send(q, message(body, body.substring(0, 1)));
        }
        ReceivedMessage first = engine.receiveNow(q, ReceiveOptions.one()).getFirst();
        String group = first.message().groupId();
        assertThat(first.message().body()).isEqualTo(group + "1");
        // the other group is still receivable, this one is not
        String otherGroup = group.equals("a") ? "b" : "a";
        assertThat(receive(q, 10))
                .containsExactlyElementsOf(otherGroup.equals("a") ? List.of("a1", "a2", "a3") : List.of("b1", "b2"));
        assertThat(receive(q, 10)).isEmpty();
        engine.deleteMessage(q, first.receiptHandle());
        // the rest of the group is now receivable, in order, several in one receive
        assertThat(receive(q, 10)).containsExactlyElementsOf(group.equals("a") ? List.of("a2", "a3") : List.of("b2"));
    }

    @Test
    void severalOfOneGroupInOneReceiveAndTheGroupComesBackWhenTheirVisibilityEnds() {
        Arn.Queue q = fifo("g.fifo", Map.of("VisibilityTimeout", "10"));
        for (int i = 1; i <= 5; i++) {
            engine.send(q, message("m" + i, "g"));
        }
        List<ReceivedMessage> got = engine.receiveNow(q, new ReceiveOptions(3, null, 0));
        assertThat(got).extracting(r -> r.message().body()).containsExactly("m1", "m2", "m3");
        assertThat(got)
                .extracting(r -> r.message().sequenceNumber())
                .isSortedAccordingTo(Long::compare)
                .doesNotHaveDuplicates();
        engine.deleteMessage(q, got.get(0).receiptHandle());
        engine.deleteMessage(q, got.get(1).receiptHandle());
        // m3 is still in flight: m4 waits
        assertThat(receive(q, 10)).isEmpty();
        assertThat(engine.attributes(q, List.of("All")))
                .containsEntry("ApproximateNumberOfMessages", "2")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
        clock.advance(Duration.ofSeconds(10));
        assertThat(receive(q, 10)).containsExactly("m3", "m4", "m5");
    }

    @Test
    void aVisibilityChangeOfAnyInFlightMessageMovesTheWholeGroup() {
        Arn.Queue q = fifo("v.fifo", Map.of("VisibilityTimeout", "10"));
        engine.send(q, message("m1", "g"));
        engine.send(q, message("m2", "g"));
        List<ReceivedMessage> got = engine.receiveNow(q, new ReceiveOptions(2, null, 0));
        engine.changeVisibility(q, got.get(1).receiptHandle(), 100);
        clock.advance(Duration.ofSeconds(10));
        assertThat(receive(q, 10)).as("m2 is still in flight").isEmpty();
        engine.changeVisibility(q, got.get(1).receiptHandle(), 0);
        assertThat(receive(q, 10)).containsExactly("m1", "m2");
    }

    @Test
    void duplicatesWithinFiveMinutesAreAcceptedButNotDelivered() {
        Arn.Queue q = fifo("d.fifo", Map.of());
        SentMessage first = engine.send(q, OutgoingMessage.of("x").inGroup("g", "id-1"));
        SentMessage again = engine.send(q, OutgoingMessage.of("other body").inGroup("g", "id-1"));
        assertThat(again).isEqualTo(first);
        List<ReceivedMessage> got = engine.receiveNow(q, new ReceiveOptions(10, null, 0));
        assertThat(got).extracting(r -> r.message().body()).containsExactly("x");
        engine.deleteMessage(q, got.getFirst().receiptHandle());
        // still a duplicate after the first was deleted
        assertThat(engine.send(q, OutgoingMessage.of("x").inGroup("g", "id-1"))).isEqualTo(first);
        clock.advance(Duration.ofMinutes(4));
        assertThat(engine.send(q, OutgoingMessage.of("x").inGroup("g", "id-1"))).isEqualTo(first);
        clock.advance(Duration.ofMinutes(1));
        SentMessage later = engine.send(q, OutgoingMessage.of("y").inGroup("h", "id-1"));
        assertThat(later.messageId()).isNotEqualTo(first.messageId());
        assertThat(new java.math.BigInteger(later.sequenceNumber()))
                .isGreaterThan(new java.math.BigInteger(first.sequenceNumber()));
        assertThat(receive(q, 10)).containsExactly("y");
    }

    @Test
    void contentBasedDeduplicationUsesTheBodyAndAnExplicitIdWins() {
        Arn.Queue q = fifo("c.fifo", Map.of("ContentBasedDeduplication", "true"));
        SentMessage first = engine.send(q, OutgoingMessage.of("same").inGroup("g", null));
        assertThat(engine.send(q, OutgoingMessage.of("same").inGroup("g", null)))
                .isEqualTo(first);
        engine.send(q, OutgoingMessage.of("same").inGroup("g", "explicit"));
        List<ReceivedMessage> got = engine.receiveNow(q, new ReceiveOptions(10, null, 0));
        assertThat(got)
                .extracting(r -> r.message().deduplicationId())
                .containsExactly(FifoRules.sha256("same"), "explicit");
        assertThat(FifoRules.sha256("same")).hasSize(64);
    }

    @Test
    void deduplicationPerMessageGroupWhenTheScopeSaysSo() {
        Arn.Queue q = fifo(
                "s.fifo", Map.of("DeduplicationScope", "messageGroup", "FifoThroughputLimit", "perMessageGroupId"));
        engine.send(q, OutgoingMessage.of("1").inGroup("a", "same"));
        engine.send(q, OutgoingMessage.of("2").inGroup("b", "same"));
        engine.send(q, OutgoingMessage.of("3").inGroup("b", "same"));
        assertThat(receive(q, 10)).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void fifoSendsAreValidatedWithAwsMessages() {
        Arn.Queue q = fifo("e.fifo", Map.of());
        assertThatThrownBy(() -> engine.send(q, OutgoingMessage.of("x")))
                .hasMessage("The request must contain the parameter MessageGroupId.")
                .extracting(e -> ((EddyException) e).code())
                .isEqualTo(ErrorCode.SQS_MISSING_PARAMETER);
        assertThatThrownBy(() -> engine.send(q, OutgoingMessage.of("x").inGroup("g", null)))
                .hasMessage("The queue should either have ContentBasedDeduplication enabled or"
                        + " MessageDeduplicationId provided explicitly");
        assertThatThrownBy(() -> engine.send(q, new OutgoingMessage("x", Map.of(), 2, null, "g", "d")))
                .hasMessage("Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter"
                        + " that is not valid for this queue type.");
        assertThat(engine.send(q, new OutgoingMessage("x", Map.of(), 0, null, "g", "d"))
                        .sequenceNumber())
                .isNotNull();
        assertThatThrownBy(() -> engine.send(q, OutgoingMessage.of("x").inGroup("g", "bad id")))
                .hasMessage("Value bad id for parameter MessageDeduplicationId is invalid. Reason:"
                        + " MessageDeduplicationId can only include alphanumeric and punctuation characters."
                        + " 1 to 128 in length.");
        assertThatThrownBy(() -> engine.send(q, OutgoingMessage.of("x").inGroup("g".repeat(129), "d")))
                .hasMessageContaining("Reason: MessageGroupId can only include alphanumeric and punctuation");
        Arn.Queue standard = engine.createQueue("standard", Map.of(), Map.of());
        assertThatThrownBy(() -> engine.send(standard, OutgoingMessage.of("x").inGroup("g", "d")))
                .hasMessage("Value d for parameter MessageDeduplicationId is invalid. Reason: The request includes a"
                        + " parameter that is not valid for this queue type.");
        engine.send(standard, OutgoingMessage.of("fair").inGroup("tenant-1", null));
        ReceivedMessage fair = engine.receiveNow(standard, ReceiveOptions.one()).getFirst();
        assertThat(fair.message().groupId()).isEqualTo("tenant-1");
        assertThat(fair.message().sequenceNumber()).isZero();
    }

    @Test
    void queueTypeNamesAndAttributes() {
        assertThatThrownBy(() -> engine.createQueue("x.fifo", Map.of(), Map.of()))
                .hasMessage("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        assertThatThrownBy(() -> engine.createQueue("x", Map.of("FifoQueue", "true"), Map.of()))
                .hasMessage("The name of a FIFO queue can only include alphanumeric characters, hyphens, or"
                        + " underscores, must end with .fifo suffix and be 1 to 80 in length.");
        assertThatThrownBy(() -> engine.createQueue("x", Map.of("ContentBasedDeduplication", "false"), Map.of()))
                .hasMessage("Unknown Attribute ContentBasedDeduplication.");
        assertThatThrownBy(() -> engine.createQueue("x", Map.of("DeduplicationScope", "queue"), Map.of()))
                .hasMessage("You can specify the DeduplicationScope only when FifoQueue is set to true.");
        assertThatThrownBy(() -> fifo("x.fifo", Map.of("DeduplicationScope", "group")))
                .hasMessage("Invalid value for the parameter DeduplicationScope.")
                .extracting(e -> ((EddyException) e).code())
                .isEqualTo(ErrorCode.SQS_INVALID_ATTRIBUTE_VALUE);
        assertThatThrownBy(() -> fifo("x.fifo", Map.of("FifoThroughputLimit", "perMessageGroupId")))
                .hasMessage("Invalid value for the parameter FifoThroughputLimit.");
        Arn.Queue q = fifo("x.fifo", Map.of());
        assertThat(fifo("x.fifo", Map.of())).isEqualTo(q);
        assertThat(engine.attributes(q, List.of("All")))
                .containsEntry("FifoQueue", "true")
                .containsEntry("ContentBasedDeduplication", "false")
                .containsEntry("DeduplicationScope", "queue")
                .containsEntry("FifoThroughputLimit", "perQueue");
        assertThatThrownBy(() -> fifo("x.fifo", Map.of("ContentBasedDeduplication", "true")))
                .extracting(e -> ((EddyException) e).code())
                .isEqualTo(ErrorCode.SQS_QUEUE_NAME_EXISTS);
        assertThatThrownBy(() -> engine.setAttributes(q, Map.of("FifoQueue", "true")))
                .hasMessage("Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not"
                        + " supported.");
        engine.setAttributes(q, Map.of("ContentBasedDeduplication", "true", "DeduplicationScope", "messageGroup"));
        engine.setAttributes(q, Map.of("FifoThroughputLimit", "perMessageGroupId"));
        assertThatThrownBy(() -> engine.setAttributes(q, Map.of("DeduplicationScope", "queue")))
                .hasMessage("Invalid value for the parameter FifoThroughputLimit.");
        assertThat(engine.attributes(q, List.of("ContentBasedDeduplication", "FifoThroughputLimit")))
                .isEqualTo(Map.of("ContentBasedDeduplication", "true", "FifoThroughputLimit", "perMessageGroupId"));
        Arn.Queue standard = engine.createQueue("plain", Map.of(), Map.of());
        String policy = "{\"deadLetterTargetArn\":\"" + standard + "\",\"maxReceiveCount\":1}";
        assertThatThrownBy(() -> engine.setAttributes(q, Map.of("RedrivePolicy", policy)))
                .hasMessageEndingWith("Reason: Dead-letter queue must be same type of queue as the source.");
    }

    @Test
    void aFifoHandleActsOnlyWhileItsMessageIsInFlightUnderIt() {
        Arn.Queue q = fifo("h.fifo", Map.of("VisibilityTimeout", "10"));
        engine.send(q, message("m1", "g"));
        ReceivedMessage first = engine.receiveNow(q, ReceiveOptions.one()).getFirst();
        clock.advance(Duration.ofSeconds(10));
        String expired = "Value " + first.receiptHandle() + " for parameter ReceiptHandle is invalid. Reason: The"
                + " receipt handle has expired.";
        assertThatThrownBy(() -> engine.deleteMessage(q, first.receiptHandle())).hasMessage(expired);
        ReceivedMessage second = engine.receiveNow(q, ReceiveOptions.one()).getFirst();
        assertThat(second.message().receiveCount()).isEqualTo(2);
        assertThatThrownBy(() -> engine.deleteMessage(q, first.receiptHandle())).hasMessage(expired);
        assertThatThrownBy(() -> engine.changeVisibility(q, first.receiptHandle(), 5))
                .hasMessage(expired);
        engine.deleteMessage(q, second.receiptHandle());
        engine.deleteMessage(q, second.receiptHandle());
        assertThat(receive(q, 10)).isEmpty();
    }

    @Test
    void aRetriedReceiveAttemptReturnsTheSameMessagesAndHandles() {
        Arn.Queue q = fifo("r.fifo", Map.of("VisibilityTimeout", "10"));
        engine.send(q, message("m1", "g"));
        engine.send(q, message("m2", "g"));
        List<ReceivedMessage> first = engine.receiveNow(q, new ReceiveOptions(10, null, 0, "attempt-1"));
        assertThat(first).hasSize(2);
        clock.advance(Duration.ofSeconds(5));
        List<ReceivedMessage> retry = engine.receiveNow(q, new ReceiveOptions(10, null, 0, "attempt-1"));
        assertThat(retry)
                .extracting(ReceivedMessage::receiptHandle)
                .containsExactlyElementsOf(
                        first.stream().map(ReceivedMessage::receiptHandle).toList());
        assertThat(engine.receiveNow(q, new ReceiveOptions(10, null, 0, "attempt-2")))
                .isEmpty();
        // the retry started the visibility timeout again
        clock.advance(Duration.ofSeconds(9));
        engine.deleteMessage(q, retry.getFirst().receiptHandle());
    }

    @Test
    void deadLettersKeepTheirGroupAndOrder() {
        Arn.Queue dlq = fifo("dead.fifo", Map.of());
        String policy = "{\"deadLetterTargetArn\":\"" + dlq + "\",\"maxReceiveCount\":1}";
        Arn.Queue q = fifo("src.fifo", Map.of("RedrivePolicy", policy, "VisibilityTimeout", "1"));
        engine.send(q, message("m1", "g"));
        engine.send(q, message("m2", "g"));
        assertThat(receive(q, 10)).containsExactly("m1", "m2");
        clock.advance(Duration.ofSeconds(1));
        assertThat(receive(q, 10)).isEmpty();
        List<ReceivedMessage> dead = engine.receiveNow(dlq, new ReceiveOptions(10, null, 0));
        assertThat(dead).extracting(r -> r.message().body()).containsExactly("m1", "m2");
        assertThat(dead).allSatisfy(r -> {
            assertThat(r.message().groupId()).isEqualTo("g");
            assertThat(r.message().receiveCount()).isEqualTo(2);
            assertThat(r.message().deadLetterSourceArn()).isEqualTo(q.toString());
        });
    }

    @Test
    void purgeRetentionAndTheSweepKeepGroupsConsistent() {
        Arn.Queue q = fifo("p.fifo", Map.of("MessageRetentionPeriod", "60"));
        engine.send(q, message("m1", "g"));
        engine.send(q, message("m2", "g"));
        engine.purge(q);
        assertThat(receive(q, 10)).isEmpty();
        engine.send(q, message("m3", "g"));
        clock.advance(Duration.ofSeconds(30));
        engine.send(q, message("m4", "g"));
        clock.advance(Duration.ofSeconds(31));
        assertThat(engine.expireMessages(clock.millis())).isEqualTo(1);
        assertThat(receive(q, 10)).containsExactly("m4");
        // m3's deduplication id is remembered for five minutes, then forgotten with the empty group
        assertThat(engine.send(q, message("m3", "g")).messageId()).isNotNull();
        assertThat(receive(q, 10)).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        engine.receiveNow(q, new ReceiveOptions(10, null, 0)).forEach(r -> engine.deleteMessage(q, r.receiptHandle()));
        engine.expireMessages(clock.millis());
        assertThat(metaKeys("fifo-dedup")).isZero();
        assertThat(metaKeys("fifo-group")).isZero();
        assertThat(metaKeys("fifo-sweep")).isZero();
        engine.send(q, message("m3", "g"));
        assertThat(receive(q, 10)).containsExactly("m3");
        engine.deleteQueue(q);
        assertThat(metaKeys("fifo-order")).isZero();
    }

    private int metaKeys(String prefix) {
        try (ReadView view = store.snapshot()) {
            return view.scan(dev.eddy.store.Keyspace.QUEUE_META.range(dev.eddy.store.Tuple.of(prefix)), 0, false)
                    .size();
        }
    }
}
