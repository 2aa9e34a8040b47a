package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * The size of the item collection a write touched, for ReturnItemCollectionMetrics SIZE on tables
 * with local secondary indexes.
 *
 * @param tableName the table written
 * @param key the collection's partition key, as {@code ItemCollectionKey}
 * @param sizeEstimateRangeGb lower and upper bound of the size in GB ({@code SizeEstimateRangeGB})
 */
public record ItemCollectionMetrics(
        String tableName, Map<String, AttributeValue> key, List<Double> sizeEstimateRangeGb) {
    public ItemCollectionMetrics {
        key = Map.copyOf(key);
        sizeEstimateRangeGb = List.copyOf(sizeEstimateRangeGb);
    }
}
