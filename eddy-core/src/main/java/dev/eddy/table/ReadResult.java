package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.Map;

/** The outcome of GetItem: the (projected) item or null, and the units consumed. */
public record ReadResult(Map<String, AttributeValue> item, ConsumedCapacity capacity) {}
