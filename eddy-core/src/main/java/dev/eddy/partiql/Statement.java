package dev.eddy.partiql;

import dev.eddy.expr.ConditionExpr;
import dev.eddy.expr.Path;
import dev.eddy.expr.UpdateAction;
import dev.eddy.item.AttributeValue;
import dev.eddy.table.ReturnValues;
import java.util.List;
import java.util.Map;

/**
 * A parsed PartiQL statement with its parameters bound. Conditions and updates use the
 * expression language's syntax trees, so they evaluate exactly as the equivalent expressions.
 */
public sealed interface Statement {

    String table();

    /** Whether the statement reads (SELECT) rather than writes. */
    default boolean isRead() {
        return this instanceof Select;
    }

    /**
     * {@code SELECT projection FROM table[.index] [WHERE where] [ORDER BY ...]}; {@code projection}
     * null for {@code *}, {@code where} and {@code index} may be null, {@code orderBy} may be empty.
     */
    record Select(String table, String index, List<Path> projection, ConditionExpr where, List<Order> orderBy)
            implements Statement {
        public Select {
            orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        }
    }

    /** One ORDER BY term: a top-level attribute, ascending unless {@code descending}. */
    record Order(String attribute, boolean descending) {}

    /**
     * {@code EXISTS(SELECT ...)}: in ExecuteTransaction, a condition check on the item the SELECT
     * names by its whole key, that holds when the SELECT would return it.
     */
    record Exists(Select select) implements Statement {
        @Override
        public String table() {
            return select.table();
        }
    }

    /** {@code INSERT INTO table VALUE {...}}. */
    record Insert(String table, Map<String, AttributeValue> item) implements Statement {}

    /** {@code UPDATE table SET/REMOVE ... WHERE where [RETURNING ...]}. */
    record Update(String table, List<UpdateAction> actions, ConditionExpr where, ReturnValues returning)
            implements Statement {}

    /** {@code DELETE FROM table WHERE where [RETURNING ALL OLD *]}. */
    record Delete(String table, ConditionExpr where, ReturnValues returning) implements Statement {}
}
