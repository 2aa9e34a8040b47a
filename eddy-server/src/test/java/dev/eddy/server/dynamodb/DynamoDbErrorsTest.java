package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.CancellationReason;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.error.ErrorDetail;
import dev.eddy.item.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error detail as DynamoDB's error body shows it, byte for byte. */
class DynamoDbErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String members(EddyException e) throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        DynamoDbErrors.addMembers(e, body);
        return JSON.writeValueAsString(body);
    }

    @Test
    void theOldItemOfAFailedConditionInItsAttributeOrder() throws Exception {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("z", new AttributeValue.S("a"));
        item.put("id", new AttributeValue.S("1"));
        assertThat(members(EddyException.conditionalCheckFailed(item)))
                .isEqualTo("{\"Item\":{\"z\":{\"S\":\"a\"},\"id\":{\"S\":\"1\"}}}");
    }

    @Test
    void theReasonsOfACancelledTransactionInActionOrder() throws Exception {
        EddyException e = EddyException.transactionCanceled(List.of(
                CancellationReason.NONE,
                new CancellationReason(
                        "ConditionalCheckFailed",
                        "The conditional request failed",
                        Map.of("id", new AttributeValue.S("2"))),
                new CancellationReason("ValidationError", "bad", null)));
        assertThat(members(e))
                .isEqualTo("{\"CancellationReasons\":[{\"Code\":\"None\"},"
                        + "{\"Item\":{\"id\":{\"S\":\"2\"}},\"Code\":\"ConditionalCheckFailed\","
                        + "\"Message\":\"The conditional request failed\"},"
                        + "{\"Code\":\"ValidationError\",\"Message\":\"bad\"}]}");
    }

    @Test
    void nothingForTheOtherDetails() throws Exception {
        assertThat(members(EddyException.validation("bad"))).isEqualTo("{}");
        assertThat(members(EddyException.conditionalCheckFailed(null))).isEqualTo("{}");
        assertThat(members(new EddyException(ErrorCode.RESOURCE_NOT_FOUND, "x", new ErrorDetail.Throttle("r"))))
                .isEqualTo("{}");
    }
}
