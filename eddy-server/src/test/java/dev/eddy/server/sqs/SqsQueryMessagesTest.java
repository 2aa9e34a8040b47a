package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * Messages through raw query-protocol requests, the way an old SDK sends them: send, receive,
 * delete, change visibility, their batches with per-entry results, long polling, path-addressed
 * queues, and interoperation with the JSON protocol's SqsClient (whose MD5 checks stay on).
 */
class SqsQueryMessagesTest {
    static final String RECEIVE = "/ReceiveMessageResponse/ReceiveMessageResult/Message";
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

    static String queue(String prefix) {
        return sqs.createQueue(b -> b.queueName(TestNames.unique(prefix))).queueUrl();
    }

    static String md5(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The child elements of a node, by name: one message of a receive. */
    static String child(Node n, String name) {
        NodeList children = n.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeName().equals(name)) {
                return children.item(i).getTextContent();
            }
        }
        return null;
    }

    @Test
    void sendReceiveAndDeleteWithFlattenedAttributes() throws Exception {
        String url = queue("qmsg");
        String body = "<order id=\"7\"> & 'été'\r\nline two";
        QueryWire.Answer sent = wire.call(
                        "SendMessage",
                        "QueueUrl",
                        url,
                        "MessageBody",
                        body,
                        "MessageAttribute.1.Name",
                        "Foo",
                        "MessageAttribute.1.Value.DataType",
                        "String",
                        "MessageAttribute.1.Value.StringValue",
                        "Bar")
                .ok("SendMessage");
        String result = "/SendMessageResponse/SendMessageResult/";
        assertThat(sent.text(result + "MD5OfMessageBody")).isEqualTo(md5(body));
        // AWS's test vector for Foo = String "Bar"
        assertThat(sent.text(result + "MD5OfMessageAttributes")).isEqualTo("ae7155c6026991b6d54b11589678bf9c");
        assertThat(sent.text(result + "MessageId")).matches("[0-9a-f-]{36}");
        assertThat(sent.count(result + "MD5OfMessageSystemAttributes")).isZero();
        byte[] raw = {0, 1, 2, (byte) 255};
        QueryWire.Answer second = wire.call(
                        "SendMessage",
                        "QueueUrl",
                        url,
                        "MessageBody",
                        "second",
                        "MessageAttribute.1.Name",
                        "Count",
                        "MessageAttribute.1.Value.DataType",
                        "Number.int",
                        "MessageAttribute.1.Value.StringValue",
                        "3",
                        "MessageAttribute.2.Name",
                        "Raw",
                        "MessageAttribute.2.Value.DataType",
                        "Binary",
                        "MessageAttribute.2.Value.BinaryValue",
                        Base64.getEncoder().encodeToString(raw),
                        "MessageSystemAttribute.1.Name",
                        "AWSTraceHeader",
                        "MessageSystemAttribute.1.Value.DataType",
                        "String",
                        "MessageSystemAttribute.1.Value.StringValue",
                        "Root=1-5759e988-bd862e3fe1be46a994272793")
                .ok("SendMessage");
        assertThat(second.text(result + "MD5OfMessageSystemAttributes")).matches("[0-9a-f]{32}");

        QueryWire.Answer got = wire.call(
                        "ReceiveMessage",
                        "QueueUrl",
                        url,
                        "MaxNumberOfMessages",
                        "10",
                        "AttributeName.1",
                        "All",
                        "MessageAttributeName.1",
                        "All")
                .ok("ReceiveMessage");
        assertThat(got.texts(RECEIVE + "/Body")).containsExactlyInAnyOrder(body, "second");
        assertThat(got.body()).contains("&#xD;").contains("&quot;7&quot;");
        NodeList messages = got.nodes(RECEIVE);
        for (int i = 0; i < messages.getLength(); i++) {
            Node m = messages.item(i);
            String text = child(m, "Body");
            assertThat(child(m, "MD5OfBody")).isEqualTo(md5(text));
            assertThat(child(m, "ReceiptHandle")).isNotEmpty();
            String md5 = (text.equals(body) ? sent : second).text(result + "MD5OfMessageAttributes");
            assertThat(child(m, "MD5OfMessageAttributes")).isEqualTo(md5);
        }
        String secondAt = RECEIVE + "[Body='second']";
        Map<String, String> system = got.pairs(secondAt + "/Attribute", "Name", "Value");
        assertThat(system)
                .containsEntry("SenderId", "000000000000")
                .containsEntry("ApproximateReceiveCount", "1")
                .containsEntry("AWSTraceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793");
        assertThat(system.get("SentTimestamp")).matches("\\d{13}");
        assertThat(system.get("ApproximateFirstReceiveTimestamp")).matches("\\d{13}");
        assertThat(got.pairs(secondAt + "/MessageAttribute", "Name", "Value/DataType"))
                .isEqualTo(Map.of("Count", "Number.int", "Raw", "Binary"));
        assertThat(got.text(secondAt + "/MessageAttribute[Name='Count']/Value/StringValue"))
                .isEqualTo("3");
        assertThat(Base64.getDecoder().decode(got.text(secondAt + "/MessageAttribute[Name='Raw']/Value/BinaryValue")))
                .isEqualTo(raw);

        for (String handle : got.texts(RECEIVE + "/ReceiptHandle")) {
            QueryWire.Answer deleted = wire.call("DeleteMessage", "QueueUrl", url, "ReceiptHandle", handle)
                    .ok("DeleteMessage");
            assertThat(deleted.count("/DeleteMessageResponse/DeleteMessageResult"))
                    .isZero();
        }
        QueryWire.Answer empty = wire.call("ReceiveMessage", "QueueUrl", url, "VisibilityTimeout", "0")
                .ok("ReceiveMessage");
        assertThat(empty.count("/ReceiveMessageResponse/ReceiveMessageResult")).isEqualTo(1);
        assertThat(empty.count(RECEIVE)).isZero();
    }

    @Test
    void queryAndJsonClientsShareMessagesAndDigests() {
        String url = queue("qinterop");
        QueryWire.Answer sent = wire.call(
                        "SendMessage",
                        "QueueUrl",
                        url,
                        "MessageBody",
                        "from query",
                        "MessageAttribute.1.Name",
                        "Kind",
                        "MessageAttribute.1.Value.DataType",
                        "String.label",
                        "MessageAttribute.1.Value.StringValue",
                        "x")
                .ok("SendMessage");
        // the SDK checks MD5OfBody and MD5OfMessageAttributes on receive
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All"))
                .messages()
                .getFirst();
        assertThat(m.body()).isEqualTo("from query");
        assertThat(m.messageAttributes().get("Kind").stringValue()).isEqualTo("x");
        assertThat(m.md5OfMessageAttributes()).isEqualTo(sent.text("//MD5OfMessageAttributes"));
        assertThat(m.messageId()).isEqualTo(sent.text("//MessageId"));
        wire.call("DeleteMessage", "QueueUrl", url, "ReceiptHandle", m.receiptHandle())
                .ok("DeleteMessage");

        var fromJson = sqs.sendMessage(b -> b.queueUrl(url)
                .messageBody("from json")
                .messageAttributes(Map.of(
                        "Raw",
                        MessageAttributeValue.builder()
                                .dataType("Binary")
                                .binaryValue(SdkBytes.fromByteArray(new byte[] {9, 8, 7}))
                                .build()))
                .messageSystemAttributesWithStrings(Map.of(
                        MessageSystemAttributeNameForSends.AWS_TRACE_HEADER.toString(),
                        MessageSystemAttributeValue.builder()
                                .dataType("String")
                                .stringValue("Root=1-abc")
                                .build())));
        QueryWire.Answer got = wire.call(
                        "ReceiveMessage",
                        "QueueUrl",
                        url,
                        "MessageAttributeName.1",
                        "Raw",
                        "MessageSystemAttributeName.1",
                        "AWSTraceHeader")
                .ok("ReceiveMessage");
        assertThat(got.text(RECEIVE + "/MessageId")).isEqualTo(fromJson.messageId());
        assertThat(got.text(RECEIVE + "/MD5OfBody")).isEqualTo(fromJson.md5OfMessageBody());
        assertThat(got.text(RECEIVE + "/MD5OfMessageAttributes")).isEqualTo(fromJson.md5OfMessageAttributes());
        assertThat(got.pairs(RECEIVE + "/Attribute", "Name", "Value"))
                .isEqualTo(Map.of("AWSTraceHeader", "Root=1-abc"));
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.text(RECEIVE + "/ReceiptHandle")));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void batchesAnswerPerEntry() {
        String url = queue("qbatch");
        String entry = "SendMessageBatchRequestEntry.";
        QueryWire.Answer sent = wire.call(
                        "SendMessageBatch",
                        "QueueUrl",
                        url,
                        entry + "1.Id",
                        "a",
                        entry + "1.MessageBody",
                        "one",
                        entry + "2.Id",
                        "b",
                        entry + "2.MessageBody",
                        "two",
                        entry + "2.MessageAttribute.1.Name",
                        "Foo",
                        entry + "2.MessageAttribute.1.Value.DataType",
                        "String",
                        entry + "2.MessageAttribute.1.Value.StringValue",
                        "Bar",
                        entry + "3.Id",
                        "c",
                        entry + "3.MessageBody",
                        "three",
                        entry + "3.DelaySeconds",
                        "901",
                        entry + "4.Id",
                        "d")
                .ok("SendMessageBatch");
        String result = "/SendMessageBatchResponse/SendMessageBatchResult/";
        assertThat(sent.texts(result + "SendMessageBatchResultEntry/Id")).containsExactly("a", "b");
        assertThat(sent.text(result + "SendMessageBatchResultEntry[Id='b']/MD5OfMessageAttributes"))
                .isEqualTo("ae7155c6026991b6d54b11589678bf9c");
        assertThat(sent.text(result + "SendMessageBatchResultEntry[Id='a']/MessageId"))
                .isNotEmpty();
        assertThat(sent.texts(result + "BatchResultErrorEntry/Id")).containsExactly("c", "d");
        assertThat(sent.texts(result + "BatchResultErrorEntry/SenderFault")).containsExactly("true", "true");
        assertThat(sent.texts(result + "BatchResultErrorEntry/Code"))
                .containsExactly("InvalidParameterValue", "MissingParameter");
        assertThat(sent.text(result + "BatchResultErrorEntry[Id='d']/Message"))
                .isEqualTo("The request must contain the parameter MessageBody.");

        QueryWire.Answer got = wire.call(
                        "ReceiveMessage", "QueueUrl", url, "MaxNumberOfMessages", "10", "VisibilityTimeout", "60")
                .ok("ReceiveMessage");
        List<String> handles = got.texts(RECEIVE + "/ReceiptHandle");
        assertThat(handles).hasSize(2);
        String change = "ChangeMessageVisibilityBatchRequestEntry.";
        QueryWire.Answer changed = wire.call(
                        "ChangeMessageVisibilityBatch",
                        "QueueUrl",
                        url,
                        change + "1.Id",
                        "x",
                        change + "1.ReceiptHandle",
                        handles.get(0),
                        change + "1.VisibilityTimeout",
                        "0",
                        change + "2.Id",
                        "y",
                        change + "2.ReceiptHandle",
                        "garbage",
                        change + "2.VisibilityTimeout",
                        "0")
                .ok("ChangeMessageVisibilityBatch");
        assertThat(changed.texts("//ChangeMessageVisibilityBatchResultEntry/Id"))
                .containsExactly("x");
        assertThat(changed.text("//BatchResultErrorEntry/Code")).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(changed.text("//BatchResultErrorEntry/Message"))
                .isEqualTo("The input receipt handle \"garbage\" is not a valid receipt handle.");
        String delete = "DeleteMessageBatchRequestEntry.";
        QueryWire.Answer deleted = wire.call(
                        "DeleteMessageBatch",
                        "QueueUrl",
                        url,
                        delete + "1.Id",
                        "d1",
                        delete + "1.ReceiptHandle",
                        handles.get(0),
                        delete + "2.Id",
                        "d2",
                        delete + "2.ReceiptHandle",
                        handles.get(1),
                        delete + "3.Id",
                        "d3",
                        delete + "3.ReceiptHandle",
                        "garbage")
                .ok("DeleteMessageBatch");
        assertThat(deleted.texts("//DeleteMessageBatchResultEntry/Id")).containsExactly("d1", "d2");
        assertThat(deleted.texts("//BatchResultErrorEntry/Id")).containsExactly("d3");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                        .messages())
                .isEmpty();
    }

    @Test
    void batchErrorsOfTheWholeRequest() {
        String url = queue("qbatcherr");
        wire.call("SendMessageBatch", "QueueUrl", url)
                .error(
                        400,
                        "Sender",
                        "AWS.SimpleQueueService.EmptyBatchRequest",
                        "There should be at least one SendMessageBatchRequestEntry in the request.");
        wire.call(
                        "DeleteMessageBatch",
                        "QueueUrl",
                        url,
                        "DeleteMessageBatchRequestEntry.1.Id",
                        "a",
                        "DeleteMessageBatchRequestEntry.1.ReceiptHandle",
                        "h",
                        "DeleteMessageBatchRequestEntry.2.Id",
                        "a",
                        "DeleteMessageBatchRequestEntry.2.ReceiptHandle",
                        "h")
                .error(400, "Sender", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id a repeated.");
        List<String> eleven = new ArrayList<>(List.of("QueueUrl", url));
        for (int i = 1; i <= 11; i++) {
            eleven.addAll(List.of("SendMessageBatchRequestEntry." + i + ".Id", "e" + i));
            eleven.addAll(List.of("SendMessageBatchRequestEntry." + i + ".MessageBody", "m"));
        }
        wire.call("SendMessageBatch", eleven.toArray(String[]::new))
                .error(
                        400,
                        "Sender",
                        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                        "Maximum number of entries per request are 10. You have sent 11.");
    }

    @Test
    void visibilityChangesAndMessageErrors() {
        String url = queue("qvis");
        wire.call("SendMessage", "QueueUrl", url, "MessageBody", "again").ok("SendMessage");
        String handle = wire.call("ReceiveMessage", "QueueUrl", url, "VisibilityTimeout", "600")
                .ok("ReceiveMessage")
                .text(RECEIVE + "/ReceiptHandle");
        QueryWire.Answer changed = wire.call(
                        "ChangeMessageVisibility", "QueueUrl", url, "ReceiptHandle", handle, "VisibilityTimeout", "0")
                .ok("ChangeMessageVisibility");
        assertThat(changed.count("//ChangeMessageVisibilityResult")).isZero();
        QueryWire.Answer again = wire.call(
                        "ReceiveMessage", "QueueUrl", url, "AttributeName.1", "ApproximateReceiveCount")
                .ok("ReceiveMessage");
        assertThat(again.pairs(RECEIVE + "/Attribute", "Name", "Value"))
                .isEqualTo(Map.of("ApproximateReceiveCount", "2"));
        wire.call("DeleteMessage", "QueueUrl", url, "ReceiptHandle", "garbage")
                .error(
                        404,
                        "Sender",
                        "ReceiptHandleIsInvalid",
                        "The input receipt handle \"garbage\" is not a valid receipt handle.");
        wire.call("ChangeMessageVisibility", "QueueUrl", url, "ReceiptHandle", handle)
                .error(400, "Sender", "MissingParameter", "The request must contain the parameter VisibilityTimeout.");
        wire.call("ReceiveMessage", "QueueUrl", url, "MaxNumberOfMessages", "11")
                .error(
                        400,
                        "Sender",
                        "InvalidParameterValue",
                        "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        wire.call("SendMessage", "QueueUrl", url, "MessageBody", "x", "DelaySeconds", "soon")
                .error(
                        400,
                        "Sender",
                        "InvalidParameterValue",
                        "Value soon for parameter DelaySeconds is invalid. Reason: Must be an integer.");
        wire.call("SendMessage", "QueueUrl", url)
                .error(400, "Sender", "MissingParameter", "The request must contain the parameter MessageBody.");
        wire.call("SendMessage", "QueueUrl", url + "-gone", "MessageBody", "x")
                .error(
                        400,
                        "Sender",
                        "AWS.SimpleQueueService.NonExistentQueue",
                        "The specified queue does not exist for this wsdl version.");
    }

    @Test
    void messagesOfAQueueAddressedByItsUrlPath() {
        String url = queue("qpathmsg");
        wire.at(url, "SendMessage", "MessageBody", "by path").ok("SendMessage");
        wire.at(
                        url,
                        "SendMessageBatch",
                        "SendMessageBatchRequestEntry.1.Id",
                        "one",
                        "SendMessageBatchRequestEntry.1.MessageBody",
                        "by path, batched")
                .ok("SendMessageBatch");
        QueryWire.Answer got =
                wire.at(url, "ReceiveMessage", "MaxNumberOfMessages", "10").ok("ReceiveMessage");
        assertThat(got.texts(RECEIVE + "/Body")).containsExactlyInAnyOrder("by path", "by path, batched");
        for (String handle : got.texts(RECEIVE + "/ReceiptHandle")) {
            wire.at(url, "DeleteMessage", "ReceiptHandle", handle).ok("DeleteMessage");
        }
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void longPollsAreWokenBySendsAndHoldNoStoreWorker() {
        // more waiting receivers than the node has store workers (8 on a small machine)
        String url = queue("qpoll");
        List<CompletableFuture<QueryWire.Answer>> waiting = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            waiting.add(wire.callAsync("ReceiveMessage", "QueueUrl", url, "WaitTimeSeconds", "20"));
        }
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> waiting.stream().noneMatch(CompletableFuture::isDone));
        // other requests are served while they wait
        wire.call("GetQueueAttributes", "QueueUrl", url, "AttributeName.1", "All")
                .ok("GetQueueAttributes");
        for (int i = 0; i < 12; i++) {
            wire.call("SendMessage", "QueueUrl", url, "MessageBody", "m" + i).ok("SendMessage");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.stream().allMatch(CompletableFuture::isDone));
        List<String> bodies = new ArrayList<>();
        waiting.forEach(f -> bodies.addAll(f.join().ok("ReceiveMessage").texts(RECEIVE + "/Body")));
        assertThat(bodies).hasSize(12).doesNotHaveDuplicates();
    }
}
