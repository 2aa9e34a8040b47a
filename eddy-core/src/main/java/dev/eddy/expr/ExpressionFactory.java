package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.util.List;

/**
 * Builds conditions, updates and projections from syntax trees made elsewhere, for request
 * parameters that are not expression text: DynamoDB's legacy parameters (Expected,
 * AttributeUpdates, AttributesToGet, KeyConditions, QueryFilter, ScanFilter) and PartiQL
 * statements. The trees must be resolved (real attribute names, values present); the results
 * behave exactly like those parsed from expressions.
 */
public final class ExpressionFactory {
    private ExpressionFactory() {}

    public static Condition condition(ConditionExpr ast) {
        return new Condition(ast);
    }

    public static Update update(List<UpdateAction> actions) {
        return new Update(actions);
    }

    public static Projection projection(List<Path> paths) {
        return new Projection(paths);
    }

    /** Whether {@code a} sorts after {@code b} in DynamoDB's order (both S, both N or both B). */
    public static boolean greater(AttributeValue a, AttributeValue b) {
        Integer order = Evaluator.compare(a, b);
        return order != null && order > 0;
    }
}
