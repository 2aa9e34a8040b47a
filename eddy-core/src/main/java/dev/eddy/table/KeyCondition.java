package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.expr.ConditionExpr;
import dev.eddy.expr.Operand;
import dev.eddy.expr.Path;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.KeyEncoding;
import dev.eddy.store.KeyRange;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Query's key condition reduced to what DynamoDB allows: the partition key equal to a value,
 * optionally AND one condition on the sort key ({@code = < <= > >=}, BETWEEN, begins_with); with
 * DynamoDB's messages for everything else. On a GSI with a multi-attribute key, equality on every
 * partition key attribute and on the sort key attributes before the last one used (see {@link
 * MultiAttributeKeyCondition}). Turns into one ordered store range.
 */
final class KeyCondition {
    private static final String INVALID = "One or more parameter values were invalid: ";

    /** The sort key condition: {@code op} is =, <, <=, >, >=, BETWEEN or begins_with. */
    record Sort(String op, AttributeValue value, AttributeValue high) {}

    /** One condition on one attribute, as written. */
    record Part(String attribute, String op, AttributeValue value, AttributeValue high) {}

    /** The HASH values, then the RANGE values compared with "=" before the last RANGE condition. */
    private final List<AttributeValue> prefix;

    private final int hashCount;
    private final Sort sort;

    private KeyCondition(List<AttributeValue> prefix, int hashCount, Sort sort) {
        this.prefix = List.copyOf(prefix);
        this.hashCount = hashCount;
        this.sort = sort;
    }

    /** The partition key value (the first one of a multi-attribute key). */
    AttributeValue hash() {
        return prefix.getFirst();
    }

    /** The HASH values in KeySchema order. */
    List<AttributeValue> hashValues() {
        return prefix.subList(0, hashCount);
    }

    Sort sort() {
        return sort;
    }

    /** Checks {@code expr} against the source's key schema. */
    static KeyCondition of(ConditionExpr expr, ReadSource source) {
        Map<String, Part> parts = new LinkedHashMap<>();
        collect(expr, parts);
        KeySchema ks = source.key();
        if (ks.multiAttribute()) {
            return MultiAttributeKeyCondition.of(parts, ks);
        }
        if (parts.size() > 2) {
            throw EddyException.validation("Conditions can be of length 1 or 2 only");
        }
        if (!ks.hasRange() && parts.size() > 1) {
            throw EddyException.validation("Query key condition not supported");
        }
        Part hashPart = parts.get(ks.hashName());
        if (hashPart == null) {
            throw EddyException.validation("Query condition missed key schema element: " + ks.hashName());
        }
        checkType(hashPart, ks.hashType());
        if (!hashPart.op.equals("=")) {
            throw EddyException.validation("Query key condition not supported");
        }
        Sort sort = null;
        if (parts.size() == 2) {
            Part rangePart = parts.get(ks.rangeName());
            if (rangePart == null) {
                throw EddyException.validation("Query condition missed key schema element: " + ks.rangeName());
            }
            checkType(rangePart, ks.rangeType());
            sort = new Sort(rangePart.op, rangePart.value, rangePart.high);
        }
        return new KeyCondition(List.of(hashPart.value), 1, sort);
    }

    /** A condition on a multi-attribute key: HASH values, equal RANGE values, and the last RANGE condition. */
    static KeyCondition of(List<AttributeValue> prefix, int hashCount, Sort sort) {
        return new KeyCondition(prefix, hashCount, sort);
    }

    static void checkType(Part p, AttributeValue.Type type) {
        if (p.value.type() != type || p.high != null && p.high.type() != type) {
            throw EddyException.validation(INVALID + "Condition parameter type does not match schema type");
        }
    }

    private static void collect(ConditionExpr expr, Map<String, Part> parts) {
        Part part = switch (expr) {
            case ConditionExpr.And a -> {
                collect(a.left(), parts);
                collect(a.right(), parts);
                yield null;
            }
            case ConditionExpr.Or ignored -> throw invalidOperator("OR");
            case ConditionExpr.Not ignored -> throw invalidOperator("NOT");
            case ConditionExpr.In ignored -> throw invalidOperator("IN");
            case ConditionExpr.AttributeExists ignored -> throw invalidOperator("attribute_exists");
            case ConditionExpr.AttributeNotExists ignored -> throw invalidOperator("attribute_not_exists");
            case ConditionExpr.AttributeType ignored -> throw invalidOperator("attribute_type");
            case ConditionExpr.Contains ignored -> throw invalidOperator("contains");
            case ConditionExpr.Comparison c -> comparison(c);
            case ConditionExpr.Between b -> {
                String attr = firstOperandKey(b.value(), "BETWEEN");
                yield new Part(attr, "BETWEEN", value(b.low()), value(b.high()));
            }
            case ConditionExpr.BeginsWith b -> {
                String attr = firstOperandKey(b.value(), "begins_with");
                yield new Part(attr, "begins_with", value(b.prefix()), null);
            }
        };
        if (part != null) {
            if (parts.containsKey(part.attribute)) {
                throw EddyException.validation("KeyConditionExpressions must only contain one condition per key");
            }
            parts.put(part.attribute, part);
        }
    }

    private static Part comparison(ConditionExpr.Comparison c) {
        if (c.comparator() == ConditionExpr.Comparator.NE) {
            throw invalidOperator("<>");
        }
        noSize(c.left());
        noSize(c.right());
        boolean leftPath = c.left() instanceof Operand.PathOperand;
        boolean rightPath = c.right() instanceof Operand.PathOperand;
        if (leftPath && rightPath) {
            throw invalidCondition("Multiple attribute names used in one condition");
        }
        if (!leftPath && !rightPath) {
            throw invalidCondition("No key attribute specified");
        }
        String op = c.comparator().symbol();
        if (rightPath) {
            // ":v < key" is "key > :v"
            op = switch (op) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> op;
            };
            return new Part(keyName(((Operand.PathOperand) c.right()).path()), op, value(c.left()), null);
        }
        return new Part(keyName(((Operand.PathOperand) c.left()).path()), op, value(c.right()), null);
    }

    private static String firstOperandKey(Operand first, String operator) {
        noSize(first);
        if (!(first instanceof Operand.PathOperand p)) {
            throw invalidCondition(operator + " operator must have the key attribute as its first operand");
        }
        return keyName(p.path());
    }

    private static String keyName(Path path) {
        if (!path.isTopLevel()) {
            throw EddyException.validation("KeyConditionExpressions cannot have conditions on nested attributes");
        }
        return path.attribute();
    }

    private static AttributeValue value(Operand o) {
        noSize(o);
        if (o instanceof Operand.Value v) {
            return v.value();
        }
        throw invalidCondition("Multiple attribute names used in one condition");
    }

    private static void noSize(Operand o) {
        if (o instanceof Operand.Size) {
            throw EddyException.validation("KeyConditionExpressions cannot contain nested operations");
        }
    }

    private static EddyException invalidOperator(String op) {
        return EddyException.validation("Invalid operator used in KeyConditionExpression: " + op);
    }

    private static EddyException invalidCondition(String message) {
        return EddyException.validation("Invalid condition in KeyConditionExpression: " + message);
    }

    // ---- ranges ----

    /** The store range of the rows that satisfy the condition, in key order. */
    KeyRange range(ReadSource source) {
        Tuple partition = source.partition(prefix);
        Keyspace ks = source.keyspace();
        if (sort == null && !source.isIndex() && !source.key().hasRange()) {
            // a table without a sort key keeps an item at the partition tuple itself, which the
            // range of the tuples extending it leaves out
            byte[] key = ks.key(partition);
            return new KeyRange(key, Arrays.copyOf(key, key.length + 1));
        }
        KeyRange all = ks.range(partition);
        if (sort == null) {
            return all;
        }
        byte[] low = all.begin();
        byte[] high = all.end();
        byte[] v = KeyEncoding.encode(sort.value);
        switch (sort.op) {
            case "=" -> {
                low = at(ks, partition, v);
                high = after(ks, partition, v);
            }
            case "<" -> high = at(ks, partition, v);
            case "<=" -> high = after(ks, partition, v);
            case ">" -> low = after(ks, partition, v);
            case ">=" -> low = at(ks, partition, v);
            case "BETWEEN" -> {
                low = at(ks, partition, v);
                high = after(ks, partition, KeyEncoding.encode(sort.high));
            }
            case "begins_with" -> {
                KeyRange prefix = beginsWith(ks, partition, v);
                low = prefix.begin();
                high = prefix.end();
            }
            default -> throw new IllegalStateException(sort.op);
        }
        return new KeyRange(low, high);
    }

    /** The first key of the rows whose sort value is {@code v}. */
    private static byte[] at(Keyspace ks, Tuple partition, byte[] v) {
        return ks.key(partition.add(v));
    }

    /**
     * The first key after every row whose sort value is {@code v}: rows with that value are the
     * packed tuple itself or extend it by elements whose type code is below 0xFF.
     */
    private static byte[] after(Keyspace ks, Tuple partition, byte[] v) {
        byte[] k = ks.key(partition.add(v));
        byte[] out = Arrays.copyOf(k, k.length + 1);
        out[k.length] = (byte) 0xFF;
        return out;
    }

    private static KeyRange beginsWith(Keyspace ks, Tuple partition, byte[] prefix) {
        KeyRange inner = partition.add(prefix).beginsWithRange();
        return new KeyRange(prefixed(ks, inner.begin()), inner.end() == null ? null : prefixed(ks, inner.end()));
    }

    private static byte[] prefixed(Keyspace ks, byte[] packed) {
        byte[] out = new byte[packed.length + 1];
        out[0] = ks.prefix();
        System.arraycopy(packed, 0, out, 1, packed.length);
        return out;
    }

    /** Whether the store key of a row lies in {@link #range}. */
    boolean contains(ReadSource source, byte[] rowKey) {
        KeyRange r = range(source);
        return Arrays.compareUnsigned(rowKey, r.begin()) >= 0
                && (r.end() == null || Arrays.compareUnsigned(rowKey, r.end()) < 0);
    }

    /** Whether a sort key value satisfies the sort condition (values of the key's type). */
    boolean sortMatches(AttributeValue value) {
        if (sort == null) {
            return true;
        }
        byte[] v = KeyEncoding.encode(value);
        int c = Arrays.compareUnsigned(v, KeyEncoding.encode(sort.value));
        return switch (sort.op) {
            case "=" -> c == 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "BETWEEN" -> c >= 0 && Arrays.compareUnsigned(v, KeyEncoding.encode(sort.high)) <= 0;
            case "begins_with" -> {
                byte[] p = KeyEncoding.encode(sort.value);
                yield v.length >= p.length && Arrays.equals(v, 0, p.length, p, 0, p.length);
            }
            default -> false;
        };
    }

    /** The top-level attribute names a condition reads. */
    static List<String> attributes(ConditionExpr expr) {
        List<String> out = new ArrayList<>();
        walk(expr, out);
        return out;
    }

    private static void walk(ConditionExpr expr, List<String> out) {
        switch (expr) {
            case ConditionExpr.And a -> {
                walk(a.left(), out);
                walk(a.right(), out);
            }
            case ConditionExpr.Or o -> {
                walk(o.left(), out);
                walk(o.right(), out);
            }
            case ConditionExpr.Not n -> walk(n.condition(), out);
            case ConditionExpr.Comparison c -> operands(out, c.left(), c.right());
            case ConditionExpr.Between b -> operands(out, b.value(), b.low(), b.high());
            case ConditionExpr.In in -> {
                operands(out, in.value());
                in.candidates().forEach(c -> operands(out, c));
            }
            case ConditionExpr.AttributeExists e -> out.add(e.path().attribute());
            case ConditionExpr.AttributeNotExists e -> out.add(e.path().attribute());
            case ConditionExpr.AttributeType t -> out.add(t.path().attribute());
            case ConditionExpr.BeginsWith b -> operands(out, b.value(), b.prefix());
            case ConditionExpr.Contains c -> operands(out, c.value(), c.operand());
        }
    }

    private static void operands(List<String> out, Operand... operands) {
        for (Operand o : operands) {
            switch (o) {
                case Operand.PathOperand p -> out.add(p.path().attribute());
                case Operand.Size s -> operands(out, s.operand());
                case Operand.Value ignored -> {}
            }
        }
    }
}
