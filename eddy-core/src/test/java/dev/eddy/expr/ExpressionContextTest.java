package dev.eddy.expr;

import static dev.eddy.expr.Fixtures.n;
import static dev.eddy.expr.Fixtures.names;
import static dev.eddy.expr.Fixtures.s;
import static dev.eddy.expr.Fixtures.validation;
import static dev.eddy.expr.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionContextTest {

    @Test
    void everyNameAndValueUsedByAnyExpressionOfTheRequestCounts() {
        ExpressionContext ctx =
                new ExpressionContext(names("#a", "a", "#b", "b", "#c", "c"), values(":x", s("x"), ":y", n(1)));
        ctx.condition("#a = :x", "ConditionExpression");
        ctx.update("SET #b = :y");
        ctx.projection("#c");
        assertThatCode(ctx::checkAllUsed).doesNotThrowAnyException();
    }

    @Test
    void unusedNamesAreReportedBeforeUnusedValues() {
        ExpressionContext ctx = new ExpressionContext(
                names("#a", "a", "#b", "b", "#c", "c"), values(":x", s("x"), ":y", n(1), ":z", n(2)));
        ctx.condition("#b = :y", "ConditionExpression");
        validation(ctx::checkAllUsed)
                .isEqualTo("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #c}");
        ExpressionContext values = new ExpressionContext(null, values(":x", s("x"), ":y", n(1)));
        values.condition("a = :y", "FilterExpression");
        validation(values::checkAllUsed)
                .isEqualTo("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
    }

    @Test
    void nullOrEmptyMapsAreAllowed() {
        assertThatCode(() -> {
                    new ExpressionContext(null, null).checkAllUsed();
                    new ExpressionContext(names(), values())
                            .projection("a, b.c")
                            .apply(Fixtures.item());
                })
                .doesNotThrowAnyException();
    }

    @Test
    void placeholdersMustBeSpelledAsDynamoDbRequires() {
        validation(() -> new ExpressionContext(names("a", "a"), null))
                .isEqualTo("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
        validation(() -> new ExpressionContext(names("#a-b", "a"), null))
                .isEqualTo("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
        validation(() -> new ExpressionContext(null, values("v", s("x"))))
                .isEqualTo("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
        validation(() -> new ExpressionContext(null, values(":", s("x"))))
                .isEqualTo("ExpressionAttributeValues contains invalid key: Syntax error; key: \":\"");
    }

    @Test
    void aNameMayMapToAReservedWordOrAnyText() {
        Condition c = new ExpressionContext(names("#s", "status", "#d", "a.b"), values(":v", s("on")))
                .condition("#s = :v AND attribute_not_exists(#d)", "ConditionExpression");
        assertThat(c.test(Fixtures.item("status", s("on"), "a", Fixtures.m("b", s("x")))))
                .isTrue();
        assertThat(c.test(Fixtures.item("status", s("on"), "a.b", s("x")))).isFalse();
    }

    @Test
    void pathsPrintAsDynamoDbDoes() {
        Path p = Path.of("a", "b").then(new Path.Index(3)).then(new Path.Name("c"));
        assertThat(p).hasToString("[a, b, [3], c]");
        assertThat(p.attribute()).isEqualTo("a");
        assertThat(p.parent()).isEqualTo(Path.of("a", "b").then(new Path.Index(3)));
        assertThat(Path.of("x").parent()).isNull();
        assertThat(List.of(p.length(), Path.of("x").length())).containsExactly(4, 1);
    }
}
