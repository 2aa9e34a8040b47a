package dev.eddy.expr;

import static dev.eddy.expr.Fixtures.b;
import static dev.eddy.expr.Fixtures.bool;
import static dev.eddy.expr.Fixtures.l;
import static dev.eddy.expr.Fixtures.n;
import static dev.eddy.expr.Fixtures.names;
import static dev.eddy.expr.Fixtures.s;
import static dev.eddy.expr.Fixtures.validation;
import static dev.eddy.expr.Fixtures.values;

import dev.eddy.item.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionErrorsTest {

    private static final Map<String, AttributeValue> VALUES = values(
            ":s",
            s("x"),
            ":n",
            n(1),
            ":n2",
            n(2),
            ":b",
            b(1),
            ":t",
            bool(true),
            ":l",
            l(),
            ":nul",
            AttributeValue.NULL,
            ":typeS",
            s("S"),
            ":bad",
            s("STRING"));

    private static void condition(String text) {
        new ExpressionContext(names("#a", "a"), VALUES).condition(text, "ConditionExpression");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "a-b | -| a-b",
                "!!! | !| !!",
                "a > 4 | 4| > 4",
                "attribute_type() | )| ()",
                "a = :s AND | <EOF>| AND",
                "a = | <EOF>| =",
                "a = :s b = :s | b| :s b =",
                "(a = :s | <EOF>| :s",
                "a IN () | )| ()",
                "a = :s OR OR b = :s | OR| OR OR b",
                "a.1 = :s | 1| .1 =",
                "#a. = :s | =| . = :s",
                "a[x] = :s | x| [x]",
                "a = # | #| = #",
                "NOT = :s | =| NOT = :s",
                "a BETWEEN :n | <EOF>| :n",
                "SET a = :s | a| SET a =",
            })
    void syntaxErrorsNameTheTokenAndItsNeighbours(String text, String token, String near) {
        validation(() -> condition(text))
                .isEqualTo(
                        "Invalid ConditionExpression: Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    @Test
    void emptyAndOversizedExpressions() {
        validation(() -> condition("")).isEqualTo("Invalid ConditionExpression: The expression can not be empty;");
        validation(() -> condition("  \n ")).isEqualTo("Invalid ConditionExpression: The expression can not be empty;");
        validation(() -> new ExpressionContext(null, null).condition(null, "FilterExpression"))
                .isEqualTo("Invalid FilterExpression: The expression can not be empty;");
        String atLimit = "a = :s" + " ".repeat(4096 - 6);
        new ExpressionContext(null, values(":s", s("x"))).condition(atLimit, "FilterExpression");
        validation(() -> condition(atLimit + " "))
                .isEqualTo(
                        "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "foo(a) | Invalid function name; function: foo",
                "a = bar(:s) | Invalid function name; function: bar",
                "SIZE(a) = :n | Invalid function name; function: SIZE",
                "if_not_exists(a, :s) = :s | The function is not allowed in a condition expression; function: if_not_exists",
                "list_append(a, :l) = :l | The function is not allowed in a condition expression; function: list_append",
                "size(a) | The function is not allowed to be used this way in an expression; function: size",
                "attribute_exists(a) = :t | The function is not allowed to be used this way in an expression; function: attribute_exists",
                "a IN (:s, contains(a, :s)) | The function is not allowed to be used this way in an expression; function: contains",
                "size(begins_with(a, :s)) = :n | The function is not allowed to be used this way in an expression; function: begins_with",
                "size(a, b) = :n | Incorrect number of operands for operator or function; operator or function: size, number of operands: 2",
                "begins_with(a) | Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1",
                "contains(a, :s, :s) | Incorrect number of operands for operator or function; operator or function: contains, number of operands: 3",
                "attribute_exists(a, b) | Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2",
                "attribute_exists(:s) | Operator or function requires a document path; operator or function: attribute_exists",
                "attribute_not_exists(size(a)) | Operator or function requires a document path; operator or function: attribute_not_exists",
                "attribute_type(a, :n) | Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N",
                "attribute_type(a, b) | Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}",
                "attribute_type(a, :bad) | 'Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}'",
                "begins_with(a, :n) | Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
                "begins_with(:t, a) | Incorrect operand type for operator or function; operator or function: begins_with, operand type: BOOL",
                "begins_with(a, size(b)) | Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
                "size(:n) = :n | Incorrect operand type for operator or function; operator or function: size, operand type: N",
                "size(:nul) = :n | Incorrect operand type for operator or function; operator or function: size, operand type: NULL",
                "size(size(a)) = :n | Incorrect operand type for operator or function; operator or function: size, operand type: N",
                "a < :t | Incorrect operand type for operator or function; operator or function: <, operand type: BOOL",
                ":l >= a | Incorrect operand type for operator or function; operator or function: >=, operand type: L",
                "a > :nul | Incorrect operand type for operator or function; operator or function: >, operand type: NULL",
                "a BETWEEN :t AND :t | Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: BOOL",
                "a = a | 'The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]'",
                "#a.b[1] < a.b[1] | 'The first operand must be distinct from the remaining operands for this operator or function; operator: <, first operand: [a, b, [1]]'",
                "contains(a, #a) | 'The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]'",
                "((a = :s)) | The expression has redundant parentheses;",
                "((a)) = :s | The expression has redundant parentheses;",
                "a = :s AND ((b = :s)) | The expression has redundant parentheses;",
                "a BETWEEN :s AND :n | 'The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {S:x}, upper bound operand: AttributeValue: {N:1}'",
                "a BETWEEN :n2 AND :n | 'The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}'",
                "#undefined = :s | An expression attribute name used in the document path is not defined; attribute name: #undefined",
                "a = :undefined | An expression attribute value used in expression is not defined; attribute value: :undefined",
                "size(a, :undefined) = :n | An expression attribute value used in expression is not defined; attribute value: :undefined",
                "name = :s | Attribute name is a reserved keyword; reserved keyword: name",
                "a.Value = :s | Attribute name is a reserved keyword; reserved keyword: Value",
                "a[1].status = :s | Attribute name is a reserved keyword; reserved keyword: status",
                "add = :s | Attribute name is a reserved keyword; reserved keyword: add",
                "attribute_exists(a.set) | Attribute name is a reserved keyword; reserved keyword: set",
            })
    void semanticErrorsUseDynamoDbsMessages(String text, String message) {
        validation(() -> condition(text)).isEqualTo("Invalid ConditionExpression: " + message);
    }

    @Test
    void problemsAreReportedInDynamoDbsOrder() {
        // an unknown function outranks a reserved word, which outranks an undefined placeholder
        validation(() -> condition("name = :nope AND foo(a)"))
                .isEqualTo("Invalid ConditionExpression: Invalid function name; function: foo");
        validation(() -> condition("name = :nope"))
                .isEqualTo("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name");
        validation(() -> condition("begins_with(a) AND b = :nope"))
                .isEqualTo("Invalid ConditionExpression: "
                        + "An expression attribute value used in expression is not defined; attribute value: :nope");
        validation(() -> condition("a = a AND begins_with(b, :n)"))
                .startsWith("Invalid ConditionExpression: The first operand must be distinct");
    }

    @Test
    void inRejectsMoreThanOneHundredCandidates() {
        String text = "a IN (" + ":s, ".repeat(100) + ":s)";
        validation(() -> condition(text))
                .isEqualTo(
                        "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void theParameterNamePrefixesEveryMessage() {
        validation(() -> new ExpressionContext(null, null).condition("a = :v", "KeyConditionExpression"))
                .isEqualTo(
                        "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; "
                                + "attribute value: :v");
        validation(() -> new ExpressionContext(null, null).condition("a <", "FilterExpression"))
                .isEqualTo("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"<\"");
    }
}
