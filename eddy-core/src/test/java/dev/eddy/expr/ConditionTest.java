package dev.eddy.expr;

import static dev.eddy.expr.Fixtures.b;
import static dev.eddy.expr.Fixtures.bool;
import static dev.eddy.expr.Fixtures.bs;
import static dev.eddy.expr.Fixtures.item;
import static dev.eddy.expr.Fixtures.l;
import static dev.eddy.expr.Fixtures.m;
import static dev.eddy.expr.Fixtures.n;
import static dev.eddy.expr.Fixtures.names;
import static dev.eddy.expr.Fixtures.ns;
import static dev.eddy.expr.Fixtures.s;
import static dev.eddy.expr.Fixtures.ss;
import static dev.eddy.expr.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

    private static final Map<String, AttributeValue> ITEM = item(
            "s", s("banana"),
            "n", n("10"),
            "bin", b(0x01, 0xff),
            "t", bool(true),
            "nul", AttributeValue.NULL,
            "tags", ss("red", "green"),
            "nums", ns("1", "2.5"),
            "bins", bs(b(1), b(2)),
            "arr", l(s("x"), n(3), m("k", s("v"))),
            "doc", m("kid", m("deep", n(7)), "name", s("eddy")));

    private static final Map<String, AttributeValue> VALUES = values(
            ":s",
            s("banana"),
            ":apple",
            s("apple"),
            ":cherry",
            s("cherry"),
            ":ban",
            s("ban"),
            ":nan",
            s("nan"),
            ":n10",
            n("10.0"),
            ":n5",
            n(5),
            ":n20",
            n(20),
            ":b",
            b(0x01, 0xff),
            ":b1",
            b(0x01),
            ":b80",
            b(0x80),
            ":t",
            bool(true),
            ":f",
            bool(false),
            ":red",
            s("red"),
            ":blue",
            s("blue"),
            ":num",
            n("2.50"),
            ":x",
            s("x"),
            ":mapv",
            m("k", s("v")),
            ":three",
            n(3),
            ":typeS",
            s("S"),
            ":typeN",
            s("N"),
            ":typeSS",
            s("SS"),
            ":typeNULL",
            s("NULL"),
            ":typeM",
            s("M"),
            ":typeL",
            s("L"),
            ":six",
            n(6),
            ":two",
            n(2),
            ":one",
            n(1),
            ":len3",
            n(3),
            ":tagset",
            ss("green", "red"));

    private static boolean test(String expression) {
        return test(expression, ITEM);
    }

    private static boolean test(String expression, Map<String, AttributeValue> item) {
        return new ExpressionContext(names("#n", "name", "#m", "doc"), VALUES)
                .condition(expression, "ConditionExpression")
                .test(item);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "s = :s | true",
                "s = :apple | false",
                "s <> :apple | true",
                "s <> :s | false",
                "n = :n10 | true",
                "n < :n20 | true",
                "n <= :n10 | true",
                "n > :n5 | true",
                "n >= :n20 | false",
                "s > :apple | true",
                "s < :cherry | true",
                "s >= :s | true",
                "s < :apple | false",
                "bin = :b | true",
                "bin > :b1 | true",
                "bin < :b80 | true",
                "t = :t | true",
                "t = :f | false",
                "t <> :f | true",
                "tags = :tagset | true",
                "tags <> :tagset | false",
                "arr[2] = :mapv | true",
                "arr[1] = :three | true",
                "doc.kid.deep = :n5 | false",
                "#m.#n = :s | false",
                "#m.kid.deep > :n5 | true",
            })
    void comparisons(String expression, boolean expected) {
        assertThat(test(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // different types compare false, never error
                "s = :n10 | false",
                "s < :n10 | false",
                "s > :n10 | false",
                "n <> :s | true",
                // ordering on non-scalar attributes is false (a non-scalar constant is rejected before evaluation)
                "tags > :red | false",
                // gone attributes: only <> is true
                "gone = :s | false",
                "gone <> :s | true",
                "gone < :s | false",
                "gone >= :s | false",
                "doc.nope = :s | false",
                "arr[9] <> :x | true",
                "s.part = :s | false",
                "arr.k = :s | false",
            })
    void typeMismatchesAndMissingAttributes(String expression, boolean expected) {
        assertThat(test(expression)).isEqualTo(expected);
    }

    @Test
    void comparingTwoAttributesOfTheItem() {
        Map<String, AttributeValue> item = item("a", n(1), "b", n(2), "c", n("1.0"));
        assertThat(test("a < b", item)).isTrue();
        assertThat(test("a = c", item)).isTrue();
        assertThat(test("b <= a", item)).isFalse();
    }

    @Test
    void stringsOrderByCodePointWhichIsUtf8ByteOrder() {
        // U+FF5E sorts before U+1F600 in UTF-8 but after it in UTF-16
        Map<String, AttributeValue> item = item("a", s("\uFF5E"));
        Map<String, AttributeValue> values = values(":emoji", s("\uD83D\uDE00"));
        assertThat(new ExpressionContext(null, values)
                        .condition("a < :emoji", "ConditionExpression")
                        .test(item))
                .isTrue();
    }

    @Test
    void binaryOrdersAsUnsignedBytes() {
        assertThat(test("bin < :b80")).isTrue(); // 0x01 0xff < 0x80: the first byte decides
        assertThat(test("bin > :b80")).isFalse();
        assertThat(test("bin < :b80", item("bin", b(0x7f)))).isTrue();
        assertThat(test("bin > :b1", item("bin", b(0x80)))).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "n BETWEEN :n5 AND :n20 | true",
                "n BETWEEN :n10 AND :n20 | true",
                "n BETWEEN :n5 AND :n10 | true",
                "n BETWEEN :n5 AND :six | false",
                "s BETWEEN :apple AND :cherry | true",
                "s between :ban and :s | true",
                "s BETWEEN :n5 AND :n20 | false",
                "gone BETWEEN :n5 AND :n20 | false",
                "n IN (:n5, :n10) | true",
                "n IN (:n5, :n20) | false",
                "s IN (:s) | true",
                "gone IN (:s, :n5) | false",
                "tags IN (:tagset) | true",
                "s in (:n10, :s) | true",
            })
    void betweenAndIn(String expression, boolean expected) {
        assertThat(test(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "attribute_exists(s) | true",
                "attribute_exists(gone) | false",
                "attribute_exists(doc.kid.deep) | true",
                "attribute_exists(arr[2].k) | true",
                "attribute_exists(arr[3]) | false",
                "attribute_exists(nul) | true",
                "attribute_not_exists(gone) | true",
                "attribute_not_exists(s) | false",
                "attribute_type(s, :typeS) | true",
                "attribute_type(s, :typeN) | false",
                "attribute_type(tags, :typeSS) | true",
                "attribute_type(nul, :typeNULL) | true",
                "attribute_type(doc, :typeM) | true",
                "attribute_type(arr, :typeL) | true",
                "attribute_type(gone, :typeS) | false",
                "begins_with(s, :ban) | true",
                "begins_with(s, :nan) | false",
                "begins_with(bin, :b1) | true",
                "begins_with(bin, :b80) | false",
                "begins_with(n, :ban) | false",
                "begins_with(gone, :ban) | false",
                "begins_with(s, :b1) | false",
                "contains(s, :nan) | true",
                "contains(s, :apple) | false",
                "contains(tags, :red) | true",
                "contains(tags, :blue) | false",
                "contains(nums, :num) | true",
                "contains(nums, :n5) | false",
                "contains(arr, :x) | true",
                "contains(arr, :three) | true",
                "contains(arr, :mapv) | true",
                "contains(arr, :s) | false",
                "contains(bins, :b1) | true",
                "contains(bin, :b1) | true",
                "contains(gone, :s) | false",
                "contains(n, :n10) | false",
                "contains(tags, :n5) | false",
            })
    void functions(String expression, boolean expected) {
        assertThat(test(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "size(s) = :six | true",
                "size(bin) = :two | true",
                "size(tags) = :two | true",
                "size(nums) = :two | true",
                "size(bins) = :two | true",
                "size(arr) = :len3 | true",
                "size(doc) = :two | true",
                "size(doc.kid) = :one | true",
                "size(n) = :two | false",
                "size(n) <> :two | true",
                "size(gone) = :one | false",
                "size(t) >= :one | false",
                "size(s) BETWEEN :five AND :six | true",
                "size(s) IN (:one, :six) | true",
                ":six = size(s) | true",
                "size(s) > size(tags) | true",
            })
    void size(String expression, boolean expected) {
        Map<String, AttributeValue> values = new java.util.LinkedHashMap<>(VALUES);
        values.put(":five", n(5));
        assertThat(new ExpressionContext(null, values)
                        .condition(expression, "FilterExpression")
                        .test(ITEM))
                .isEqualTo(expected);
    }

    @Test
    void sizeOfAStringCountsUtf16CodeUnitsAsDynamoDbDoes() {
        Map<String, AttributeValue> item = item("u", s("é\uD834\uDD1E"));
        assertThat(new ExpressionContext(null, values(":n", n(3)))
                        .condition("size(u) = :n", "ConditionExpression")
                        .test(item))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // NOT binds tighter than AND, which binds tighter than OR
                "s = :apple AND n = :n10 OR t = :t | true",
                "t = :t OR s = :apple AND n = :n5 | true",
                "(t = :t OR s = :apple) AND n = :n5 | false",
                "NOT s = :apple AND n = :n5 | false",
                "NOT (s = :apple AND n = :n5) | true",
                "NOT s = :s OR n = :n10 | true",
                "NOT NOT s = :s | true",
                "not attribute_exists(gone) and contains(tags, :red) | true",
                "s = :s AND (n = :n5 OR (t = :t AND NOT contains(tags, :blue))) | true",
                "(s = :s) | true",
                "s = :s and n = :n10 and t = :t and contains(tags, :red) | true",
                "s = :apple or n = :n5 or t = :f | false",
            })
    void logicalOperatorsAndPrecedence(String expression, boolean expected) {
        assertThat(test(expression)).isEqualTo(expected);
    }

    @Test
    void anEmptyItemStandsForNoItem() {
        assertThat(test("attribute_not_exists(s)", Map.of())).isTrue();
        assertThat(test("s <> :s", Map.of())).isTrue();
        assertThat(test("s = :s", Map.of())).isFalse();
    }

    @Test
    void theAstIsResolvedAndShapedByPrecedence() {
        Condition c = new ExpressionContext(names("#k", "pk"), values(":v", s("a"), ":w", n(1)))
                .condition("#k = :v AND NOT sk < :w OR attribute_exists(x.y[2])", "KeyConditionExpression");
        Path pk = Path.of("pk");
        assertThat(c.ast())
                .isEqualTo(new ConditionExpr.Or(
                        new ConditionExpr.And(
                                new ConditionExpr.Comparison(
                                        ConditionExpr.Comparator.EQ,
                                        new Operand.PathOperand(pk),
                                        new Operand.Value(":v", s("a"))),
                                new ConditionExpr.Not(new ConditionExpr.Comparison(
                                        ConditionExpr.Comparator.LT,
                                        new Operand.PathOperand(Path.of("sk")),
                                        new Operand.Value(":w", n(1))))),
                        new ConditionExpr.AttributeExists(Path.of("x", "y").then(new Path.Index(2)))));
    }

    @Test
    void inAcceptsOneHundredCandidates() {
        StringBuilder text = new StringBuilder("a IN (");
        for (int i = 0; i < 100; i++) {
            text.append(i == 0 ? "" : ", ").append(":v");
        }
        Condition c = new ExpressionContext(null, values(":v", n(1))).condition(text + ")", "FilterExpression");
        assertThat(c.test(item("a", n(1)))).isTrue();
        assertThat(((ConditionExpr.In) c.ast()).candidates()).hasSize(100);
    }

    @Test
    void aCachedParseIsResolvedAgainWithEachRequestsValues() {
        String text = "a = :v";
        assertThat(new ExpressionContext(null, values(":v", n(1)))
                        .condition(text, "FilterExpression")
                        .test(item("a", n(1))))
                .isTrue();
        assertThat(new ExpressionContext(null, values(":v", n(2)))
                        .condition(text, "FilterExpression")
                        .test(item("a", n(1))))
                .isFalse();
        assertThat(ExpressionCache.size()).isPositive();
    }

    @Test
    void keywordsAndFunctionNamesAreCaseInsensitiveOnlyForKeywords() {
        assertThat(test("s = :s aNd n BeTwEeN :n5 aNd :n20 Or NoT t = :t")).isTrue();
        assertThat(List.of(ReservedWords.count())).containsExactly(573);
    }
}
