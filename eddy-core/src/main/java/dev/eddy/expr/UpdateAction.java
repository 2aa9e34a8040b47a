package dev.eddy.expr;

/** One action of an update expression, resolved. */
public sealed interface UpdateAction {

    /** The document path the action writes or removes. */
    Path path();

    record Set(Path path, SetValue value) implements UpdateAction {}

    record Remove(Path path) implements UpdateAction {}

    /** ADD: number addition or set union; {@code value} is a number or a set. */
    record Add(Path path, Operand.Value value) implements UpdateAction {}

    /** DELETE: set difference; {@code value} is a set. */
    record Delete(Path path, Operand.Value value) implements UpdateAction {}

    /** The right-hand side of a SET action. */
    sealed interface SetValue {}

    record PathValue(Path path) implements SetValue {}

    record Literal(Operand.Value value) implements SetValue {}

    record Plus(SetValue left, SetValue right) implements SetValue {}

    record Minus(SetValue left, SetValue right) implements SetValue {}

    /** {@code if_not_exists(path, fallback)}. */
    record IfNotExists(Path path, SetValue fallback) implements SetValue {}

    record ListAppend(SetValue first, SetValue second) implements SetValue {}
}
