package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * One page of a Query or Scan.
 *
 * @param items the matching items, projected; empty for Select COUNT
 * @param count items that matched the filter
 * @param scannedCount items evaluated before the filter
 * @param lastEvaluatedKey where the next page starts, or null when the read is complete
 */
public record ReadPage(
        List<Map<String, AttributeValue>> items,
        int count,
        int scannedCount,
        Map<String, AttributeValue> lastEvaluatedKey,
        ConsumedCapacity capacity) {}
