package dev.eddy.expr;

import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Applies resolved update actions to an item as DynamoDB does: every operand is read from the
 * item as it was before the update; SET, ADD and DELETE run first, then REMOVE. Several writes
 * past the end of one list append in index order; several removals from one list remove the
 * elements at their original positions.
 */
final class UpdateApplier {

    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    static final String MISSING_ATTRIBUTE =
            "The provided expression refers to an attribute that does not exist in the item";
    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

    private UpdateApplier() {}

    static Map<String, AttributeValue> apply(List<UpdateAction> actions, Map<String, AttributeValue> item) {
        // operands see the old item, so evaluate every SET value before changing anything
        Map<UpdateAction, AttributeValue> setValues = new LinkedHashMap<>();
        for (UpdateAction a : actions) {
            if (a instanceof UpdateAction.Set s) {
                setValues.put(s, eval(s.value(), item));
            }
        }
        LinkedHashMap<String, AttributeValue> result = new LinkedHashMap<>(item);
        List<UpdateAction> writes = actions.stream()
                .filter(a -> !(a instanceof UpdateAction.Remove))
                .toList();
        for (UpdateAction a : ordered(writes, Comparator.naturalOrder())) {
            switch (a) {
                case UpdateAction.Set s -> modify(result, s.path(), old -> setValues.get(s));
                case UpdateAction.Add add ->
                    modify(result, add.path(), old -> add(old, add.value().value()));
                case UpdateAction.Delete d ->
                    modify(result, d.path(), old -> delete(old, d.value().value()));
                case UpdateAction.Remove ignored -> throw new IllegalStateException();
            }
        }
        List<UpdateAction> removes =
                actions.stream().filter(a -> a instanceof UpdateAction.Remove).toList();
        for (UpdateAction r : ordered(removes, Comparator.reverseOrder())) {
            modify(result, r.path(), old -> null);
        }
        return result;
    }

    /**
     * Keeps the actions' order, except that actions on elements of one list run together, sorted
     * by index with {@code order}, where the first of them stood.
     */
    private static List<UpdateAction> ordered(List<UpdateAction> actions, Comparator<Integer> order) {
        List<UpdateAction> result = new ArrayList<>();
        for (UpdateAction a : actions) {
            if (result.contains(a)) {
                continue;
            }
            Path list = a.path().last() instanceof Path.Index ? a.path().parent() : null;
            if (list == null) {
                result.add(a);
                continue;
            }
            actions.stream()
                    .filter(b -> b.path().last() instanceof Path.Index
                            && list.equals(b.path().parent()))
                    .sorted(Comparator.comparing(b -> ((Path.Index) b.path().last()).index(), order))
                    .forEach(result::add);
        }
        return result;
    }

    // ---- SET values --------------------------------------------------------------------

    private static AttributeValue eval(UpdateAction.SetValue value, Map<String, AttributeValue> item) {
        return switch (value) {
            case UpdateAction.PathValue p -> {
                AttributeValue v = Evaluator.valueAt(p.path(), item);
                if (v == null) {
                    throw EddyException.validation(MISSING_ATTRIBUTE);
                }
                yield v;
            }
            case UpdateAction.Literal l -> l.value().value();
            case UpdateAction.Plus p ->
                new AttributeValue.N(
                        Numbers.checkArithmetic(number(p.left(), item).add(number(p.right(), item))));
            case UpdateAction.Minus m ->
                new AttributeValue.N(
                        Numbers.checkArithmetic(number(m.left(), item).subtract(number(m.right(), item))));
            case UpdateAction.IfNotExists i -> {
                AttributeValue v = Evaluator.valueAt(i.path(), item);
                yield v != null ? v : eval(i.fallback(), item);
            }
            case UpdateAction.ListAppend l -> {
                List<AttributeValue> both = new ArrayList<>(list(l.first(), item));
                both.addAll(list(l.second(), item));
                yield new AttributeValue.L(both);
            }
        };
    }

    private static BigDecimal number(UpdateAction.SetValue value, Map<String, AttributeValue> item) {
        if (eval(value, item) instanceof AttributeValue.N n) {
            return n.value();
        }
        throw EddyException.validation(WRONG_TYPE);
    }

    private static List<AttributeValue> list(UpdateAction.SetValue value, Map<String, AttributeValue> item) {
        if (eval(value, item) instanceof AttributeValue.L l) {
            return l.values();
        }
        throw EddyException.validation(WRONG_TYPE);
    }

    // ---- ADD and DELETE ----------------------------------------------------------------

    private static AttributeValue add(AttributeValue old, AttributeValue operand) {
        if (old == null) {
            return operand;
        }
        return switch (old) {
            case AttributeValue.N n
            when operand instanceof AttributeValue.N o ->
                new AttributeValue.N(Numbers.checkArithmetic(n.value().add(o.value())));
            case AttributeValue.SS s
            when operand instanceof AttributeValue.SS o -> new AttributeValue.SS(union(s.values(), o.values()));
            case AttributeValue.NS s
            when operand instanceof AttributeValue.NS o -> new AttributeValue.NS(union(s.values(), o.values()));
            case AttributeValue.BS s
            when operand instanceof AttributeValue.BS o -> new AttributeValue.BS(union(s.values(), o.values()));
            default -> throw EddyException.validation(WRONG_TYPE);
        };
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        LinkedHashSet<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Set difference; null (the attribute goes away) when nothing is left. */
    private static AttributeValue delete(AttributeValue old, AttributeValue operand) {
        if (old == null) {
            return null;
        }
        return switch (old) {
            case AttributeValue.SS s
            when operand instanceof AttributeValue.SS o -> rest(s.values(), o.values(), AttributeValue.SS::new);
            case AttributeValue.NS s
            when operand instanceof AttributeValue.NS o -> rest(s.values(), o.values(), AttributeValue.NS::new);
            case AttributeValue.BS s
            when operand instanceof AttributeValue.BS o -> rest(s.values(), o.values(), AttributeValue.BS::new);
            default -> throw EddyException.validation(WRONG_TYPE);
        };
    }

    private static <T> AttributeValue rest(
            List<T> set, List<T> removed, java.util.function.Function<List<T>, AttributeValue> make) {
        List<T> left = set.stream().filter(x -> !removed.contains(x)).toList();
        return left.isEmpty() ? null : make.apply(left);
    }

    // ---- writing at a path -------------------------------------------------------------

    /**
     * Replaces the value at {@code path} by {@code change(old)} (null removes it). Every step
     * but the last must exist with the right type, else the path is invalid for update.
     */
    private static void modify(
            LinkedHashMap<String, AttributeValue> item, Path path, UnaryOperator<AttributeValue> change) {
        String name = path.attribute();
        AttributeValue old = item.get(name);
        AttributeValue updated;
        if (path.isTopLevel()) {
            updated = change.apply(old);
        } else {
            if (old == null) {
                throw EddyException.validation(INVALID_PATH);
            }
            updated = modify(old, path, 1, change);
        }
        if (updated == null) {
            item.remove(name);
        } else {
            item.put(name, updated); // keeps the position of an existing attribute, appends a new one
        }
    }

    private static AttributeValue modify(
            AttributeValue container, Path path, int step, UnaryOperator<AttributeValue> change) {
        boolean last = step == path.length() - 1;
        switch (path.get(step)) {
            case Path.Name n -> {
                if (!(container instanceof AttributeValue.M m)) {
                    throw EddyException.validation(INVALID_PATH);
                }
                LinkedHashMap<String, AttributeValue> copy = new LinkedHashMap<>(m.values());
                AttributeValue old = copy.get(n.name());
                AttributeValue updated = last ? change.apply(old) : modify(required(old), path, step + 1, change);
                if (updated == null) {
                    copy.remove(n.name());
                } else {
                    copy.put(n.name(), updated);
                }
                return new AttributeValue.M(copy);
            }
            case Path.Index ix -> {
                if (!(container instanceof AttributeValue.L l)) {
                    throw EddyException.validation(INVALID_PATH);
                }
                List<AttributeValue> copy = new ArrayList<>(l.values());
                int i = ix.index();
                AttributeValue old = i < copy.size() ? copy.get(i) : null;
                AttributeValue updated = last ? change.apply(old) : modify(required(old), path, step + 1, change);
                if (i < copy.size()) {
                    if (updated == null) {
                        copy.remove(i);
                    } else {
                        copy.set(i, updated);
                    }
                } else if (updated != null) {
                    copy.add(updated); // past the end: DynamoDB appends
                }
                return new AttributeValue.L(copy);
            }
        }
    }

    private static AttributeValue required(AttributeValue value) {
        if (value == null) {
            throw EddyException.validation(INVALID_PATH);
        }
        return value;
    }
}
