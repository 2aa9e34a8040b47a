package dev.eddy.expr;

import static dev.eddy.expr.Fixtures.b;
import static dev.eddy.expr.Fixtures.bs;
import static dev.eddy.expr.Fixtures.item;
import static dev.eddy.expr.Fixtures.l;
import static dev.eddy.expr.Fixtures.m;
import static dev.eddy.expr.Fixtures.n;
import static dev.eddy.expr.Fixtures.names;
import static dev.eddy.expr.Fixtures.ns;
import static dev.eddy.expr.Fixtures.s;
import static dev.eddy.expr.Fixtures.ss;
import static dev.eddy.expr.Fixtures.validation;
import static dev.eddy.expr.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateTest {

    private static final Map<String, AttributeValue> VALUES = values(
            ":s",
            s("new"),
            ":one",
            n(1),
            ":two",
            n(2),
            ":neg",
            n("-0.5"),
            ":l",
            l(s("x"), s("y")),
            ":l1",
            l(n(9)),
            ":ss",
            ss("b", "c"),
            ":ns",
            ns("2", "3"),
            ":bs",
            bs(b(2)),
            ":m",
            m("k", s("v")),
            ":zero",
            n(0),
            ":ssb",
            ss("b"),
            ":ssab",
            ss("a", "b"));

    private static Map<String, AttributeValue> update(String text, Map<String, AttributeValue> item) {
        return new ExpressionContext(names("#k", "key", "#a", "a"), VALUES)
                .update(text)
                .apply(item);
    }

    @Test
    void setReplacesInPlaceAndAppendsNewAttributesInOrder() {
        Map<String, AttributeValue> old = item("a", s("old"), "b", n(1));
        Map<String, AttributeValue> updated = update("SET z = :one, a = :s, y = :two", old);
        assertThat(updated)
                .containsExactly(
                        Map.entry("a", s("new")), Map.entry("b", n(1)), Map.entry("z", n(1)), Map.entry("y", n(2)));
        assertThat(old).containsExactly(Map.entry("a", s("old")), Map.entry("b", n(1)));
    }

    @Test
    void setWithArithmetic() {
        Map<String, AttributeValue> old = item("a", n(5), "b", n("0.5"));
        assertThat(update("SET a = a + :one", old)).containsEntry("a", n(6));
        assertThat(update("SET a = a - :two", old)).containsEntry("a", n(3));
        assertThat(update("SET c = a + b", old)).containsEntry("c", n("5.5"));
        assertThat(update("SET c = :one - :neg", old)).containsEntry("c", n("1.5"));
        assertThat(update("SET a = (a + :one)", old)).containsEntry("a", n(6));
        // operands are read from the item as it was before the update
        assertThat(update("SET a = b, b = a", old)).containsEntry("a", n("0.5")).containsEntry("b", n(5));
    }

    @Test
    void ifNotExistsAndListAppend() {
        Map<String, AttributeValue> old = item("cnt", n(5), "lst", l(s("a")));
        assertThat(update("SET cnt = if_not_exists(cnt, :zero) + :one", old)).containsEntry("cnt", n(6));
        assertThat(update("SET c2 = if_not_exists(c2, :zero) + :one", old)).containsEntry("c2", n(1));
        assertThat(update("SET lst = list_append(lst, :l)", old)).containsEntry("lst", l(s("a"), s("x"), s("y")));
        assertThat(update("SET lst = list_append(:l, lst)", old)).containsEntry("lst", l(s("x"), s("y"), s("a")));
        assertThat(update("SET l2 = list_append(if_not_exists(l2, :l1), :l)", old))
                .containsEntry("l2", l(n(9), s("x"), s("y")));
    }

    @Test
    void setNestedPathsAndListIndexes() {
        Map<String, AttributeValue> old = item("doc", m("kid", m("x", n(1)), "arr", l(s("a"), s("b"))));
        assertThat(update("SET doc.kid.y = :two", old))
                .containsEntry("doc", m("kid", m("x", n(1), "y", n(2)), "arr", l(s("a"), s("b"))));
        assertThat(update("SET doc.arr[1] = :s", old))
                .containsEntry("doc", m("kid", m("x", n(1)), "arr", l(s("a"), s("new"))));
        // an index past the end appends; several append in index order
        assertThat(update("SET doc.arr[10] = :one", old))
                .containsEntry("doc", m("kid", m("x", n(1)), "arr", l(s("a"), s("b"), n(1))));
        assertThat(update("SET doc.arr[7] = :two, doc.arr[5] = :one", old))
                .containsEntry("doc", m("kid", m("x", n(1)), "arr", l(s("a"), s("b"), n(1), n(2))));
        assertThat(update("SET doc.arr[1] = :two, doc.arr[5] = :one", old))
                .containsEntry("doc", m("kid", m("x", n(1)), "arr", l(s("a"), n(2), n(1))));
    }

    @Test
    void setThroughAMissingOrWrongTypedParentIsInvalid() {
        Map<String, AttributeValue> old = item("doc", m("x", n(1)), "arr", l(s("a")), "s", s("str"));
        String invalid = "The document path provided in the update expression is invalid for update";
        validation(() -> update("SET nope.b = :one", old)).isEqualTo(invalid);
        validation(() -> update("SET doc.kid.c = :one", old)).isEqualTo(invalid);
        validation(() -> update("SET doc[0] = :one", old)).isEqualTo(invalid);
        validation(() -> update("SET arr.x = :one", old)).isEqualTo(invalid);
        validation(() -> update("SET s.x = :one", old)).isEqualTo(invalid);
        validation(() -> update("SET arr[3].x = :one", old)).isEqualTo(invalid);
    }

    @Test
    void runtimeOperandErrorsHaveNoPrefix() {
        Map<String, AttributeValue> old = item("s", s("str"), "n", n(1), "list", l());
        validation(() -> update("SET a = nope", old))
                .isEqualTo("The provided expression refers to an attribute that does not exist in the item");
        validation(() -> update("SET a = nope + :one", old))
                .isEqualTo("The provided expression refers to an attribute that does not exist in the item");
        validation(() -> update("SET a = s + :one", old))
                .isEqualTo("An operand in the update expression has an incorrect data type");
        validation(() -> update("SET a = list_append(n, :l)", old))
                .isEqualTo("An operand in the update expression has an incorrect data type");
        validation(() -> update("ADD s :one", old))
                .isEqualTo("An operand in the update expression has an incorrect data type");
        validation(() -> update("ADD n :ss", old))
                .isEqualTo("An operand in the update expression has an incorrect data type");
        validation(() -> update("DELETE s :ss", old))
                .isEqualTo("An operand in the update expression has an incorrect data type");
        validation(() -> update("DELETE tags :ns", item("tags", ss("a"))))
                .isEqualTo("An operand in the update expression has an incorrect data type");
    }

    @Test
    void arithmeticIsCheckedAgainstDynamoDbsNumberLimits() {
        Map<String, AttributeValue> values = values(":big", n("9E+125"), ":tiny", n("1E-100"));
        ExpressionContext ctx = new ExpressionContext(null, values);
        validation(() -> ctx.update("SET a = :big + :big").apply(Map.of()))
                .isEqualTo("Number overflow. Attempting to store a number with magnitude larger than supported range");
        validation(() -> new ExpressionContext(null, values)
                        .update("ADD a :tiny")
                        .apply(item("a", n(1))))
                // DynamoDB calls a result too precise to store an overflow too
                .isEqualTo("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void removeAttributesNestedKeysAndListElements() {
        Map<String, AttributeValue> old = item(
                "a", n(1), "b", n(2), "doc", m("x", n(1), "y", n(2)), "arr", l(s("0"), s("1"), s("2"), s("3"), s("4")));
        assertThat(update("REMOVE a, doc.y, nope, doc.nope", old))
                .containsExactly(
                        Map.entry("b", n(2)),
                        Map.entry("doc", m("x", n(1))),
                        Map.entry("arr", l(s("0"), s("1"), s("2"), s("3"), s("4"))));
        // several indexes of one list are removed at their original positions
        assertThat(update("REMOVE arr[1], arr[3]", old)).containsEntry("arr", l(s("0"), s("2"), s("4")));
        assertThat(update("REMOVE arr[3], arr[1], arr[0]", old)).containsEntry("arr", l(s("2"), s("4")));
        assertThat(update("REMOVE arr[9]", old)).containsEntry("arr", old.get("arr"));
        validation(() -> update("REMOVE nope.x", old))
                .isEqualTo("The document path provided in the update expression is invalid for update");
    }

    @Test
    void addToNumbersAndSets() {
        Map<String, AttributeValue> old = item("n", n(5), "tags", ss("a", "b"), "nums", ns("1"), "bins", bs(b(1)));
        assertThat(update("ADD n :two", old)).containsEntry("n", n(7));
        assertThat(update("ADD n :neg", old)).containsEntry("n", n("4.5"));
        assertThat(update("ADD fresh :two", old)).containsEntry("fresh", n(2));
        assertThat(update("ADD tags :ss", old)).containsEntry("tags", ss("a", "b", "c"));
        assertThat(((AttributeValue.SS) update("ADD tags :ss", old).get("tags")).values())
                .containsExactly("a", "b", "c");
        assertThat(update("ADD nums :ns", old)).containsEntry("nums", ns("1", "2", "3"));
        assertThat(update("ADD bins :bs", old)).containsEntry("bins", bs(b(1), b(2)));
        assertThat(update("ADD newset :ss", old)).containsEntry("newset", ss("b", "c"));
        assertThat(update("ADD n :one, tags :ssb", old))
                .containsEntry("n", n(6))
                .containsEntry("tags", ss("a", "b"));
    }

    @Test
    void deleteFromSets() {
        Map<String, AttributeValue> old = item("tags", ss("a", "b", "c"), "nums", ns("1", "2"), "k", n(1));
        assertThat(update("DELETE tags :ssab", old)).containsEntry("tags", ss("c"));
        assertThat(update("DELETE tags :ss", old)).containsEntry("tags", ss("a"));
        assertThat(update("DELETE nums :ns", old)).containsEntry("nums", ns("1"));
        // a set emptied by DELETE disappears; deleting from a missing attribute does nothing
        assertThat(update("DELETE tags :ssab, nums :ns", item("tags", ss("a", "b"), "nums", ns("2"))))
                .isEmpty();
        assertThat(update("DELETE nope :ss", old)).isEqualTo(old);
    }

    @Test
    void clausesInAnyOrderCaseInsensitiveWithSeveralActions() {
        Map<String, AttributeValue> old = item("a", n(1), "b", n(2), "tags", ss("a", "b"), "c", s("x"));
        Map<String, AttributeValue> updated =
                update("remove c add a :one, t2 :ss delete tags :ssab set d = :s, #k = b", old);
        assertThat(updated)
                .containsExactly(
                        Map.entry("a", n(2)),
                        Map.entry("b", n(2)),
                        Map.entry("t2", ss("b", "c")),
                        Map.entry("d", s("new")),
                        Map.entry("key", n(2)));
        assertThat(updated).doesNotContainKey("tags");
    }

    @Test
    void pathsAndProjectionOfTheUpdatedParts() {
        Update u = new ExpressionContext(names("#a", "a"), VALUES)
                .update("SET #a.b[2] = :one, c = :two REMOVE d ADD e :one DELETE f :ss");
        assertThat(u.paths())
                .containsExactly(
                        Path.of("a", "b").then(new Path.Index(2)),
                        Path.of("c"),
                        Path.of("d"),
                        Path.of("e"),
                        Path.of("f"));
        assertThat(u.actions()).hasSize(5).first().isInstanceOf(UpdateAction.Set.class);
        Map<String, AttributeValue> old = item("a", m("b", l(n(0), n(1), n(2), n(3)), "z", n(0)), "d", n(4), "g", n(5));
        assertThat(u.project(old)).containsExactly(Map.entry("a", m("b", l(n(2)))), Map.entry("d", n(4)));
        Map<String, AttributeValue> updated = u.apply(old);
        assertThat(u.project(updated))
                .containsExactly(Map.entry("a", m("b", l(n(1)))), Map.entry("c", n(2)), Map.entry("e", n(1)));
        assertThat(List.copyOf(updated.keySet())).containsExactly("a", "g", "c", "e");
    }
}
