package dev.eddy.expr;

import java.util.List;

/**
 * The syntax tree of a condition, filter or key condition expression, resolved: paths hold real
 * attribute names and values are the request's ExpressionAttributeValues.
 */
public sealed interface ConditionExpr {

    record And(ConditionExpr left, ConditionExpr right) implements ConditionExpr {}

    record Or(ConditionExpr left, ConditionExpr right) implements ConditionExpr {}

    record Not(ConditionExpr condition) implements ConditionExpr {}

    /** The six comparators with DynamoDB's spelling. */
    enum Comparator {
        EQ("="),
        NE("<>"),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Comparator of(String symbol) {
            for (Comparator c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    record Comparison(Comparator comparator, Operand left, Operand right) implements ConditionExpr {}

    /** {@code value BETWEEN low AND high}, bounds included. */
    record Between(Operand value, Operand low, Operand high) implements ConditionExpr {}

    /** {@code value IN (candidates...)}. */
    record In(Operand value, List<Operand> candidates) implements ConditionExpr {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    record AttributeExists(Path path) implements ConditionExpr {}

    record AttributeNotExists(Path path) implements ConditionExpr {}

    /** {@code attribute_type(path, :type)}; {@code type} is the operand naming the type. */
    record AttributeType(Path path, Operand type) implements ConditionExpr {}

    record BeginsWith(Operand value, Operand prefix) implements ConditionExpr {}

    record Contains(Operand value, Operand operand) implements ConditionExpr {}
}
