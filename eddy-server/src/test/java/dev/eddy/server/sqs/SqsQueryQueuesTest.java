package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queues through raw query-protocol requests, the way an old SDK sends them: every queue
 * operation, flattened attributes and tags, XML answers, path-addressed queues, and the query
 * protocol's errors.
 */
class SqsQueryQueuesTest {
    static EddyServer server;
    static SqsClient sqs;
    static QueryWire wire;

    @BeforeAll
    static void start() {
        server = EddyTestServer.startInMemory();
        sqs = EddyClients.sqs(server.endpoint());
        wire = new QueryWire(server.endpoint());
    }

    @AfterAll
    static void stop() {
        wire.close();
        sqs.close();
        server.close();
    }

    static String create(String name, String... pairs) {
        String[] all = new String[pairs.length + 2];
        all[0] = "QueueName";
        all[1] = name;
        System.arraycopy(pairs, 0, all, 2, pairs.length);
        return wire.call("CreateQueue", all).ok("CreateQueue").text("/CreateQueueResponse/CreateQueueResult/QueueUrl");
    }

    @Test
    void createGetUrlListAndDelete() {
        String name = TestNames.unique("qq");
        String url = create(name, "Attribute.1.Name", "VisibilityTimeout", "Attribute.1.Value", "45");
        assertThat(url).isEqualTo(server.endpoint() + "/000000000000/" + name);
        // the same attributes again: the same queue
        assertThat(create(name, "Attribute.1.Name", "VisibilityTimeout", "Attribute.1.Value", "45"))
                .isEqualTo(url);
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                        .attributes())
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45");
        assertThat(wire.call("GetQueueUrl", "QueueName", name)
                        .ok("GetQueueUrl")
                        .text("/GetQueueUrlResponse/GetQueueUrlResult/QueueUrl"))
                .isEqualTo(url);
        assertThat(wire.call("ListQueues", "QueueNamePrefix", name)
                        .ok("ListQueues")
                        .texts("/ListQueuesResponse/ListQueuesResult/QueueUrl"))
                .containsExactly(url);
        QueryWire.Answer deleted = wire.call("DeleteQueue", "QueueUrl", url).ok("DeleteQueue");
        assertThat(deleted.count("/DeleteQueueResponse/*"))
                .as("only ResponseMetadata")
                .isEqualTo(1);
        QueryWire.Answer none = wire.call("ListQueues", "QueueNamePrefix", name).ok("ListQueues");
        assertThat(none.count("/ListQueuesResponse/ListQueuesResult")).isEqualTo(1);
        assertThat(none.count("/ListQueuesResponse/ListQueuesResult/*")).isZero();
        wire.call("GetQueueUrl", "QueueName", name)
                .error(
                        400,
                        "Sender",
                        "AWS.SimpleQueueService.NonExistentQueue",
                        "The specified queue does not exist for this wsdl version.");
    }

    @Test
    void listQueuesPagesWithNextToken() {
        String prefix = TestNames.unique("qpage");
        for (int i = 0; i < 3; i++) {
            create(prefix + "-" + i);
        }
        QueryWire.Answer first = wire.call("ListQueues", "QueueNamePrefix", prefix, "MaxResults", "2")
                .ok("ListQueues");
        assertThat(first.texts("//ListQueuesResult/QueueUrl")).hasSize(2);
        String token = first.text("//ListQueuesResult/NextToken");
        assertThat(token).isNotEmpty();
        QueryWire.Answer second = wire.call(
                        "ListQueues", "QueueNamePrefix", prefix, "MaxResults", "2", "NextToken", token)
                .ok("ListQueues");
        assertThat(second.texts("//ListQueuesResult/QueueUrl"))
                .singleElement()
                .asString()
                .endsWith(prefix + "-2");
        assertThat(second.count("//ListQueuesResult/NextToken")).isZero();
        wire.call("ListQueues", "MaxResults", "two")
                .error(
                        400,
                        "Sender",
                        "InvalidParameterValue",
                        "Value two for parameter MaxResults is invalid. Reason: Must be an integer.");
    }

    @Test
    void attributesAreFlattenedBothWays() {
        String url = create(TestNames.unique("qattr"));
        QueryWire.Answer set = wire.call(
                        "SetQueueAttributes",
                        "QueueUrl",
                        url,
                        "Attribute.1.Name",
                        "DelaySeconds",
                        "Attribute.1.Value",
                        "5",
                        "Attribute.2.Name",
                        "MaximumMessageSize",
                        "Attribute.2.Value",
                        "2048")
                .ok("SetQueueAttributes");
        assertThat(set.count("/SetQueueAttributesResponse/SetQueueAttributesResult"))
                .isZero();
        QueryWire.Answer all = wire.call("GetQueueAttributes", "QueueUrl", url, "AttributeName.1", "All")
                .ok("GetQueueAttributes");
        Map<String, String> attributes =
                all.pairs("/GetQueueAttributesResponse/GetQueueAttributesResult/Attribute", "Name", "Value");
        assertThat(attributes)
                .containsEntry("DelaySeconds", "5")
                .containsEntry("MaximumMessageSize", "2048")
                .containsEntry("VisibilityTimeout", "30")
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry(
                        "QueueArn", "arn:aws:sqs:us-east-1:000000000000:" + url.substring(url.lastIndexOf('/') + 1));
        assertThat(attributes.get("CreatedTimestamp")).matches("\\d{10}");
        QueryWire.Answer two = wire.call(
                        "GetQueueAttributes",
                        "QueueUrl",
                        url,
                        "AttributeName.2",
                        "DelaySeconds",
                        "AttributeName.1",
                        "QueueArn")
                .ok("GetQueueAttributes");
        assertThat(two.pairs("//Attribute", "Name", "Value")).containsOnlyKeys("DelaySeconds", "QueueArn");
        wire.call("GetQueueAttributes", "QueueUrl", url, "AttributeName.1", "Colour")
                .error(400, "Sender", "InvalidAttributeName", "Unknown Attribute Colour.");
        wire.call("SetQueueAttributes", "QueueUrl", url, "Attribute.1.Name", "DelaySeconds", "Attribute.1.Value", "901")
                .error(400, "Sender", "InvalidAttributeValue", "Invalid value for the parameter DelaySeconds.");
        wire.call("SetQueueAttributes", "QueueUrl", url, "Attribute.1.Name", "DelaySeconds")
                .error(400, "Sender", "MissingParameter", "The request must contain the parameter Attribute.1.Value.");
    }

    @Test
    void createWithOtherAttributesIsQueueAlreadyExists() {
        String name = TestNames.unique("qexists");
        create(name, "Attribute.1.Name", "DelaySeconds", "Attribute.1.Value", "1");
        wire.call("CreateQueue", "QueueName", name, "Attribute.1.Name", "DelaySeconds", "Attribute.1.Value", "2")
                .error(
                        400,
                        "Sender",
                        "QueueAlreadyExists",
                        "A queue already exists with the same name and a different value for attribute DelaySeconds");
    }

    @Test
    void tagsAreFlattenedBothWays() {
        String url = create(TestNames.unique("qtag"), "Tag.1.Key", "team", "Tag.1.Value", "blue");
        wire.call(
                        "TagQueue",
                        "QueueUrl",
                        url,
                        "Tag.1.Key",
                        "env",
                        "Tag.1.Value",
                        "dev",
                        "Tag.2.Key",
                        "tier",
                        "Tag.2.Value",
                        "1")
                .ok("TagQueue");
        Map<String, String> tags = wire.call("ListQueueTags", "QueueUrl", url)
                .ok("ListQueueTags")
                .pairs("/ListQueueTagsResponse/ListQueueTagsResult/Tag", "Key", "Value");
        assertThat(tags).isEqualTo(Map.of("team", "blue", "env", "dev", "tier", "1"));
        wire.call("UntagQueue", "QueueUrl", url, "TagKey.1", "team", "TagKey.2", "tier")
                .ok("UntagQueue");
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("env", "dev"));
    }

    @Test
    void purgeAndDeadLetterSources() {
        String dlq = create(TestNames.unique("qdlq"));
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String src = create(
                TestNames.unique("qsrc"),
                "Attribute.1.Name",
                "RedrivePolicy",
                "Attribute.1.Value",
                "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":3}");
        assertThat(wire.call("ListDeadLetterSourceQueues", "QueueUrl", dlq)
                        .ok("ListDeadLetterSourceQueues")
                        .texts("/ListDeadLetterSourceQueuesResponse/ListDeadLetterSourceQueuesResult/QueueUrl"))
                .containsExactly(src);
        // the redrive policy read back in XML: its quotes are escaped
        QueryWire.Answer policy = wire.call("GetQueueAttributes", "QueueUrl", src, "AttributeName.1", "RedrivePolicy");
        assertThat(policy.body()).contains("{&quot;deadLetterTargetArn&quot;:&quot;" + arn);
        assertThat(policy.pairs("//Attribute", "Name", "Value").get("RedrivePolicy"))
                .isEqualTo("{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":3}");
        sqs.sendMessage(b -> b.queueUrl(src).messageBody("x"));
        wire.call("PurgeQueue", "QueueUrl", src).ok("PurgeQueue");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(src)).messages()).isEmpty();
    }

    @Test
    void aQueueAddressedByItsUrlPath() {
        String name = TestNames.unique("qpath");
        String url = create(name);
        Map<String, String> attributes = wire.at(url, "GetQueueAttributes", "AttributeName.1", "QueueArn")
                .ok("GetQueueAttributes")
                .pairs("//Attribute", "Name", "Value");
        assertThat(attributes).containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:" + name);
        wire.at(url, "TagQueue", "Tag.1.Key", "k", "Tag.1.Value", "v").ok("TagQueue");
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("k", "v"));
        // an explicit QueueUrl wins over the path
        String other = create(TestNames.unique("qpath"));
        wire.at(url, "TagQueue", "QueueUrl", other, "Tag.1.Key", "only", "Tag.1.Value", "other")
                .ok("TagQueue");
        assertThat(sqs.listQueueTags(b -> b.queueUrl(other)).tags()).isEqualTo(Map.of("only", "other"));
        // a path of another account, or of no queue
        wire.post("/111111111111/" + name, "GetQueueAttributes", "AttributeName.1", "All")
                .error(
                        400,
                        "Sender",
                        "AWS.SimpleQueueService.NonExistentQueue",
                        "The specified queue does not exist for this wsdl version.");
        wire.at(url + "-missing", "PurgeQueue")
                .error(
                        400,
                        "Sender",
                        "AWS.SimpleQueueService.NonExistentQueue",
                        "The specified queue does not exist for this wsdl version.");
        // a JSON request to a queue path is no request of any protocol
        HttpResponse<String> json = wire.raw(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS.PurgeQueue")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertThat(json.statusCode()).isEqualTo(404);
    }

    @Test
    void actionErrors() {
        QueryWire.Answer noAction = QueryWire.Answer.of(wire.raw(wire.request("/", "Version=2012-11-05")));
        noAction.error(400, "Sender", "MissingAction", "The request is missing an action or a required parameter.");
        wire.call("CreateQueueNow", "QueueName", "x")
                .error(400, "Sender", "InvalidAction", "The action CreateQueueNow is not valid for this web service.");
        wire.call("CreateQueue")
                .error(400, "Sender", "MissingParameter", "The request must contain the parameter QueueName.");
        wire.call("CreateQueue", "QueueName", "bad name!")
                .error(
                        400,
                        "Sender",
                        "InvalidParameterValue",
                        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        wire.call("GetQueueAttributes")
                .error(400, "Sender", "MissingParameter", "The request must contain the parameter QueueUrl.");
    }
}
