package dev.eddy.table;

import dev.eddy.expr.Condition;
import dev.eddy.item.AttributeValue;
import java.util.Map;

/** A validated DeleteItem request. {@code condition} may be null. */
public record DeleteItem(
        String tableName,
        Map<String, AttributeValue> key,
        Condition condition,
        ReturnValues returnValues,
        boolean returnOldOnConditionFailure,
        CapacityReport capacityReport) {}
