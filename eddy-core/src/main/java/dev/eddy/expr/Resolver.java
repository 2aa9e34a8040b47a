package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Substitutes a request's ExpressionAttributeNames and ExpressionAttributeValues into an
 * unresolved AST, recording which of them were used. Not thread-safe: one per request.
 */
final class Resolver {

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames;
    private final Set<String> usedValues;

    Resolver(
            Map<String, String> names,
            Map<String, AttributeValue> values,
            Set<String> usedNames,
            Set<String> usedValues) {
        this.names = names;
        this.values = values;
        this.usedNames = usedNames;
        this.usedValues = usedValues;
    }

    /**
     * Checks that every placeholder is defined (names first, then values, each in the order they
     * appear), then reports a deferred problem of the text; returns the AST ready to resolve.
     */
    <T> T check(Parsed<T> parsed, String parameter) {
        for (String name : parsed.names()) {
            if (!names.containsKey(name)) {
                throw Syntax.invalid(
                        parameter,
                        "An expression attribute name used in the document path is not defined; attribute name: "
                                + name);
            }
        }
        for (String value : parsed.values()) {
            if (!values.containsKey(value)) {
                throw Syntax.invalid(
                        parameter,
                        "An expression attribute value used in expression is not defined; attribute value: " + value);
            }
        }
        usedNames.addAll(parsed.names());
        usedValues.addAll(parsed.values());
        if (parsed.deferredError() != null) {
            throw Syntax.invalid(parameter, parsed.deferredError());
        }
        return parsed.ast();
    }

    Path path(Path raw) {
        boolean placeholders = raw.elements().stream().anyMatch(e -> e instanceof Path.Name n && isRef(n.name()));
        if (!placeholders) {
            return raw;
        }
        return new Path(raw.elements().stream()
                .map(e -> e instanceof Path.Name n && isRef(n.name()) ? new Path.Name(names.get(n.name())) : e)
                .toList());
    }

    private static boolean isRef(String name) {
        // a plain identifier never starts with '#', so only placeholders do in an unresolved path
        return name.startsWith("#");
    }

    Operand.Value value(Operand.Value raw) {
        return new Operand.Value(raw.placeholder(), values.get(raw.placeholder()));
    }

    Operand operand(Operand raw) {
        return switch (raw) {
            case Operand.PathOperand p -> new Operand.PathOperand(path(p.path()));
            case Operand.Value v -> value(v);
            case Operand.Size s -> new Operand.Size(operand(s.operand()));
        };
    }

    ConditionExpr condition(ConditionExpr raw) {
        return switch (raw) {
            case ConditionExpr.And a -> new ConditionExpr.And(condition(a.left()), condition(a.right()));
            case ConditionExpr.Or o -> new ConditionExpr.Or(condition(o.left()), condition(o.right()));
            case ConditionExpr.Not n -> new ConditionExpr.Not(condition(n.condition()));
            case ConditionExpr.Comparison c ->
                new ConditionExpr.Comparison(c.comparator(), operand(c.left()), operand(c.right()));
            case ConditionExpr.Between b ->
                new ConditionExpr.Between(operand(b.value()), operand(b.low()), operand(b.high()));
            case ConditionExpr.In in ->
                new ConditionExpr.In(
                        operand(in.value()),
                        in.candidates().stream().map(this::operand).toList());
            case ConditionExpr.AttributeExists e -> new ConditionExpr.AttributeExists(path(e.path()));
            case ConditionExpr.AttributeNotExists e -> new ConditionExpr.AttributeNotExists(path(e.path()));
            case ConditionExpr.AttributeType t -> new ConditionExpr.AttributeType(path(t.path()), operand(t.type()));
            case ConditionExpr.BeginsWith b -> new ConditionExpr.BeginsWith(operand(b.value()), operand(b.prefix()));
            case ConditionExpr.Contains c -> new ConditionExpr.Contains(operand(c.value()), operand(c.operand()));
        };
    }

    List<UpdateAction> actions(List<UpdateAction> raw) {
        return raw.stream().map(this::action).toList();
    }

    private UpdateAction action(UpdateAction raw) {
        return switch (raw) {
            case UpdateAction.Set s -> new UpdateAction.Set(path(s.path()), setValue(s.value()));
            case UpdateAction.Remove r -> new UpdateAction.Remove(path(r.path()));
            case UpdateAction.Add a -> new UpdateAction.Add(path(a.path()), value(a.value()));
            case UpdateAction.Delete d -> new UpdateAction.Delete(path(d.path()), value(d.value()));
        };
    }

    private UpdateAction.SetValue setValue(UpdateAction.SetValue raw) {
        return switch (raw) {
            case UpdateAction.PathValue p -> new UpdateAction.PathValue(path(p.path()));
            case UpdateAction.Literal l -> new UpdateAction.Literal(value(l.value()));
            case UpdateAction.Plus p -> new UpdateAction.Plus(setValue(p.left()), setValue(p.right()));
            case UpdateAction.Minus m -> new UpdateAction.Minus(setValue(m.left()), setValue(m.right()));
            case UpdateAction.IfNotExists i -> new UpdateAction.IfNotExists(path(i.path()), setValue(i.fallback()));
            case UpdateAction.ListAppend l -> new UpdateAction.ListAppend(setValue(l.first()), setValue(l.second()));
        };
    }
}
