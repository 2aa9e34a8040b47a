package dev.eddy.partiql;

import dev.eddy.error.EddyException;
import dev.eddy.expr.ConditionExpr;
import dev.eddy.expr.ExpressionFactory;
import dev.eddy.expr.Operand;
import dev.eddy.expr.Projection;
import dev.eddy.item.AttributeValue;
import dev.eddy.table.CapacityReport;
import dev.eddy.table.IndexDefinition;
import dev.eddy.table.KeySchema;
import dev.eddy.table.Query;
import dev.eddy.table.ReadPage;
import dev.eddy.table.Scan;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a PartiQL SELECT that is not a single-item read as a Query or a Scan, one page per call:
 * a WHERE whose top-level conjunction has an equality on the partition key of the table (or
 * index) is a Query, with at most one sort key condition ({@code = < <= > >=}, BETWEEN,
 * begins_with) as part of the key condition; every other term is the filter. Any other WHERE
 * (or none) is a Scan with the WHERE as its filter. ORDER BY is allowed on a Query only, on the
 * key attributes; a descending sort key reads the partition backwards.
 *
 * <p>Thread-safe.
 */
final class SelectPlanner {
    static final String ORDER_BY_NEEDS_QUERY =
            "ORDER BY requires a WHERE clause with an equality on the " + "partition key";

    private final TableEngine engine;

    SelectPlanner(TableEngine engine) {
        this.engine = engine;
    }

    /** The key condition (null for a Scan) and the filter (null for none) of a SELECT. */
    private record Plan(ConditionExpr key, ConditionExpr filter) {}

    ReadPage page(
            Statement.Select s,
            Projection projection,
            boolean consistentRead,
            Integer limit,
            Map<String, AttributeValue> exclusiveStartKey) {
        KeySchema ks = keySchema(engine.describeTable(s.table()), s.index());
        Plan plan = plan(ks, s.where());
        if (plan.key == null) {
            if (!s.orderBy().isEmpty()) {
                throw EddyException.validation(ORDER_BY_NEEDS_QUERY);
            }
            return engine.scan(new Scan(
                    s.table(),
                    s.index(),
                    condition(plan.filter),
                    projection,
                    null,
                    limit,
                    exclusiveStartKey,
                    null,
                    null,
                    consistentRead,
                    CapacityReport.NONE));
        }
        // a filter may name key attributes here (a second sort key term, say), unlike a Query's filter
        return engine.query(new Query(
                s.table(),
                s.index(),
                ExpressionFactory.condition(plan.key),
                condition(plan.filter),
                projection,
                null,
                limit,
                exclusiveStartKey,
                forward(ks, s.orderBy()),
                consistentRead,
                CapacityReport.NONE,
                null));
    }

    private static KeySchema keySchema(TableMeta table, String index) {
        if (index == null) {
            return table.key();
        }
        return Stream.concat(table.globalIndexes().stream(), table.localIndexes().stream())
                .filter(i -> i.name().equals(index))
                .findFirst()
                .map(IndexDefinition::key)
                .orElseThrow(() -> EddyException.validation("The table does not have the specified index: " + index));
    }

    private static boolean forward(KeySchema ks, List<Statement.Order> orderBy) {
        boolean forward = true;
        for (Statement.Order o : orderBy) {
            if (!ks.names().contains(o.attribute())) {
                throw EddyException.validation("ORDER BY can only name a key attribute: " + o.attribute());
            }
            if (o.attribute().equals(ks.rangeName()) || !ks.hasRange()) {
                forward = !o.descending();
            }
        }
        return forward;
    }

    static Plan plan(KeySchema ks, ConditionExpr where) {
        if (ks.multiAttribute()) {
            // a multi-attribute GSI key is read by a filtered scan of the index
            return new Plan(null, where);
        }
        List<ConditionExpr> terms = new ArrayList<>();
        flatten(where, terms);
        ConditionExpr hash = null;
        ConditionExpr sort = null;
        ConditionExpr rest = null;
        for (ConditionExpr t : terms) {
            if (hash == null && isHashEquality(t, ks)) {
                hash = t;
            } else if (sort == null && ks.hasRange() && isSortCondition(t, ks)) {
                sort = t;
            } else {
                rest = and(rest, t);
            }
        }
        if (hash == null) {
            return new Plan(null, where);
        }
        return new Plan(sort == null ? hash : new ConditionExpr.And(hash, sort), rest);
    }

    private static boolean isHashEquality(ConditionExpr t, KeySchema ks) {
        return t instanceof ConditionExpr.Comparison c
                && c.comparator() == ConditionExpr.Comparator.EQ
                && (keyValue(c.left(), c.right(), ks.hashName(), ks.hashType())
                        || keyValue(c.right(), c.left(), ks.hashName(), ks.hashType()));
    }

    private static boolean isSortCondition(ConditionExpr t, KeySchema ks) {
        String name = ks.rangeName();
        AttributeValue.Type type = ks.rangeType();
        return switch (t) {
            case ConditionExpr.Comparison c ->
                c.comparator() != ConditionExpr.Comparator.NE
                        && (keyValue(c.left(), c.right(), name, type) || keyValue(c.right(), c.left(), name, type));
            case ConditionExpr.Between b ->
                keyValue(b.value(), b.low(), name, type)
                        && b.high() instanceof Operand.Value h
                        && h.value().type() == type
                        && !ExpressionFactory.greater(((Operand.Value) b.low()).value(), h.value());
            case ConditionExpr.BeginsWith b ->
                type != AttributeValue.Type.N && keyValue(b.value(), b.prefix(), name, type);
            default -> false;
        };
    }

    /** Whether {@code path} is the key attribute {@code name} and {@code value} a value of its type. */
    private static boolean keyValue(Operand path, Operand value, String name, AttributeValue.Type type) {
        return path instanceof Operand.PathOperand p
                && p.path().isTopLevel()
                && p.path().attribute().equals(name)
                && value instanceof Operand.Value v
                && v.value().type() == type;
    }

    private static void flatten(ConditionExpr e, List<ConditionExpr> out) {
        if (e == null) {
            return;
        }
        if (e instanceof ConditionExpr.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
        } else {
            out.add(e);
        }
    }

    private static ConditionExpr and(ConditionExpr a, ConditionExpr b) {
        return a == null ? b : new ConditionExpr.And(a, b);
    }

    private static dev.eddy.expr.Condition condition(ConditionExpr e) {
        return e == null ? null : ExpressionFactory.condition(e);
    }
}
