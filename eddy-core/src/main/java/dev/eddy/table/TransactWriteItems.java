package dev.eddy.table;

import dev.eddy.expr.Condition;
import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * A validated TransactWriteItems request: up to 100 actions on distinct items, possibly across
 * tables, that succeed or fail together.
 *
 * @param clientRequestToken null, or the idempotency token
 * @param fingerprint identifies the request's parameters for the idempotency check (two requests
 *     with the same token and different fingerprints are a mismatch); null without a token
 */
public record TransactWriteItems(
        List<Action> actions, String clientRequestToken, String fingerprint, CapacityReport capacityReport) {

    public TransactWriteItems {
        actions = List.copyOf(actions);
    }

    /** One action; {@code condition} may be null except for a ConditionCheck. */
    public sealed interface Action {
        String tableName();

        Condition condition();

        /** ReturnValuesOnConditionCheckFailure ALL_OLD. */
        boolean returnOldOnConditionFailure();
    }

    public record Put(
            String tableName,
            Map<String, AttributeValue> item,
            Condition condition,
            boolean returnOldOnConditionFailure)
            implements Action {}

    public record Update(
            String tableName,
            Map<String, AttributeValue> key,
            dev.eddy.expr.Update update,
            Condition condition,
            boolean returnOldOnConditionFailure)
            implements Action {}

    public record Delete(
            String tableName, Map<String, AttributeValue> key, Condition condition, boolean returnOldOnConditionFailure)
            implements Action {}

    public record ConditionCheck(
            String tableName, Map<String, AttributeValue> key, Condition condition, boolean returnOldOnConditionFailure)
            implements Action {}

    /**
     * The units consumed per table in order of first appearance; {@code replayed} when the token
     * matched an earlier, completed request and nothing was written; the item collections written
     * in tables with local secondary indexes (one per collection, none for a replay).
     */
    public record Result(List<ConsumedCapacity> capacity, boolean replayed, List<ItemCollectionMetrics> collections) {}
}
