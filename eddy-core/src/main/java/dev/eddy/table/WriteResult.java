package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.Map;

/**
 * The outcome of a single-item write.
 *
 * @param attributes what ReturnValues asked for, or null
 * @param capacity units consumed
 */
public record WriteResult(Map<String, AttributeValue> attributes, ConsumedCapacity capacity) {}
