package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.Map;

/**
 * The outcome of a single-item write.
 *
 * @param attributes what ReturnValues asked for, or null
 * @param capacity units consumed
 * @param collection the item collection written, for tables with local secondary indexes; else null
 */
public record WriteResult(
        Map<String, AttributeValue> attributes, ConsumedCapacity capacity, ItemCollectionMetrics collection) {}
