package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/** Queues through the SDK's SqsClient: create, URL, list, attributes, tags, purge, delete, errors. */
class SqsQueuesTest {
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

    @Test
    void createGetUrlListAndDelete() {
        String name = TestNames.unique("q");
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        assertThat(url).isEqualTo(server.endpoint() + "/000000000000/" + name);
        assertThat(sqs.createQueue(b -> b.queueName(name)).queueUrl()).isEqualTo(url);
        assertThat(sqs.getQueueUrl(b -> b.queueName(name)).queueUrl()).isEqualTo(url);
        assertThat(sqs.listQueues(b -> b.queueNamePrefix(name)).queueUrls()).containsExactly(url);
        sqs.deleteQueue(b -> b.queueUrl(url));
        assertThat(sqs.listQueues(b -> b.queueNamePrefix(name)).queueUrls()).isEmpty();
        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName(name)))
                .isInstanceOf(QueueDoesNotExistException.class)
                .hasMessageContaining("The specified queue does not exist.");
    }

    @Test
    void listQueuesPagesWhenAskedTo() {
        String prefix = TestNames.unique("page");
        for (int i = 0; i < 3; i++) {
            String n = prefix + "-" + i;
            sqs.createQueue(b -> b.queueName(n));
        }
        var first = sqs.listQueues(b -> b.queueNamePrefix(prefix).maxResults(2));
        assertThat(first.queueUrls()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        var second = sqs.listQueues(b -> b.queueNamePrefix(prefix).maxResults(2).nextToken(first.nextToken()));
        assertThat(second.queueUrls()).containsExactly(server.endpoint() + "/000000000000/" + prefix + "-2");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void createWithOtherAttributesFailsAsQueueNameExists() {
        String name = TestNames.unique("exists");
        sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10")));
        assertThatThrownBy(() -> sqs.createQueue(
                        b -> b.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "11"))))
                .isInstanceOf(QueueNameExistsException.class)
                .satisfies(e ->
                        assertThat(((QueueNameExistsException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void attributesAreReadAndChanged() {
        String name = TestNames.unique("attrs");
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "5")));
        Map<QueueAttributeName, String> all = sqs.getQueueAttributes(
                        b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes();
        assertThat(all)
                .containsEntry(QueueAttributeName.DELAY_SECONDS, "5")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30")
                .containsEntry(QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:us-east-1:000000000000:" + name)
                .containsKey(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url)).attributes()).isEmpty();
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String url = sqs.createQueue(b -> b.queueName(TestNames.unique("tags")).tags(Map.of("a", "1")))
                .queueUrl();
        sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("b", "2")));
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("a", "1", "b", "2"));
        sqs.untagQueue(b -> b.queueUrl(url).tagKeys(List.of("a")));
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("b", "2"));
    }

    @Test
    void purgeDropsEveryMessage() {
        String url =
                sqs.createQueue(b -> b.queueName(TestNames.unique("purge"))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("one"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("two"));
        sqs.purgeQueue(b -> b.queueUrl(url));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                        .messages())
                .isEmpty();
    }

    @Test
    void errorsCarryTheQueryCodeHeaderAndTheJsonShape() throws Exception {
        HttpResponse<String> r;
        try (HttpClient http = HttpClient.newHttpClient()) {
            r = http.send(
                    HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                            .header("Content-Type", "application/x-amz-json-1.0")
                            .header("X-Amz-Target", "AmazonSQS.GetQueueUrl")
                            .header(
                                    "Authorization",
                                    "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, "
                                            + "SignedHeaders=host, Signature=0")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"QueueName\":\"no-such-queue\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-query-error"))
                .hasValue("AWS.SimpleQueueService.NonExistentQueue;Sender");
        assertThat(r.body())
                .isEqualTo("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\","
                        + "\"message\":\"The specified queue does not exist.\"}");
        assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).hasSize(36);
    }
}
