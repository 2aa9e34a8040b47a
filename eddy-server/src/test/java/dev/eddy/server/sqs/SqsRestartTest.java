package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.store.MemoryStore;
import dev.eddy.testkit.EddyClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Messages, their in-flight state and receive counts survive a restart on the same data directory,
 * for standard and FIFO queues (with their group order and deduplication ids).
 */
class SqsRestartTest {

    @Test
    void messagesInFlightStateAndReceiveCountsSurviveARestart(@TempDir Path data) {
        String standard;
        String fifo;
        Message inFlight;
        Message fifoInFlight;
        try (EddyServer first = EddyServer.start(ServerConfig.onDisk(data));
                SqsClient sqs = EddyClients.sqs(first.endpoint())) {
            Assumptions.assumeFalse(first.store() instanceof MemoryStore, "no durable store for a data directory");
            standard = sqs.createQueue(b ->
                            b.queueName("durable").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "600")))
                    .queueUrl();
            fifo = sqs.createQueue(
                            b -> b.queueName("durable.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            sqs.sendMessage(b -> b.queueUrl(standard).messageBody("received twice"));
            Message once = receive(sqs, standard, 0).getFirst();
            inFlight = receive(sqs, standard, 600).getFirst();
            assertThat(inFlight.messageId()).isEqualTo(once.messageId());
            sqs.sendMessage(b -> b.queueUrl(standard).messageBody("waiting"));
            for (String body : List.of("f1", "f2", "f3")) {
                sqs.sendMessage(b ->
                        b.queueUrl(fifo).messageBody(body).messageGroupId("g").messageDeduplicationId(body));
            }
            fifoInFlight = sqs.receiveMessage(b -> b.queueUrl(fifo).visibilityTimeout(600))
                    .messages()
                    .getFirst();
            assertThat(fifoInFlight.body()).isEqualTo("f1");
        }
        try (EddyServer second = EddyServer.start(ServerConfig.onDisk(data));
                SqsClient sqs = EddyClients.sqs(second.endpoint())) {
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(standard).attributeNames(QueueAttributeName.ALL))
                            .attributes())
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1");
            assertThat(receive(sqs, standard, 600)).extracting(Message::body).containsExactly("waiting");
            // the handle of the receive before the restart still acts
            sqs.changeMessageVisibility(b ->
                    b.queueUrl(standard).receiptHandle(inFlight.receiptHandle()).visibilityTimeout(0));
            Message third = receive(sqs, standard, 600).getFirst();
            assertThat(third.body()).isEqualTo("received twice");
            assertThat(third.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "3");
            // the FIFO group is still in flight, then resumes in order; deduplication ids are remembered
            assertThat(receive(sqs, fifo, 600)).isEmpty();
            String duplicate = sqs.sendMessage(b -> b.queueUrl(fifo)
                            .messageBody("f1")
                            .messageGroupId("g")
                            .messageDeduplicationId("f1"))
                    .messageId();
            assertThat(duplicate).isEqualTo(fifoInFlight.messageId());
            sqs.deleteMessage(b -> b.queueUrl(fifo).receiptHandle(fifoInFlight.receiptHandle()));
            assertThat(receive(sqs, fifo, 600)).extracting(Message::body).containsExactly("f2", "f3");
        }
    }

    private static List<Message> receive(SqsClient sqs, String url, int visibility) {
        return sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(visibility)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }
}
