package dev.eddy.table;

import dev.eddy.expr.Condition;
import dev.eddy.expr.Update;
import dev.eddy.item.AttributeValue;
import java.util.Map;

/** A validated UpdateItem request. {@code update} and {@code condition} may be null. */
public record UpdateItem(
        String tableName,
        Map<String, AttributeValue> key,
        Update update,
        Condition condition,
        ReturnValues returnValues,
        boolean returnOldOnConditionFailure,
        CapacityReport capacityReport) {}
