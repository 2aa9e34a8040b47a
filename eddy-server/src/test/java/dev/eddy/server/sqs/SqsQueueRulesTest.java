package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.ManualClock;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.OverLimitException;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Through the SDK's SqsClient, on a server whose clock the test moves: the 60-second rules of
 * DeleteQueue and PurgeQueue, RedriveAllowPolicy, AddPermission and RemovePermission.
 */
class SqsQueueRulesTest {
    static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
    static EddyServer server;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = EddyServer.start(ServerConfig.inMemoryOnRandomPort().withClock(CLOCK));
        sqs = EddyClients.sqs(server.endpoint());
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    static String arn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    @Test
    void aDeletedQueuesNameWaitsSixtySeconds() {
        String name = TestNames.unique("again");
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        sqs.deleteQueue(b -> b.queueUrl(url));
        assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName(name)))
                .isInstanceOf(QueueDeletedRecentlyException.class)
                .satisfies(e -> {
                    SqsException s = (SqsException) e;
                    assertThat(s.statusCode()).isEqualTo(400);
                    assertThat(s.awsErrorDetails().errorCode())
                            .isEqualTo("AWS.SimpleQueueService.QueueDeletedRecently");
                    assertThat(s.awsErrorDetails().errorMessage())
                            .isEqualTo("You must wait 60 seconds after deleting a queue before you can create another"
                                    + " with the same name.");
                });
        CLOCK.advance(Duration.ofSeconds(60));
        assertThat(sqs.createQueue(b -> b.queueName(name)).queueUrl()).isEqualTo(url);
    }

    @Test
    void aSecondPurgeWithinSixtySecondsIsRefused() {
        String name = TestNames.unique("purge");
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        sqs.purgeQueue(b -> b.queueUrl(url));
        assertThatThrownBy(() -> sqs.purgeQueue(b -> b.queueUrl(url)))
                .isInstanceOf(PurgeQueueInProgressException.class)
                .satisfies(e -> {
                    SqsException s = (SqsException) e;
                    assertThat(s.statusCode()).isEqualTo(403);
                    assertThat(s.awsErrorDetails().errorCode())
                            .isEqualTo("AWS.SimpleQueueService.PurgeQueueInProgress");
                    assertThat(s.awsErrorDetails().errorMessage())
                            .isEqualTo("Only one PurgeQueue operation on " + name + " is allowed every 60 seconds.");
                });
        CLOCK.advance(Duration.ofSeconds(60));
        sqs.purgeQueue(b -> b.queueUrl(url));
    }

    @Test
    void aDeadLetterQueueAdmitsOnlyTheSourcesItsRedriveAllowPolicyNames() {
        String srcName = TestNames.unique("src");
        String srcArn = "arn:aws:sqs:us-east-1:000000000000:" + srcName;
        String dlq = sqs.createQueue(b -> b.queueName(TestNames.unique("dlq"))
                        .attributes(Map.of(
                                QueueAttributeName.REDRIVE_ALLOW_POLICY,
                                "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + srcArn + "\"]}")))
                .queueUrl();
        String redrive = "{\"deadLetterTargetArn\":\"" + arn(dlq) + "\",\"maxReceiveCount\":3}";
        assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName(TestNames.unique("stranger"))
                        .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive))))
                .isInstanceOf(SqsException.class)
                .satisfies(e -> {
                    SqsException s = (SqsException) e;
                    assertThat(s.statusCode()).isEqualTo(400);
                    assertThat(s.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(s.awsErrorDetails().errorMessage())
                            .isEqualTo("Value " + redrive + " for parameter RedrivePolicy is invalid. Reason: The"
                                    + " RedriveAllowPolicy of the dead-letter target does not allow this queue as"
                                    + " its source.");
                });
        String src = sqs.createQueue(
                        b -> b.queueName(srcName).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive)))
                .queueUrl();
        assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlq)).queueUrls())
                .containsExactly(src);
        assertThatThrownBy(() -> sqs.setQueueAttributes(b -> b.queueUrl(dlq)
                        .attributes(Map.of(
                                QueueAttributeName.REDRIVE_ALLOW_POLICY, "{\"redrivePermission\":\"byQueue\"}"))))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("sourceQueueArns must be specified when redrivePermission is byQueue.");
    }

    @Test
    void aBatchOfMoreThanOneMebibyteIsRefusedWhole() {
        String url = sqs.createQueue(b -> b.queueName(TestNames.unique("big"))).queueUrl();
        String body = "x".repeat(600_000);
        SendMessageBatchRequestEntry a =
                SendMessageBatchRequestEntry.builder().id("a").messageBody(body).build();
        SendMessageBatchRequestEntry b2 =
                SendMessageBatchRequestEntry.builder().id("b").messageBody(body).build();
        assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(a, b2)))
                .isInstanceOf(BatchRequestTooLongException.class)
                .hasMessageContaining(
                        "Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        assertThat(sqs.sendMessageBatch(b -> b.queueUrl(url).entries(a)).successful())
                .hasSize(1);
    }

    @Test
    void permissionsAreKeptAsStatementsOfThePolicy() {
        String url =
                sqs.createQueue(b -> b.queueName(TestNames.unique("shared"))).queueUrl();
        sqs.addPermission(b -> b.queueUrl(url)
                .label("SendFromPartner")
                .awsAccountIds("111122223333")
                .actions("SendMessage", "GetQueueUrl"));
        String policy = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
                .attributes()
                .get(QueueAttributeName.POLICY);
        assertThat(policy)
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Id\":\"" + arn(url) + "/SQSDefaultPolicy\",\"Statement\":["
                        + "{\"Sid\":\"SendFromPartner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::111122223333:root\"},\"Action\":[\"SQS:SendMessage\",\"SQS:GetQueueUrl\"],"
                        + "\"Resource\":\"" + arn(url) + "\"}]}");
        assertThatThrownBy(() -> sqs.addPermission(b -> b.queueUrl(url)
                        .label("SendFromPartner")
                        .awsAccountIds("111122223333")
                        .actions("SendMessage")))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("Value SendFromPartner for parameter Label is invalid. Reason: Already exists.");
        assertThatThrownBy(() -> sqs.addPermission(b -> b.queueUrl(url)
                        .label("many")
                        .awsAccountIds("111122223333")
                        .actions(
                                "SendMessage",
                                "ReceiveMessage",
                                "DeleteMessage",
                                "ChangeMessageVisibility",
                                "GetQueueAttributes",
                                "GetQueueUrl",
                                "PurgeQueue",
                                "ListQueueTags")))
                .isInstanceOf(OverLimitException.class);
        assertThatThrownBy(() ->
                        sqs.addPermission(b -> b.queueUrl(url).label("none").awsAccountIds("111122223333")))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("The request must contain the parameter Actions.");
        sqs.removePermission(b -> b.queueUrl(url).label("SendFromPartner"));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                        .attributes())
                .doesNotContainKey(QueueAttributeName.POLICY);
        assertThatThrownBy(() -> sqs.removePermission(b -> b.queueUrl(url).label("SendFromPartner")))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("can't find label on existing policy.");
        assertThatThrownBy(() -> sqs.setQueueAttributes(
                        b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, "{broken"))))
                .isInstanceOf(InvalidAttributeValueException.class)
                .hasMessageContaining("Invalid value for the parameter Policy.");
    }
}
