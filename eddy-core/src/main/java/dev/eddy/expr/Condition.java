package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.util.Map;

/**
 * A resolved condition, filter or key condition expression. Immutable and thread-safe.
 */
public final class Condition {

    private final ConditionExpr ast;

    Condition(ConditionExpr ast) {
        this.ast = ast;
    }

    /**
     * Whether {@code item} satisfies the condition; an empty map stands for "no item". Never
     * throws: type mismatches and missing attributes make comparisons false.
     */
    public boolean test(Map<String, AttributeValue> item) {
        return Evaluator.test(ast, item);
    }

    /** The resolved syntax tree, e.g. for Query to find its key conditions. */
    public ConditionExpr ast() {
        return ast;
    }

    @Override
    public String toString() {
        return ast.toString();
    }
}
