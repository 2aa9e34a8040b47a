package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.AttributeValue.Type;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The checks DynamoDB makes on a resolved expression before touching any item: operand types
 * of constants, BETWEEN bounds, identical operands, overlapping document paths.
 */
final class Checks {

    private static final String VALID_TYPES = "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}";
    private static final String ANY_TYPE = "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}";
    private static final Set<Type> SETS = Set.of(Type.SS, Type.NS, Type.BS);

    private Checks() {}

    // ---- conditions --------------------------------------------------------------------

    /** First "distinct operands" problem and first type problem; distinct is reported first. */
    private static final class Found {
        String distinct;
        String type;

        void type(String message) {
            if (type == null) {
                type = message;
            }
        }
    }

    static void condition(ConditionExpr expr, String parameter) {
        Found found = new Found();
        walk(expr, found);
        String message = found.distinct != null ? found.distinct : found.type;
        if (message != null) {
            throw Syntax.invalid(parameter, message);
        }
    }

    private static void walk(ConditionExpr expr, Found found) {
        switch (expr) {
            case ConditionExpr.And a -> {
                walk(a.left(), found);
                walk(a.right(), found);
            }
            case ConditionExpr.Or o -> {
                walk(o.left(), found);
                walk(o.right(), found);
            }
            case ConditionExpr.Not n -> walk(n.condition(), found);
            case ConditionExpr.Comparison c -> {
                distinct(c.comparator().symbol(), c.left(), c.right(), found);
                operands(found, c.left(), c.right());
                if (c.comparator() != ConditionExpr.Comparator.EQ && c.comparator() != ConditionExpr.Comparator.NE) {
                    ordered(c.comparator().symbol(), found, c.left(), c.right());
                }
            }
            case ConditionExpr.Between b -> {
                operands(found, b.value(), b.low(), b.high());
                ordered("BETWEEN", found, b.value(), b.low(), b.high());
                bounds(b, found);
            }
            case ConditionExpr.In in -> {
                operands(found, in.value());
                in.candidates().forEach(c -> operands(found, c));
            }
            case ConditionExpr.AttributeExists ignored -> {}
            case ConditionExpr.AttributeNotExists ignored -> {}
            case ConditionExpr.AttributeType t -> {
                distinct("attribute_type", new Operand.PathOperand(t.path()), t.type(), found);
                operands(found, t.type());
                attributeType(t.type(), found);
            }
            case ConditionExpr.BeginsWith b -> {
                distinct("begins_with", b.value(), b.prefix(), found);
                operands(found, b.value(), b.prefix());
                for (Operand o : List.of(b.value(), b.prefix())) {
                    Type t = staticType(o);
                    if (t != null && t != Type.S && t != Type.B) {
                        found.type(incorrectOperand("begins_with", t.name()));
                    }
                }
            }
            case ConditionExpr.Contains c -> {
                distinct("contains", c.value(), c.operand(), found);
                operands(found, c.value(), c.operand());
            }
        }
    }

    private static void distinct(String operator, Operand first, Operand second, Found found) {
        if (found.distinct == null
                && first instanceof Operand.PathOperand a
                && second instanceof Operand.PathOperand b
                && a.path().equals(b.path())) {
            found.distinct = "The first operand must be distinct from the remaining operands for this operator or "
                    + "function; operator: " + operator + ", first operand: " + a.path();
        }
    }

    /** size() accepts neither numbers, booleans nor nulls. */
    private static void operands(Found found, Operand... operands) {
        for (Operand o : operands) {
            if (o instanceof Operand.Size s) {
                Type t = staticType(s.operand());
                if (t == Type.N || t == Type.BOOL || t == Type.NULL) {
                    found.type(incorrectOperand("size", t.name()));
                }
                operands(found, s.operand());
            }
        }
    }

    /**
     * Only strings, numbers and binaries have an order: a constant of any other type under <,
     * <=, >, >= or BETWEEN can never compare, and DynamoDB rejects it before reading an item.
     */
    private static void ordered(String operator, Found found, Operand... operands) {
        for (Operand o : operands) {
            Type t = staticType(o);
            if (t != null && t != Type.S && t != Type.N && t != Type.B) {
                found.type(incorrectOperand(operator, t.name()));
            }
        }
    }

    private static void attributeType(Operand type, Found found) {
        Type t = staticType(type);
        if (t != Type.S) {
            found.type(incorrectOperand("attribute_type", t == null ? ANY_TYPE : t.name()));
            return;
        }
        String name = ((AttributeValue.S) ((Operand.Value) type).value()).value();
        try {
            Type.valueOf(name);
        } catch (IllegalArgumentException e) {
            found.type("Invalid attribute type name found; type: " + name + ", valid types: " + VALID_TYPES);
        }
    }

    private static void bounds(ConditionExpr.Between between, Found found) {
        if (!(between.low() instanceof Operand.Value lo) || !(between.high() instanceof Operand.Value hi)) {
            return;
        }
        String operands = "lower bound operand: AttributeValue: " + render(lo.value()) + ", upper bound operand: "
                + "AttributeValue: " + render(hi.value());
        if (lo.value().type() != hi.value().type()) {
            found.type("The BETWEEN operator requires same data type for lower and upper bounds; " + operands);
            return;
        }
        Integer order = Evaluator.compare(lo.value(), hi.value());
        if (order != null && order > 0) {
            found.type("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                    + operands);
        }
    }

    /** The type an operand has whatever the item: a constant's, or N for size(); null for a path. */
    private static Type staticType(Operand o) {
        return switch (o) {
            case Operand.Value v -> v.value().type();
            case Operand.Size ignored -> Type.N;
            case Operand.PathOperand ignored -> null;
        };
    }

    private static String render(AttributeValue v) {
        String inner = switch (v) {
            case AttributeValue.S s -> s.value();
            case AttributeValue.N n -> n.text();
            case AttributeValue.B b -> Base64.getEncoder().encodeToString(b.value());
            case AttributeValue.Bool b -> String.valueOf(b.value());
            case AttributeValue.Null ignored -> "true";
            default -> v.toString();
        };
        return "{" + v.type() + ":" + inner + "}";
    }

    private static String incorrectOperand(String function, String type) {
        return "Incorrect operand type for operator or function; operator or function: " + function + ", operand type: "
                + type;
    }

    // ---- update ------------------------------------------------------------------------

    static void update(List<UpdateAction> actions) {
        paths(actions.stream().map(UpdateAction::path).toList(), "UpdateExpression");
        for (UpdateAction action : actions) {
            switch (action) {
                case UpdateAction.Add a -> {
                    Type t = a.value().value().type();
                    if (t != Type.N && !SETS.contains(t)) {
                        throw Syntax.invalid("UpdateExpression", incorrectClauseOperand("ADD", t));
                    }
                }
                case UpdateAction.Delete d -> {
                    Type t = d.value().value().type();
                    if (!SETS.contains(t)) {
                        throw Syntax.invalid("UpdateExpression", incorrectClauseOperand("DELETE", t));
                    }
                }
                default -> {}
            }
        }
        for (UpdateAction action : actions) {
            if (action instanceof UpdateAction.Set s) {
                setValue(s.value());
            }
        }
    }

    private static void setValue(UpdateAction.SetValue value) {
        switch (value) {
            case UpdateAction.Plus p -> arithmetic("+", p.left(), p.right());
            case UpdateAction.Minus m -> arithmetic("-", m.left(), m.right());
            case UpdateAction.ListAppend l -> {
                for (UpdateAction.SetValue v : List.of(l.first(), l.second())) {
                    if (v instanceof UpdateAction.Literal lit
                            && lit.value().value().type() != Type.L) {
                        throw Syntax.invalid(
                                "UpdateExpression",
                                incorrectOperand(
                                        "list_append",
                                        lit.value().value().type().name()));
                    }
                    setValue(v);
                }
            }
            case UpdateAction.IfNotExists i -> setValue(i.fallback());
            case UpdateAction.PathValue ignored -> {}
            case UpdateAction.Literal ignored -> {}
        }
    }

    private static void arithmetic(String operator, UpdateAction.SetValue left, UpdateAction.SetValue right) {
        for (UpdateAction.SetValue v : List.of(left, right)) {
            if (v instanceof UpdateAction.Literal lit && lit.value().value().type() != Type.N) {
                throw Syntax.invalid(
                        "UpdateExpression",
                        incorrectOperand(operator, lit.value().value().type().name()));
            }
            setValue(v);
        }
    }

    private static String incorrectClauseOperand(String clause, Type type) {
        String word = switch (type) {
            case S -> "STRING";
            case N -> "NUMBER";
            case B -> "BINARY";
            case BOOL -> "BOOLEAN";
            case NULL -> "NULL";
            case L -> "LIST";
            case M -> "MAP";
            default -> type.name();
        };
        return "Incorrect operand type for operator or function; operator: " + clause + ", operand type: " + word;
    }

    // ---- paths -------------------------------------------------------------------------

    /** Rejects two paths where one is a prefix of the other (overlap) or that disagree on map/list (conflict). */
    static void paths(List<Path> paths, String parameter) {
        String conflict = null;
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j; i++) {
                Path one = paths.get(i);
                Path two = paths.get(j);
                switch (relation(one, two)) {
                    case OVERLAP ->
                        throw Syntax.invalid(
                                parameter,
                                "Two document paths overlap with each other; "
                                        + "must remove or rewrite one of these paths; path one: " + one + ", path two: "
                                        + two);
                    case CONFLICT -> {
                        if (conflict == null) {
                            conflict = "Two document paths conflict with each other; must remove or rewrite one of "
                                    + "these paths; path one: " + one + ", path two: " + two;
                        }
                    }
                    case NONE -> {}
                }
            }
        }
        if (conflict != null) {
            throw Syntax.invalid(parameter, conflict);
        }
    }

    private enum Relation {
        NONE,
        OVERLAP,
        CONFLICT
    }

    private static Relation relation(Path one, Path two) {
        int n = Math.min(one.length(), two.length());
        for (int k = 0; k < n; k++) {
            Path.Element a = one.get(k);
            Path.Element b = two.get(k);
            if (a.getClass() != b.getClass()) {
                return Relation.CONFLICT;
            }
            if (!a.equals(b)) {
                return Relation.NONE;
            }
        }
        return Relation.OVERLAP;
    }
}
