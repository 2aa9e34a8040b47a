package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.util.Map;

/** PLACEHOLDER until the expression branch merges. */
public interface Projection {
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);
}
