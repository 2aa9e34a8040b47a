package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON answers written as the query protocol's XML. */
class QueryXmlTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NS = "xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"";

    static String xml(String action, String json) throws Exception {
        return new String(QueryXml.answer(action, (ObjectNode) JSON.readTree(json), "rid"), StandardCharsets.UTF_8);
    }

    @Test
    void anOperationWithoutOutputHasOnlyMetadata() throws Exception {
        assertThat(xml("DeleteMessage", "{}"))
                .isEqualTo("<?xml version=\"1.0\"?><DeleteMessageResponse " + NS
                        + "><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DeleteMessageResponse>");
        assertThat(xml("ReceiveMessage", "{}"))
                .isEqualTo("<?xml version=\"1.0\"?><ReceiveMessageResponse " + NS
                        + "><ReceiveMessageResult></ReceiveMessageResult>"
                        + "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ReceiveMessageResponse>");
    }

    @Test
    void messagesFlattenTheirMapsAndEscapeTheirText() throws Exception {
        String json = "{\"Messages\":[{\"MessageId\":\"m\",\"Body\":\"a\\\"b\\r\\n<c>&\","
                + "\"Attributes\":{\"SentTimestamp\":\"1700000000000\"},"
                + "\"MessageAttributes\":{\"k\":{\"StringValue\":\"v\",\"DataType\":\"String\"}}}]}";
        assertThat(xml("ReceiveMessage", json))
                .contains("<ReceiveMessageResult><Message><MessageId>m</MessageId>"
                        + "<Body>a&quot;b&#xD;\n&lt;c&gt;&amp;</Body>"
                        + "<Attribute><Name>SentTimestamp</Name><Value>1700000000000</Value></Attribute>"
                        + "<MessageAttribute><Name>k</Name><Value><StringValue>v</StringValue>"
                        + "<DataType>String</DataType></Value></MessageAttribute></Message></ReceiveMessageResult>");
    }

    @Test
    void batchResultsNumbersAndBooleans() throws Exception {
        String json = "{\"Successful\":[{\"Id\":\"a\",\"MessageId\":\"m\"}],"
                + "\"Failed\":[{\"Id\":\"b\",\"SenderFault\":true,\"Code\":\"X\",\"Message\":\"y\"}]}";
        assertThat(xml("SendMessageBatch", json))
                .contains("<SendMessageBatchResult><SendMessageBatchResultEntry><Id>a</Id><MessageId>m</MessageId>"
                        + "</SendMessageBatchResultEntry><BatchResultErrorEntry><Id>b</Id>"
                        + "<SenderFault>true</SenderFault><Code>X</Code><Message>y</Message></BatchResultErrorEntry>"
                        + "</SendMessageBatchResult>");
        assertThat(xml(
                        "ListMessageMoveTasks",
                        "{\"Results\":[{\"StartedTimestamp\":1700000000000,\"Status\":\"RUNNING\"}]}"))
                .contains("<ListMessageMoveTasksResult><ListMessageMoveTasksResultEntry>"
                        + "<StartedTimestamp>1700000000000</StartedTimestamp><Status>RUNNING</Status>"
                        + "</ListMessageMoveTasksResultEntry></ListMessageMoveTasksResult>");
        assertThat(xml("ListDeadLetterSourceQueues", "{\"queueUrls\":[\"u1\",\"u2\"],\"NextToken\":null}"))
                .contains("<ListDeadLetterSourceQueuesResult><QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl>"
                        + "</ListDeadLetterSourceQueuesResult>");
        assertThat(xml("ListQueueTags", "{\"Tags\":{\"k\":\"v\"}}"))
                .contains("<ListQueueTagsResult><Tag><Key>k</Key><Value>v</Value></Tag></ListQueueTagsResult>");
    }
}
