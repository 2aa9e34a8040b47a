package dev.eddy.error;

import dev.eddy.item.AttributeValue;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an error carries beyond its code and message for the client to read: the details AWS puts
 * in an error's body. Each wire adapter renders the variants its service knows with a
 * pattern-matching switch; an error without such details has {@link #NONE}.
 */
public sealed interface ErrorDetail
        permits ErrorDetail.None, ErrorDetail.OldItem, ErrorDetail.Cancellation, ErrorDetail.Throttle {

    /** No details. */
    ErrorDetail NONE = new None();

    /** No details: the code and the message say everything. */
    record None() implements ErrorDetail {}

    /**
     * The item as it was before a failed condition (ConditionalCheckFailedException when the
     * request asked for it with ReturnValuesOnConditionCheckFailure=ALL_OLD).
     */
    record OldItem(Map<String, AttributeValue> item) implements ErrorDetail {
        public OldItem {
            // not copied: the item is rendered in the order of its attributes
            item = Collections.unmodifiableMap(Objects.requireNonNull(item));
        }
    }

    /** Why each action of a cancelled transaction failed, in action order (TransactionCanceledException). */
    record Cancellation(List<CancellationReason> reasons) implements ErrorDetail {
        public Cancellation {
            reasons = List.copyOf(reasons);
        }
    }

    /** Why an invocation was throttled (Lambda's TooManyRequestsException {@code Reason}). */
    record Throttle(String reason) implements ErrorDetail {}
}
