package dev.eddy.table;

import dev.eddy.expr.Condition;
import dev.eddy.expr.Projection;
import dev.eddy.item.AttributeValue;
import java.util.Map;

/**
 * A Scan request whose parameters the wire adapter has parsed and checked on their own.
 *
 * @param indexName null to scan the table
 * @param filter null for none
 * @param projection null for none; required when {@code select} is SPECIFIC_ATTRIBUTES
 * @param select null for the default
 * @param limit null for none; the number of items evaluated (before the filter)
 * @param exclusiveStartKey null to start at the beginning
 * @param segment with {@code totalSegments}: which part of a parallel scan; both null for a whole scan
 */
public record Scan(
        String tableName,
        String indexName,
        Condition filter,
        Projection projection,
        Select select,
        Integer limit,
        Map<String, AttributeValue> exclusiveStartKey,
        Integer segment,
        Integer totalSegments,
        boolean consistentRead,
        CapacityReport capacityReport) {}
