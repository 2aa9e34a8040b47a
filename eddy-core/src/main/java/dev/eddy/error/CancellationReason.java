package dev.eddy.error;

import dev.eddy.item.AttributeValue;
import java.util.Map;

/**
 * Why one action of a cancelled transaction failed, as DynamoDB reports it in
 * {@code CancellationReasons}: code "None" for an action that would have succeeded,
 * "ConditionalCheckFailed", "ValidationError", "TransactionConflict" or "DuplicateItem" otherwise.
 *
 * @param message null for "None"
 * @param item the item as it was, when ReturnValuesOnConditionCheckFailure asked for it; else null
 */
public record CancellationReason(String code, String message, Map<String, AttributeValue> item) {

    /** The reason of an action that would have succeeded. */
    public static final CancellationReason NONE = new CancellationReason("None", null, null);
}
