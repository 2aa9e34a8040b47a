package dev.eddy.table;

import dev.eddy.expr.Projection;
import dev.eddy.item.AttributeValue;
import java.util.Map;

/** A validated GetItem request. {@code projection} may be null (all attributes). */
public record GetItem(
        String tableName,
        Map<String, AttributeValue> key,
        Projection projection,
        boolean consistentRead,
        CapacityReport capacityReport) {}
