package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Evaluates resolved condition expressions against an item, with DynamoDB's rules: a missing
 * attribute or a comparison between different types makes a comparison false (and {@code <>}
 * true) rather than an error; ordering applies to strings (by code point, which is UTF-8 byte
 * order), numbers and binaries only.
 */
final class Evaluator {

    private Evaluator() {}

    static boolean test(ConditionExpr expr, Map<String, AttributeValue> item) {
        return switch (expr) {
            case ConditionExpr.And a -> test(a.left(), item) && test(a.right(), item);
            case ConditionExpr.Or o -> test(o.left(), item) || test(o.right(), item);
            case ConditionExpr.Not n -> !test(n.condition(), item);
            case ConditionExpr.Comparison c -> compare(c.comparator(), eval(c.left(), item), eval(c.right(), item));
            case ConditionExpr.Between b -> {
                AttributeValue v = eval(b.value(), item);
                Integer low = compare(v, eval(b.low(), item));
                Integer high = compare(v, eval(b.high(), item));
                yield low != null && high != null && low >= 0 && high <= 0;
            }
            case ConditionExpr.In in -> {
                AttributeValue v = eval(in.value(), item);
                yield v != null && in.candidates().stream().anyMatch(c -> v.equals(eval(c, item)));
            }
            case ConditionExpr.AttributeExists e -> valueAt(e.path(), item) != null;
            case ConditionExpr.AttributeNotExists e -> valueAt(e.path(), item) == null;
            case ConditionExpr.AttributeType t -> {
                AttributeValue v = valueAt(t.path(), item);
                yield v != null
                        && eval(t.type(), item) instanceof AttributeValue.S s
                        && v.type().name().equals(s.value());
            }
            case ConditionExpr.BeginsWith b -> beginsWith(eval(b.value(), item), eval(b.prefix(), item));
            case ConditionExpr.Contains c -> contains(eval(c.value(), item), eval(c.operand(), item));
        };
    }

    /** The value of an operand, or null when it refers to nothing. */
    static AttributeValue eval(Operand operand, Map<String, AttributeValue> item) {
        return switch (operand) {
            case Operand.PathOperand p -> valueAt(p.path(), item);
            case Operand.Value v -> v.value();
            case Operand.Size s -> size(eval(s.operand(), item));
        };
    }

    /** The value at a document path, or null when any step is missing or of the wrong type. */
    static AttributeValue valueAt(Path path, Map<String, AttributeValue> item) {
        AttributeValue v = item.get(path.attribute());
        for (int i = 1; i < path.length() && v != null; i++) {
            v = switch (path.get(i)) {
                case Path.Name n -> v instanceof AttributeValue.M m ? m.values().get(n.name()) : null;
                case Path.Index ix ->
                    v instanceof AttributeValue.L l && ix.index() < l.values().size()
                            ? l.values().get(ix.index())
                            : null;
            };
        }
        return v;
    }

    /** size(): UTF-16 length of a string (as DynamoDB counts), bytes of a binary, elements of a collection. */
    private static AttributeValue size(AttributeValue v) {
        int size;
        switch (v) {
            case AttributeValue.S s -> size = s.value().length();
            case AttributeValue.B b -> size = b.length();
            case AttributeValue.SS ss -> size = ss.values().size();
            case AttributeValue.NS ns -> size = ns.values().size();
            case AttributeValue.BS bs -> size = bs.values().size();
            case AttributeValue.L l -> size = l.values().size();
            case AttributeValue.M m -> size = m.values().size();
            case null, default -> {
                return null;
            }
        }
        return AttributeValue.n(size);
    }

    private static boolean compare(ConditionExpr.Comparator comparator, AttributeValue a, AttributeValue b) {
        boolean equal = a != null && a.equals(b);
        if (comparator == ConditionExpr.Comparator.EQ) {
            return equal;
        }
        if (comparator == ConditionExpr.Comparator.NE) {
            return !equal;
        }
        Integer order = compare(a, b);
        if (order == null) {
            return false;
        }
        return switch (comparator) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            default -> throw new IllegalStateException(comparator.name());
        };
    }

    /** DynamoDB's order between two values of the same scalar type; null when they are not comparable. */
    static Integer compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return compareCodePoints(x.value(), y.value());
        }
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return x.compareTo(y);
        }
        return null;
    }

    /** Code point order equals the UTF-8 byte order DynamoDB uses (UTF-16 order does not). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static boolean beginsWith(AttributeValue v, AttributeValue prefix) {
        if (v instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            return s.value().startsWith(p.value());
        }
        if (v instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            byte[] bytes = b.value();
            byte[] start = p.value();
            return start.length <= bytes.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
        }
        return false;
    }

    private static boolean contains(AttributeValue v, AttributeValue operand) {
        return switch (v) {
            case AttributeValue.S s ->
                operand instanceof AttributeValue.S o && s.value().contains(o.value());
            case AttributeValue.B b -> operand instanceof AttributeValue.B o && indexOf(b.value(), o.value()) >= 0;
            case AttributeValue.SS ss ->
                operand instanceof AttributeValue.S o && ss.values().contains(o.value());
            case AttributeValue.NS ns ->
                operand instanceof AttributeValue.N o && containsNumber(ns.values(), o.value());
            case AttributeValue.BS bs ->
                operand instanceof AttributeValue.B o && bs.values().contains(o);
            case AttributeValue.L l -> operand != null && l.values().contains(operand);
            case null, default -> false;
        };
    }

    private static boolean containsNumber(List<BigDecimal> numbers, BigDecimal n) {
        return numbers.stream().anyMatch(x -> x.compareTo(n) == 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
