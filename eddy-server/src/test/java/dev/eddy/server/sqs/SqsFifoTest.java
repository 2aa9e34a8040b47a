package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * FIFO queues through the SDK's SqsClient (MD5 checks on): queue type rules, message groups in
 * order with one group in flight, deduplication, sequence numbers, FIFO handles, receive attempts,
 * and AWS's errors for each rule.
 */
class SqsFifoTest {
    static EddyServer server;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = EddyTestServer.startInMemory();
        sqs = EddyClients.sqs(server.endpoint());
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    static String fifo(String prefix, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> all = new java.util.HashMap<>(attributes);
        all.put(QueueAttributeName.FIFO_QUEUE, "true");
        return sqs.createQueue(
                        b -> b.queueName(TestNames.unique(prefix) + ".fifo").attributes(all))
                .queueUrl();
    }

    static SendMessageResponse send(String url, String body, String group) {
        return sqs.sendMessage(
                b -> b.queueUrl(url).messageBody(body).messageGroupId(group).messageDeduplicationId(body));
    }

    static List<Message> receive(String url, int max) {
        return sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(max)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }

    static void assertError(ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(SqsException.class)
                .hasMessageContaining(message)
                .satisfies(e -> {
                    SqsException s = (SqsException) e;
                    assertThat(s.statusCode()).isEqualTo(400);
                    assertThat(s.awsErrorDetails().errorCode()).isEqualTo(code);
                });
    }

    @Test
    void aFifoQueueShowsItsAttributesAndRefusesTypeMismatches() {
        String url = fifo("attrs", Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        assertThat(url).endsWith(".fifo");
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                        .attributes())
                .containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")
                .containsEntry(QueueAttributeName.DEDUPLICATION_SCOPE, "queue")
                .containsEntry(QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perQueue");
        String name = TestNames.unique("nofifo");
        assertError(
                () -> sqs.createQueue(b -> b.queueName(name + ".fifo")),
                "InvalidParameterValue",
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        assertError(
                () -> sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))),
                "InvalidParameterValue",
                "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must"
                        + " end with .fifo suffix and be 1 to 80 in length.");
        assertError(
                () -> sqs.createQueue(
                        b -> b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "false"))),
                "InvalidAttributeName",
                "Unknown Attribute FifoQueue.");
        assertError(
                () -> sqs.createQueue(b ->
                        b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perQueue"))),
                "InvalidAttributeName",
                "You can specify the FifoThroughputLimit only when FifoQueue is set to true.");
        assertError(
                () -> sqs.setQueueAttributes(
                        b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))),
                "InvalidAttributeValue",
                "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
        assertError(
                () -> sqs.setQueueAttributes(
                        b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.DEDUPLICATION_SCOPE, "group"))),
                "InvalidAttributeValue",
                "Invalid value for the parameter DeduplicationScope.");
        sqs.setQueueAttributes(b -> b.queueUrl(url)
                .attributes(Map.of(
                        QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup",
                        QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId")));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.FIFO_THROUGHPUT_LIMIT))
                        .attributes())
                .containsEntry(QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId");
    }

    @Test
    void groupsAreReceivedInOrderWithOneGroupInFlight() {
        String url = fifo("order", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"));
        SendMessageResponse a1 = send(url, "a1", "a");
        send(url, "b1", "b");
        SendMessageResponse a2 = send(url, "a2", "a");
        assertThat(new BigInteger(a2.sequenceNumber())).isGreaterThan(new BigInteger(a1.sequenceNumber()));
        List<Message> first = receive(url, 1);
        assertThat(first).hasSize(1);
        Message head = first.getFirst();
        String group = head.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        assertThat(head.body()).isEqualTo(group + "1");
        // while the head is in flight, only the other group is handed out
        List<Message> second = receive(url, 10);
        assertThat(second)
                .extracting(Message::body)
                .containsExactlyElementsOf(group.equals("a") ? List.of("b1") : List.of("a1", "a2"));
        assertThat(receive(url, 10)).isEmpty();
        for (Message m : second) {
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
        }
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(head.receiptHandle()));
        List<Message> rest = receive(url, 10);
        if (group.equals("a")) {
            assertThat(rest).extracting(Message::body).containsExactly("a2");
            assertThat(rest.getFirst().attributes())
                    .containsEntry(MessageSystemAttributeName.SEQUENCE_NUMBER, a2.sequenceNumber())
                    .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "a2")
                    .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "a")
                    .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
        } else {
            assertThat(rest).isEmpty();
        }
    }

    @Test
    void aBatchEnqueuesInOrderAndFailsEntriesOneByOne() {
        String url = fifo("batch", Map.of());
        var result = sqs.sendMessageBatch(b -> b.queueUrl(url)
                .entries(
                        entry("1", "g", "d1"),
                        entry("2", "g", "d2"),
                        SendMessageBatchRequestEntry.builder()
                                .id("3")
                                .messageBody("x")
                                .messageDeduplicationId("d3")
                                .build(),
                        entry("4", "g", "d1")));
        assertThat(result.successful()).extracting(e -> e.id()).containsExactly("1", "2", "4");
        assertThat(result.successful().get(0).sequenceNumber()).isNotNull();
        assertThat(new BigInteger(result.successful().get(1).sequenceNumber()))
                .isGreaterThan(new BigInteger(result.successful().get(0).sequenceNumber()));
        // the duplicate answers with the first message
        assertThat(result.successful().get(2).messageId())
                .isEqualTo(result.successful().get(0).messageId());
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("3");
            assertThat(f.code()).isEqualTo("MissingParameter");
            assertThat(f.message()).isEqualTo("The request must contain the parameter MessageGroupId.");
            assertThat(f.senderFault()).isTrue();
        });
        assertThat(receive(url, 10)).extracting(Message::body).containsExactly("body-1", "body-2");
    }

    static SendMessageBatchRequestEntry entry(String id, String group, String dedup) {
        return SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody("body-" + id)
                .messageGroupId(group)
                .messageDeduplicationId(dedup)
                .build();
    }

    @Test
    void duplicatesAreAcceptedWithTheFirstMessageIdAndNotDelivered() throws Exception {
        String url = fifo("dedup", Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        SendMessageResponse first =
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g"));
        SendMessageResponse again =
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g"));
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.sequenceNumber()).isEqualTo(first.sequenceNumber());
        SendMessageResponse explicit = sqs.sendMessage(
                b -> b.queueUrl(url).messageBody("same").messageGroupId("g").messageDeduplicationId("mine"));
        assertThat(explicit.messageId()).isNotEqualTo(first.messageId());
        List<Message> got = receive(url, 10);
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest("same".getBytes(StandardCharsets.UTF_8)));
        assertThat(got)
                .extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .containsExactly(hash, "mine");
    }

    @Test
    void fifoSendsAreValidatedWithAwsMessages() {
        String url = fifo("errors", Map.of());
        assertError(
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageDeduplicationId("d")),
                "MissingParameter",
                "The request must contain the parameter MessageGroupId.");
        assertError(
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")),
                "InvalidParameterValue",
                "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided"
                        + " explicitly");
        assertError(
                () -> sqs.sendMessage(b -> b.queueUrl(url)
                        .messageBody("x")
                        .messageGroupId("g")
                        .messageDeduplicationId("d")
                        .delaySeconds(2)),
                "InvalidParameterValue",
                "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not"
                        + " valid for this queue type.");
        assertError(
                () -> sqs.sendMessage(b ->
                        b.queueUrl(url).messageBody("x").messageGroupId("g").messageDeduplicationId("é")),
                "InvalidParameterValue",
                "Value é for parameter MessageDeduplicationId is invalid. Reason: MessageDeduplicationId can only"
                        + " include alphanumeric and punctuation characters. 1 to 128 in length.");
        String standard =
                sqs.createQueue(b -> b.queueName(TestNames.unique("std"))).queueUrl();
        assertError(
                () -> sqs.sendMessage(b -> b.queueUrl(standard).messageBody("x").messageDeduplicationId("d")),
                "InvalidParameterValue",
                "Value d for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter"
                        + " that is not valid for this queue type.");
        // a standard queue accepts a group id (fair queues) and shows it back, with no sequence number
        sqs.sendMessage(b -> b.queueUrl(standard).messageBody("x").messageGroupId("tenant"));
        assertThat(receive(standard, 1).getFirst().attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "tenant")
                .doesNotContainKey(MessageSystemAttributeName.SEQUENCE_NUMBER);
        // DelaySeconds 0 is accepted on a FIFO queue
        assertThat(sqs.sendMessage(b -> b.queueUrl(url)
                                .messageBody("x")
                                .messageGroupId("g")
                                .messageDeduplicationId("d")
                                .delaySeconds(0))
                        .sequenceNumber())
                .isNotNull();
    }

    @Test
    void aHandleWhoseVisibilityEndedHasExpired() {
        String url = fifo("expired", Map.of());
        send(url, "m", "g");
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0))
                .messages()
                .getFirst();
        assertError(
                () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())),
                "InvalidParameterValue",
                "Value " + m.receiptHandle() + " for parameter ReceiptHandle is invalid. Reason: The receipt handle"
                        + " has expired.");
        Message again = receive(url, 1).getFirst();
        assertThat(again.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(again.receiptHandle()));
        assertThat(receive(url, 1)).isEmpty();
    }

    @Test
    void aRetriedReceiveAttemptGetsTheSameMessagesAndHandles() {
        String url = fifo("attempt", Map.of());
        send(url, "m1", "g");
        send(url, "m2", "g");
        List<Message> first = sqs.receiveMessage(
                        b -> b.queueUrl(url).maxNumberOfMessages(10).receiveRequestAttemptId("try-1"))
                .messages();
        List<Message> retry = sqs.receiveMessage(
                        b -> b.queueUrl(url).maxNumberOfMessages(10).receiveRequestAttemptId("try-1"))
                .messages();
        assertThat(first).extracting(Message::body).containsExactly("m1", "m2");
        assertThat(retry)
                .extracting(Message::receiptHandle)
                .containsExactlyElementsOf(
                        first.stream().map(Message::receiptHandle).toList());
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("try-2"))
                        .messages())
                .isEmpty();
    }
}
