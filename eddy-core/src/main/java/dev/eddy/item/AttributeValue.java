package dev.eddy.item;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DynamoDB attribute value. Values are immutable and already valid: numbers are normalised
 * ({@code "1.0"} equals {@code "1"}), sets are non-empty and free of duplicates (their order is the
 * order they were given in). Build them with the factories, which enforce DynamoDB's rules, or
 * through {@link Items#validate} for values that come from a client.
 */
public sealed interface AttributeValue {

    /** DynamoDB's type descriptors, as they appear on the wire. */
    enum Type {
        S,
        N,
        B,
        BOOL,
        NULL,
        M,
        L,
        SS,
        NS,
        BS
    }

    Type type();

    /**
     * A string. {@code utf8Length} is derived from the value when the record is made (whatever the
     * caller passes), so that item sizes, which need it often, cost nothing more.
     */
    record S(String value, long utf8Length) implements AttributeValue {
        public S {
            Objects.requireNonNull(value);
            utf8Length = Items.computeUtf8Length(value);
        }

        public S(String value) {
            this(value, 0);
        }

        @Override
        public Type type() {
            return Type.S;
        }
    }

    /** A number, normalised: no trailing zeros, at most 38 significant digits. */
    record N(BigDecimal value) implements AttributeValue {
        public N {
            value = Numbers.normalise(value);
        }

        /** The canonical decimal text DynamoDB returns. */
        public String text() {
            return Numbers.text(value);
        }

        @Override
        public Type type() {
            return Type.N;
        }
    }

    record B(byte[] value) implements AttributeValue {
        public B {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public int length() {
            return value.length;
        }

        @Override
        public Type type() {
            return Type.B;
        }

        /** Unsigned byte comparison, DynamoDB's order for binary. */
        public int compareTo(B other) {
            return Arrays.compareUnsigned(value, other.value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof B b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "B[" + Base64.getEncoder().encodeToString(value) + "]";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        @Override
        public Type type() {
            return Type.BOOL;
        }
    }

    record Null() implements AttributeValue {
        @Override
        public Type type() {
            return Type.NULL;
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        @Override
        public Type type() {
            return Type.L;
        }
    }

    /** A map; iteration order is the order the attributes were given in. */
    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = Items.copyOf(values);
        }

        @Override
        public Type type() {
            return Type.M;
        }
    }

    record SS(List<String> values) implements AttributeValue {
        public SS {
            values = List.copyOf(new LinkedHashSet<>(values));
            if (values.isEmpty()) {
                throw new IllegalArgumentException("empty set");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SS s && new HashSet<>(values).equals(new HashSet<>(s.values));
        }

        @Override
        public int hashCode() {
            return new HashSet<>(values).hashCode();
        }

        @Override
        public Type type() {
            return Type.SS;
        }
    }

    record NS(List<BigDecimal> values) implements AttributeValue {
        public NS {
            values = List.copyOf(
                    new LinkedHashSet<>(values.stream().map(Numbers::normalise).toList()));
            if (values.isEmpty()) {
                throw new IllegalArgumentException("empty set");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NS s && new HashSet<>(values).equals(new HashSet<>(s.values));
        }

        @Override
        public int hashCode() {
            return new HashSet<>(values).hashCode();
        }

        @Override
        public Type type() {
            return Type.NS;
        }
    }

    record BS(List<B> values) implements AttributeValue {
        public BS {
            values = List.copyOf(new LinkedHashSet<>(values));
            if (values.isEmpty()) {
                throw new IllegalArgumentException("empty set");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BS s && new HashSet<>(values).equals(new HashSet<>(s.values));
        }

        @Override
        public int hashCode() {
            return new HashSet<>(values).hashCode();
        }

        @Override
        public Type type() {
            return Type.BS;
        }
    }

    static S s(String value) {
        return new S(value);
    }

    static N n(String text) {
        return new N(Numbers.parse(text));
    }

    static N n(long value) {
        return new N(BigDecimal.valueOf(value));
    }

    static B b(byte[] value) {
        return new B(value);
    }

    static B b(String utf8) {
        return new B(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static Bool bool(boolean value) {
        return new Bool(value);
    }

    Null NULL = new Null();
}
