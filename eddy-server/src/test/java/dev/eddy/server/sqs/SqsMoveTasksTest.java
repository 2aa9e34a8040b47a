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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask through the SDK's SqsClient. */
class SqsMoveTasksTest {
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

    record Queue(String url, String arn) {}

    static Queue queue(String prefix, Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(b -> b.queueName(TestNames.unique(prefix)).attributes(attributes))
                .queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    /** A dead-letter queue and a queue that sends to it after one receive. */
    static Queue[] redrivePair() {
        Queue dlq = queue("dlq", Map.of());
        Queue src = queue(
                "src",
                Map.of(
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":1}"));
        return new Queue[] {src, dlq};
    }

    static List<Message> drain(Queue q) {
        List<Message> all = new ArrayList<>();
        List<Message> page;
        do {
            page = sqs.receiveMessage(b -> b.queueUrl(q.url()).maxNumberOfMessages(10))
                    .messages();
            for (Message m : page) {
                all.add(m);
                sqs.deleteMessage(b -> b.queueUrl(q.url()).receiptHandle(m.receiptHandle()));
            }
        } while (!page.isEmpty());
        return all;
    }

    static ListMessageMoveTasksResultEntry latest(Queue source) {
        return sqs.listMessageMoveTasks(b -> b.sourceArn(source.arn()))
                .results()
                .getFirst();
    }

    @Test
    void withoutADestinationDeadLettersGoBackToTheirSource() {
        Queue[] pair = redrivePair();
        Queue src = pair[0];
        Queue dlq = pair[1];
        sqs.sendMessage(b -> b.queueUrl(src.url()).messageBody("one"));
        sqs.sendMessage(b -> b.queueUrl(src.url()).messageBody("two"));
        for (int i = 0; i < 4; i++) {
            sqs.receiveMessage(
                    b -> b.queueUrl(src.url()).maxNumberOfMessages(10).visibilityTimeout(0));
        }
        assertThat(sqs.getQueueAttributes(b ->
                                b.queueUrl(dlq.url()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "2");

        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(dlq.arn())).taskHandle();
        assertThat(handle).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> latest(dlq).status().equals("COMPLETED"));

        ListMessageMoveTasksResultEntry done = latest(dlq);
        assertThat(done.sourceArn()).isEqualTo(dlq.arn());
        assertThat(done.approximateNumberOfMessagesMoved()).isEqualTo(2L);
        assertThat(done.approximateNumberOfMessagesToMove()).isEqualTo(2L);
        assertThat(done.startedTimestamp()).isPositive();
        assertThat(done.taskHandle()).isNull();
        assertThat(done.destinationArn()).isNull();
        assertThat(done.maxNumberOfMessagesPerSecond()).isNull();
        assertThat(done.failureReason()).isNull();
        assertThat(drain(dlq)).isEmpty();
        List<Message> back = new ArrayList<>();
        for (Message m : sqs.receiveMessage(b -> b.queueUrl(src.url())
                        .maxNumberOfMessages(10)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages()) {
            back.add(m);
        }
        assertThat(back).extracting(Message::body).containsExactlyInAnyOrder("one", "two");
        assertThat(back)
                .allSatisfy(m -> assertThat(m.attributes())
                        .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                        .doesNotContainKey(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN));
    }

    @Test
    void aRunningTaskIsListedWithItsHandleAndCanBeCancelled() {
        Queue dlq = redrivePair()[1];
        Queue target = queue("target", Map.of());
        for (int i = 0; i < 10; i++) {
            String body = "m" + i;
            sqs.sendMessage(b -> b.queueUrl(dlq.url()).messageBody(body));
        }
        String handle = sqs.startMessageMoveTask(
                        b -> b.sourceArn(dlq.arn()).destinationArn(target.arn()).maxNumberOfMessagesPerSecond(1))
                .taskHandle();
        ListMessageMoveTasksResultEntry running = latest(dlq);
        assertThat(running.status()).isEqualTo("RUNNING");
        assertThat(running.taskHandle()).isEqualTo(handle);
        assertThat(running.destinationArn()).isEqualTo(target.arn());
        assertThat(running.maxNumberOfMessagesPerSecond()).isEqualTo(1);
        assertThat(running.approximateNumberOfMessagesToMove()).isEqualTo(10L);
        assertThatThrownBy(() -> sqs.startMessageMoveTask(b -> b.sourceArn(dlq.arn())))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("There is already a task running. Only one active task is allowed for a source"
                        + " queue arn at a given time.")
                .satisfies(e -> assertThat(((SqsException) e).statusCode()).isEqualTo(400));

        long moved = sqs.cancelMessageMoveTask(b -> b.taskHandle(handle)).approximateNumberOfMessagesMoved();
        assertThat(moved).isBetween(0L, 10L);
        await().atMost(Duration.ofSeconds(10)).until(() -> latest(dlq).status().equals("CANCELLED"));
        ListMessageMoveTasksResultEntry cancelled = latest(dlq);
        assertThat(cancelled.taskHandle()).isNull();
        int arrived = drain(target).size();
        assertThat(arrived)
                .isEqualTo(cancelled.approximateNumberOfMessagesMoved().intValue());
        assertThat(drain(dlq)).hasSize(10 - arrived);
        assertThat(sqs.listMessageMoveTasks(b -> b.sourceArn(dlq.arn()).maxResults(10))
                        .results())
                .hasSize(1);
    }

    @Test
    void errorsHaveAwsCodesStatusesAndMessages() {
        Queue[] pair = redrivePair();
        Queue plain = pair[0];
        Queue dlq = pair[1];
        assertError(
                () -> sqs.startMessageMoveTask(b -> b.sourceArn(plain.arn()).destinationArn(dlq.arn())),
                400,
                "InvalidParameterValue",
                "Source queue must be configured as a Dead Letter Queue.");
        assertError(
                () -> sqs.startMessageMoveTask(b -> b.sourceArn(dlq.arn()).destinationArn(plain.arn() + "-none")),
                404,
                "ResourceNotFoundException",
                "The resource that you specified for the DestinationArn parameter doesn't exist.");
        assertError(
                () -> sqs.startMessageMoveTask(b -> b.sourceArn(dlq.arn()).maxNumberOfMessagesPerSecond(0)),
                400,
                "InvalidParameterValue",
                "Value for parameter MaxNumberOfMessagesPerSecond is invalid.");
        assertError(
                () -> sqs.listMessageMoveTasks(b -> b.sourceArn(dlq.arn() + "-none")),
                404,
                "ResourceNotFoundException",
                "The resource that you specified for the SourceArn parameter doesn't exist.");
        assertError(
                () -> sqs.cancelMessageMoveTask(b -> b.taskHandle("foobared")),
                400,
                "InvalidParameterValue",
                "Value for parameter TaskHandle is invalid.");
        assertThatThrownBy(() -> sqs.cancelMessageMoveTask(b -> b.taskHandle(java.util.Base64.getEncoder()
                        .encodeToString(("{\"taskId\":\"10f57157-fc38-4da9-a113-4de7e12d05aa\",\"sourceArn\":\""
                                        + dlq.arn() + "\"}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Task does not exist.");
        assertThat(sqs.listMessageMoveTasks(b -> b.sourceArn(dlq.arn())).results())
                .isEmpty();
    }

    static void assertError(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOf(SqsException.class).satisfies(e -> {
            SqsException s = (SqsException) e;
            assertThat(s.statusCode()).isEqualTo(status);
            assertThat(s.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(s.awsErrorDetails().errorMessage()).startsWith(message);
        });
    }
}
