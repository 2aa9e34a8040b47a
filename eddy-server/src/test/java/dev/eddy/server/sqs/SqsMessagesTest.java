package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Messages through the SDK's SqsClient, whose MD5 checks of sends and receives stay on: send,
 * receive, delete, change visibility, their batches, long polling, dead-letter redrive.
 */
class SqsMessagesTest {
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

    static String queue(String prefix) {
        return sqs.createQueue(b -> b.queueName(TestNames.unique(prefix))).queueUrl();
    }

    @Test
    void sendReceiveAndDeleteWithAttributesTheClientChecks() {
        String url = queue("msg");
        var sent = sqs.sendMessage(b -> b.queueUrl(url)
                .messageBody("hello")
                .messageAttributes(Map.of(
                        "Text",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("été")
                                        .build(),
                        "Count",
                                MessageAttributeValue.builder()
                                        .dataType("Number.int")
                                        .stringValue("3")
                                        .build(),
                        "Raw",
                                MessageAttributeValue.builder()
                                        .dataType("Binary")
                                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2}))
                                        .build()))
                .messageSystemAttributesWithStrings(Map.of(
                        MessageSystemAttributeNameForSends.AWS_TRACE_HEADER.toString(),
                        MessageSystemAttributeValue.builder()
                                .dataType("String")
                                .stringValue("Root=1-abc")
                                .build())));
        assertThat(sent.md5OfMessageBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(sent.md5OfMessageAttributes()).isNotNull();
        assertThat(sent.md5OfMessageSystemAttributes()).isNotNull();
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
        assertThat(got).hasSize(1);
        Message m = got.getFirst();
        assertThat(m.messageId()).isEqualTo(sent.messageId());
        assertThat(m.body()).isEqualTo("hello");
        assertThat(m.messageAttributes().get("Text").stringValue()).isEqualTo("été");
        assertThat(m.messageAttributes().get("Raw").binaryValue().asByteArray()).containsExactly(0, 1, 2);
        assertThat(m.attributes())
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                .containsEntry(MessageSystemAttributeName.AWS_TRACE_HEADER, "Root=1-abc")
                .containsKeys(MessageSystemAttributeName.SENT_TIMESTAMP, MessageSystemAttributeName.SENDER_ID);
        // a selection of attributes is digested as selected (the client checks it)
        sqs.changeMessageVisibility(
                b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        Message again = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("Text"))
                .messages()
                .getFirst();
        assertThat(again.messageAttributes()).containsOnlyKeys("Text");
        assertThat(again.attributes()).isEmpty();
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(again.receiptHandle()));
        assertThatThrownBy(() -> sqs.changeMessageVisibility(b ->
                        b.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(0)))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("Message does not exist or is not available for visibility timeout change.");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void batchesReportEachEntry() {
        String url = queue("batch");
        var sent = sqs.sendMessageBatch(b -> b.queueUrl(url)
                .entries(
                        SendMessageBatchRequestEntry.builder()
                                .id("a")
                                .messageBody("one")
                                .build(),
                        SendMessageBatchRequestEntry.builder()
                                .id("b")
                                .messageBody("two")
                                .messageAttributes(Map.of(
                                        "k",
                                        MessageAttributeValue.builder()
                                                .dataType("String")
                                                .stringValue("v")
                                                .build()))
                                .build(),
                        SendMessageBatchRequestEntry.builder()
                                .id("c")
                                .messageBody("three")
                                .delaySeconds(901)
                                .build()));
        assertThat(sent.successful()).extracting(e -> e.id()).containsExactly("a", "b");
        assertThat(sent.failed()).hasSize(1);
        assertThat(sent.failed().getFirst().id()).isEqualTo("c");
        assertThat(sent.failed().getFirst().senderFault()).isTrue();
        List<Message> got = sqs.receiveMessage(
                        b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(60))
                .messages();
        assertThat(got).extracting(Message::body).containsExactlyInAnyOrder("one", "two");
        var changed = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url)
                .entries(
                        ChangeMessageVisibilityBatchRequestEntry.builder()
                                .id("x")
                                .receiptHandle(got.get(0).receiptHandle())
                                .visibilityTimeout(0)
                                .build(),
                        ChangeMessageVisibilityBatchRequestEntry.builder()
                                .id("y")
                                .receiptHandle("garbage")
                                .visibilityTimeout(0)
                                .build()));
        assertThat(changed.successful()).extracting(e -> e.id()).containsExactly("x");
        assertThat(changed.failed().getFirst().code()).isEqualTo("ReceiptHandleIsInvalid");
        List<Message> visible =
                sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertThat(visible).extracting(Message::body).containsExactly(got.get(0).body());
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        deletes.add(DeleteMessageBatchRequestEntry.builder()
                .id("d1")
                .receiptHandle(visible.getFirst().receiptHandle())
                .build());
        deletes.add(DeleteMessageBatchRequestEntry.builder()
                .id("d2")
                .receiptHandle(got.get(1).receiptHandle())
                .build());
        assertThat(sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(deletes)).successful())
                .hasSize(2);
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url)
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    @Test
    void batchErrorsOfTheWholeRequest() {
        String url = queue("batcherr");
        assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url)
                        .entries(
                                SendMessageBatchRequestEntry.builder()
                                        .id("a")
                                        .messageBody("1")
                                        .build(),
                                SendMessageBatchRequestEntry.builder()
                                        .id("a")
                                        .messageBody("2")
                                        .build())))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("Id a repeated.");
        assertThatThrownBy(() -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("Value 11 for parameter MaxNumberOfMessages is invalid.");
    }

    @Test
    void aLongPollIsWokenBySendAtOnce() throws Exception {
        String url = queue("poll");
        CompletableFuture<ReceiveMessageResponse> poll = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)));
        // the poll is waiting: it stays unanswered while the queue is empty
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !poll.isDone());
        long sentAt = System.nanoTime();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("wake"));
        ReceiveMessageResponse r = poll.get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt)).isLessThan(2000);
        assertThat(r.messages()).extracting(Message::body).containsExactly("wake");
    }

    @Test
    void longPollsHoldNoStoreWorker() throws Exception {
        // more waiting receivers than the node has store workers (8 on a small machine)
        String url = queue("many");
        int polls = 12;
        List<CompletableFuture<ReceiveMessageResponse>> waiting = new ArrayList<>();
        List<SqsClient> clients = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < polls; i++) {
                SqsClient c = EddyClients.sqs(server.endpoint());
                clients.add(c);
                waiting.add(CompletableFuture.supplyAsync(
                        () -> c.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)), threads));
            }
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> waiting.stream().noneMatch(CompletableFuture::isDone));
            // other requests are served while they wait
            String other =
                    CompletableFuture.supplyAsync(() -> queue("other"), threads).get(5, TimeUnit.SECONDS);
            assertThat(other).contains("other");
            for (int i = 0; i < polls; i++) {
                String body = "m" + i;
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.stream().allMatch(CompletableFuture::isDone));
        } finally {
            clients.forEach(SqsClient::close);
        }
    }

    @Test
    void messagesReceivedTooOftenMoveToTheDeadLetterQueue() {
        String dlq = queue("dlq");
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String name = TestNames.unique("src");
        String src = sqs.createQueue(b -> b.queueName(name)
                        .attributes(Map.of(
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":1}")))
                .queueUrl();
        assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlq)).queueUrls())
                .containsExactly(src);
        sqs.sendMessage(b -> b.queueUrl(src).messageBody("poison"));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(src).visibilityTimeout(0)).messages())
                .hasSize(1);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(src)).messages()).isEmpty();
        Message dead = sqs.receiveMessage(
                        b -> b.queueUrl(dlq).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages()
                .getFirst();
        assertThat(dead.body()).isEqualTo("poison");
        assertThat(dead.attributes())
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2")
                .containsEntry(
                        MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN,
                        "arn:aws:sqs:us-east-1:000000000000:" + name);
    }
}
