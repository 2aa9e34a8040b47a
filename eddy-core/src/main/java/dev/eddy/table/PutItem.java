package dev.eddy.table;

import dev.eddy.expr.Condition;
import dev.eddy.item.AttributeValue;
import java.util.Map;

/** A validated PutItem request. {@code condition} may be null. */
public record PutItem(
        String tableName,
        Map<String, AttributeValue> item,
        Condition condition,
        ReturnValues returnValues,
        boolean returnOldOnConditionFailure,
        CapacityReport capacityReport) {}
