package dev.eddy.expr;

import static dev.eddy.expr.Fixtures.item;
import static dev.eddy.expr.Fixtures.l;
import static dev.eddy.expr.Fixtures.m;
import static dev.eddy.expr.Fixtures.n;
import static dev.eddy.expr.Fixtures.names;
import static dev.eddy.expr.Fixtures.s;
import static dev.eddy.expr.Fixtures.ss;
import static dev.eddy.expr.Fixtures.validation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.item.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("1"),
            "name", s("eddy"),
            "tags", ss("a", "b"),
            "doc", m("x", n(1), "y", m("z", n(2), "w", n(3)), "arr", l(m("c", n(0), "d", n(1)), m("c", n(2)), n(7))),
            "arr", l(s("a0"), s("a1"), s("a2"), s("a3")));

    private static Projection projection(String text) {
        return new ExpressionContext(names("#n", "name", "#d", "doc"), null).projection(text);
    }

    @Test
    void topLevelAttributesInTheItemsOrder() {
        assertThat(projection("tags, id, nope").apply(ITEM))
                .containsExactly(Map.entry("id", s("1")), Map.entry("tags", ss("a", "b")));
        assertThat(projection("#n").apply(ITEM)).containsExactly(Map.entry("name", s("eddy")));
    }

    @Test
    void nestedMapsKeepOnlyTheSelectedKeys() {
        assertThat(projection("#d.y.w, doc.x, doc.nope").apply(ITEM))
                .containsExactly(Map.entry("doc", m("x", n(1), "y", m("w", n(3)))));
        assertThat(projection("doc.nope.deeper, id.x").apply(ITEM)).isEmpty();
    }

    @Test
    void listElementsAreCompactedInIndexOrder() {
        assertThat(projection("arr[3], arr[1], arr[9]").apply(ITEM))
                .containsExactly(Map.entry("arr", l(s("a1"), s("a3"))));
        assertThat(projection("doc.arr[1].c, doc.arr[0].d, doc.arr[2].c").apply(ITEM))
                .containsExactly(Map.entry("doc", m("arr", l(m("d", n(1)), m("c", n(2))))));
        assertThat(projection("arr[9]").apply(ITEM)).isEmpty();
    }

    @Test
    void pathsAreResolvedAndKeptInWrittenOrder() {
        assertThat(projection("#d.arr[1], id").paths())
                .containsExactly(Path.of("doc", "arr").then(new Path.Index(1)), Path.of("id"));
    }

    @Test
    void errors() {
        validation(() -> projection("")).isEqualTo("Invalid ProjectionExpression: The expression can not be empty;");
        validation(() -> projection("!!!"))
                .isEqualTo("Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
        validation(() -> projection("a b"))
                .isEqualTo("Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
        validation(() -> projection("a,"))
                .isEqualTo("Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
        validation(() -> projection("size(a)"))
                .isEqualTo("Invalid ProjectionExpression: Syntax error; token: \"(\", near: \"size(a\"");
        validation(() -> projection("id, name"))
                .isEqualTo(
                        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name");
        validation(() -> projection("id, #x"))
                .isEqualTo("Invalid ProjectionExpression: "
                        + "An expression attribute name used in the document path is not defined; attribute name: #x");
        validation(() -> projection("doc.x, #d"))
                .isEqualTo(
                        "Invalid ProjectionExpression: Two document paths "
                                + "overlap with each other; must remove or rewrite one of these paths; path one: [doc, x], path two: [doc]");
        validation(() -> projection("arr[0], arr.x"))
                .isEqualTo(
                        "Invalid ProjectionExpression: Two document paths "
                                + "conflict with each other; must remove or rewrite one of these paths; path one: [arr, [0]], path two: [arr, x]");
        validation(() -> projection("id, :v"))
                .isEqualTo("Invalid ProjectionExpression: Syntax error; token: \":v\", near: \", :v\"");
    }
}
