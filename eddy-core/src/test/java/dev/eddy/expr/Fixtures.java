package dev.eddy.expr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.item.AttributeValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Small builders shared by the expression tests. */
final class Fixtures {

    private Fixtures() {}

    static AttributeValue s(String v) {
        return AttributeValue.s(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.n(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.n(v);
    }

    static AttributeValue b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return AttributeValue.b(out);
    }

    static AttributeValue bool(boolean v) {
        return AttributeValue.bool(v);
    }

    static AttributeValue ss(String... v) {
        return new AttributeValue.SS(List.of(v));
    }

    static AttributeValue ns(String... v) {
        return new AttributeValue.NS(
                Arrays.stream(v).map(java.math.BigDecimal::new).toList());
    }

    static AttributeValue bs(AttributeValue... v) {
        return new AttributeValue.BS(
                Arrays.stream(v).map(x -> (AttributeValue.B) x).toList());
    }

    static AttributeValue l(AttributeValue... v) {
        return new AttributeValue.L(List.of(v));
    }

    /** A map value from alternating keys and values. */
    static AttributeValue m(Object... kv) {
        return new AttributeValue.M(item(kv));
    }

    /** An item from alternating attribute names and values, in that order. */
    static Map<String, AttributeValue> item(Object... kv) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            item.put((String) kv[i], (AttributeValue) kv[i + 1]);
        }
        return item;
    }

    /** ExpressionAttributeValues from alternating placeholders and values. */
    static Map<String, AttributeValue> values(Object... kv) {
        return item(kv);
    }

    static Map<String, String> names(String... kv) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            names.put(kv[i], kv[i + 1]);
        }
        return names;
    }

    static ExpressionContext ctx(Map<String, AttributeValue> values) {
        return new ExpressionContext(null, values);
    }

    static ExpressionContext ctx(Map<String, String> names, Map<String, AttributeValue> values) {
        return new ExpressionContext(names, values);
    }

    /** Asserts a ValidationException and returns an assertion on its message. */
    static AbstractStringAssert<?> validation(ThrowingCallable call) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
                    try {
                        call.call();
                    } catch (Throwable t) {
                        caught[0] = t;
                        throw t;
                    }
                })
                .isInstanceOf(EddyException.class);
        Assertions.assertThat(((EddyException) caught[0]).code()).isEqualTo(ErrorCode.VALIDATION);
        return Assertions.assertThat(caught[0].getMessage());
    }
}
