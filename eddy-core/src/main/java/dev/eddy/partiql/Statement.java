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
     * {@code SELECT projection FROM table[.index] [WHERE where]}; {@code projection} null for
     * {@code *}, {@code where} and {@code index} may be null.
     */
    record Select(String table, String index, List<Path> projection, ConditionExpr where) implements Statement {
    }

    /** {@code INSERT INTO table VALUE {...}}. */
    record Insert(String table, Map<String, AttributeValue> item) implements Statement {
    }

    /** {@code UPDATE table SET/REMOVE ... WHERE where [RETURNING ...]}. */
    record Update(String table, List<UpdateAction> actions, ConditionExpr where, ReturnValues returning)
            implements Statement {
    }

    /** {@code DELETE FROM table WHERE where [RETURNING ALL OLD *]}. */
    record Delete(String table, ConditionExpr where, ReturnValues returning) implements Statement {
    }
}
