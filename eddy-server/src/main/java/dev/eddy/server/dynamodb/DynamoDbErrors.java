package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.CancellationReason;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorDetail;
import java.util.List;

/** The members DynamoDB's error bodies carry after {@code __type} and {@code message}. */
final class DynamoDbErrors {

    private DynamoDbErrors() {}

    /**
     * Renders the exception's details: the item as it was for a failed condition with
     * ReturnValuesOnConditionCheckFailure=ALL_OLD; for a cancelled transaction its
     * {@code CancellationReasons}, in action order, where the SDKs read them.
     */
    static void addMembers(EddyException e, ObjectNode body) {
        switch (e.detail()) {
            case ErrorDetail.OldItem old -> body.set("Item", AttributeValueJson.render(old.item()));
            case ErrorDetail.Cancellation c -> body.set("CancellationReasons", reasons(c.reasons()));
            case ErrorDetail.Throttle t -> {}
            case ErrorDetail.None n -> {}
        }
    }

    private static ArrayNode reasons(List<CancellationReason> reasons) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (CancellationReason reason : reasons) {
            ObjectNode node = list.addObject();
            if (reason.item() != null) {
                node.set("Item", AttributeValueJson.render(reason.item()));
            }
            node.put("Code", reason.code());
            if (reason.message() != null) {
                node.put("Message", reason.message());
            }
        }
        return list;
    }
}
