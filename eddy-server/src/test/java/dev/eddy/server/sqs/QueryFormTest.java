package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.server.http.QueryRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flattened form parameters read as the JSON body of the same request. */
class QueryFormTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode body(String action, String path, String... pairs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Action", action);
        parameters.put("Version", "2012-11-05");
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return QueryForm.body(new QueryRequest(action, parameters, "id", "host:1", path));
    }

    static void assertJson(ObjectNode actual, String expected) throws Exception {
        // as text: a number parsed from a form is a long, Jackson's reading of 5 an int
        assertThat(actual.toString()).isEqualTo(JSON.readTree(expected).toString());
    }

    @Test
    void listsFollowTheirIndexNotTheirOrder() throws Exception {
        String[] pairs = new String[24];
        for (int i = 0; i < 12; i++) {
            // sent from 12 down to 1: 10, 11 and 12 must come after 9
            pairs[2 * i] = "AttributeName." + (12 - i);
            pairs[2 * i + 1] = "a" + (12 - i);
        }
        ObjectNode body = body("GetQueueAttributes", "/", pairs);
        assertThat(body.get("AttributeNames").toString())
                .isEqualTo("[\"a1\",\"a2\",\"a3\",\"a4\",\"a5\",\"a6\",\"a7\",\"a8\",\"a9\",\"a10\",\"a11\",\"a12\"]");
    }

    @Test
    void gapsAndNamesThatAreNoIndexNameNothing() throws Exception {
        assertJson(
                body(
                        "UntagQueue",
                        "/",
                        "QueueUrl",
                        "u",
                        "TagKey.3",
                        "c",
                        "TagKey.1",
                        "a",
                        "TagKey.x",
                        "no",
                        "TagKey.0",
                        "no"),
                "{\"Action\":\"UntagQueue\",\"Version\":\"2012-11-05\",\"QueueUrl\":\"u\",\"TagKeys\":[\"a\",\"c\"]}");
    }

    @Test
    void mapsOfStringsAndOfStructures() throws Exception {
        assertJson(
                body(
                        "SendMessage",
                        "/",
                        "MessageBody",
                        "b",
                        "DelaySeconds",
                        " 5 ",
                        "MessageAttribute.2.Name",
                        "n2",
                        "MessageAttribute.2.Value.DataType",
                        "Binary",
                        "MessageAttribute.2.Value.BinaryValue",
                        "AAE=",
                        "MessageAttribute.1.Name",
                        "n1",
                        "MessageAttribute.1.Value.DataType",
                        "String",
                        "MessageAttribute.1.Value.StringValue",
                        "v1",
                        "MessageAttribute.3.Name",
                        "n3"),
                "{\"Action\":\"SendMessage\",\"Version\":\"2012-11-05\",\"MessageBody\":\"b\",\"DelaySeconds\":5,"
                        + "\"MessageAttributes\":{\"n1\":{\"DataType\":\"String\",\"StringValue\":\"v1\"},"
                        + "\"n2\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AAE=\"},\"n3\":null}}");
        // CreateQueue's tags and TagQueue's Tags both come from Tag.N
        ObjectNode create = body("CreateQueue", "/", "QueueName", "q", "Tag.1.Key", "k", "Tag.1.Value", "v");
        assertThat(create.get("tags").toString()).isEqualTo("{\"k\":\"v\"}");
        assertThat(create.get("Tags").toString()).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void batchEntriesAreNamedAfterTheAction() throws Exception {
        ObjectNode body = body(
                "ChangeMessageVisibilityBatch",
                "/",
                "ChangeMessageVisibilityBatchRequestEntry.2.Id",
                "b",
                "ChangeMessageVisibilityBatchRequestEntry.1.Id",
                "a",
                "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout",
                "10",
                "SendMessageBatchRequestEntry.1.Id",
                "other action's entry");
        assertThat(body.get("Entries").toString())
                .isEqualTo("[{\"Id\":\"a\",\"VisibilityTimeout\":10},{\"Id\":\"b\"}]");
    }

    @Test
    void incompleteEntriesAndBadIntegers() {
        assertThatThrownBy(() -> body("SetQueueAttributes", "/", "Attribute.1.Value", "5"))
                .isInstanceOfSatisfying(
                        EddyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQS_MISSING_PARAMETER))
                .hasMessage("The request must contain the parameter Attribute.1.Name.");
        assertThatThrownBy(() -> body("TagQueue", "/", "Tag.2.Key", "k"))
                .hasMessage("The request must contain the parameter Tag.2.Value.");
        assertThatThrownBy(() -> body("ReceiveMessage", "/", "WaitTimeSeconds", "1.5"))
                .isInstanceOfSatisfying(
                        EddyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQS_INVALID_PARAMETER_VALUE))
                .hasMessage("Value 1.5 for parameter WaitTimeSeconds is invalid. Reason: Must be an integer.");
    }

    @Test
    void jsonNamesOfListsAndMapsAreNoParameters() throws Exception {
        assertJson(
                body("SendMessageBatch", "/", "QueueUrl", "u", "Entries", "x", "MessageAttributes", "y", "Tags", "z"),
                "{\"Action\":\"SendMessageBatch\",\"Version\":\"2012-11-05\",\"QueueUrl\":\"u\"}");
    }

    @Test
    void aQueuePathBecomesTheQueueUrlUnlessOneIsGiven() {
        assertThat(body("PurgeQueue", "/000000000000/q").get("QueueUrl").asText())
                .isEqualTo("http://host:1/000000000000/q");
        assertThat(body("PurgeQueue", "/000000000000/q", "QueueUrl", "http://x/1/other")
                        .get("QueueUrl")
                        .asText())
                .isEqualTo("http://x/1/other");
        assertThat(body("PurgeQueue", "/").has("QueueUrl")).isFalse();
    }
}
