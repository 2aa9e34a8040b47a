package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.util.Map;

/** PLACEHOLDER until the expression branch merges. */
public interface Condition {
    boolean test(Map<String, AttributeValue> item);
}
