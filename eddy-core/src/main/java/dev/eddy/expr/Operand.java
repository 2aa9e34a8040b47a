package dev.eddy.expr;

import dev.eddy.item.AttributeValue;

/** An operand of a comparison or function in a condition expression. */
public sealed interface Operand {

    /** The value at a document path of the item; may be missing. */
    record PathOperand(Path path) implements Operand {}

    /**
     * A value from ExpressionAttributeValues. {@code value} is null only in the cached,
     * unresolved form that never leaves this package.
     */
    record Value(String placeholder, AttributeValue value) implements Operand {}

    /** {@code size(operand)}: the length of a string or binary, the element count of a set, list or map. */
    record Size(Operand operand) implements Operand {}
}
