package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.util.Map;

/** PLACEHOLDER until the expression branch merges. */
public final class ExpressionContext {
    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
    }

    public Condition condition(String text, String parameterName) {
        throw new IllegalStateException("placeholder");
    }

    public Update update(String text) {
        throw new IllegalStateException("placeholder");
    }

    public Projection projection(String text) {
        throw new IllegalStateException("placeholder");
    }

    public void checkAllUsed() {
    }
}
