package dev.eddy.expr;

import static dev.eddy.expr.Fixtures.b;
import static dev.eddy.expr.Fixtures.bool;
import static dev.eddy.expr.Fixtures.l;
import static dev.eddy.expr.Fixtures.m;
import static dev.eddy.expr.Fixtures.n;
import static dev.eddy.expr.Fixtures.names;
import static dev.eddy.expr.Fixtures.s;
import static dev.eddy.expr.Fixtures.ss;
import static dev.eddy.expr.Fixtures.validation;
import static dev.eddy.expr.Fixtures.values;

import dev.eddy.item.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateErrorsTest {

    private static final Map<String, AttributeValue> VALUES = values(
            ":s",
            s("x"),
            ":n",
            n(1),
            ":b",
            b(1),
            ":t",
            bool(true),
            ":nul",
            AttributeValue.NULL,
            ":l",
            l(),
            ":m",
            m(),
            ":ss",
            ss("a"));

    private static void update(String text) {
        new ExpressionContext(names("#a", "a", "#b", "a"), VALUES).update(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "INVALID SYNTAX HERE | INVALID| INVALID SYNTAX",
                "SET a = :s, | <EOF>| ,",
                "SET a | <EOF>| a",
                "SET a = :s + | <EOF>| +",
                "SET a = b + c + d | +| c + d",
                "SET a = :s SET | <EOF>| SET",
                "REMOVE a = :s | =| a = :s",
                "ADD a | <EOF>| a",
                "ADD a b | b| a b",
                "DELETE a :s :s | :s| :s :s",
                "SET set = :s | set| SET set =",
                "SET a = :s WHERE b = :s | WHERE| :s WHERE b",
                "SET hits = hits : incr | :| hits : incr",
            })
    void syntaxErrors(String text, String token, String near) {
        validation(() -> update(text))
                .isEqualTo("Invalid UpdateExpression: Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SET a = :s SET b = :s | The \"SET\" section can only be used once in an update expression;",
                "remove a add b :n REMOVE c | The \"REMOVE\" section can only be used once in an update expression;",
                "ADD a :n ADD b :n | The \"ADD\" section can only be used once in an update expression;",
                "DELETE a :ss delete b :ss | The \"DELETE\" section can only be used once in an update expression;",
                "SET a = size(b) | The function is not allowed in an update expression; function: size",
                "SET a = foo(b, c) | Invalid function name; function: foo",
                "SET a = if_not_exists(b) | Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1",
                "SET a = list_append(b, c, d) | Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 3",
                "SET a = if_not_exists(:s, b) | Operator or function requires a document path; operator or function: if_not_exists",
                "SET a = b + :s | Incorrect operand type for operator or function; operator or function: +, operand type: S",
                "SET a = :l - b | Incorrect operand type for operator or function; operator or function: -, operand type: L",
                "SET a = list_append(:s, b) | Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
                "SET a = list_append(b, :n) | Incorrect operand type for operator or function; operator or function: list_append, operand type: N",
                "ADD a :s | Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
                "ADD a :b | Incorrect operand type for operator or function; operator: ADD, operand type: BINARY",
                "ADD a :t | Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN",
                "ADD a :nul | Incorrect operand type for operator or function; operator: ADD, operand type: NULL",
                "ADD a :l | Incorrect operand type for operator or function; operator: ADD, operand type: LIST",
                "ADD a :m | Incorrect operand type for operator or function; operator: ADD, operand type: MAP",
                "DELETE a :n | Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER",
                "DELETE a :s | Incorrect operand type for operator or function; operator: DELETE, operand type: STRING",
                "SET a = :s, a = :n | 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'",
                "SET a = :s REMOVE a.b | 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]'",
                "REMOVE a.b[1].c, a.b[1] | 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b, [1], c], path two: [a, b, [1]]'",
                "SET #a = :s ADD #b :n | 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'",
                "SET a.b = :s REMOVE a[1] | 'Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]'",
                "SET a = :undefined | An expression attribute value used in expression is not defined; attribute value: :undefined",
                "SET #undefined = :s | An expression attribute name used in the document path is not defined; attribute name: #undefined",
                "SET a = :zz, #zz = :s | An expression attribute name used in the document path is not defined; attribute name: #zz",
                "SET status = :s | Attribute name is a reserved keyword; reserved keyword: status",
                "REMOVE a.size | Attribute name is a reserved keyword; reserved keyword: size",
                "SET a = if_not_exists(name, :s) | Attribute name is a reserved keyword; reserved keyword: name",
            })
    void semanticErrors(String text, String message) {
        validation(() -> update(text)).isEqualTo("Invalid UpdateExpression: " + message);
    }

    @Test
    void reservedWordsOutrankUnknownFunctionsWhichOutrankRepeatedSections() {
        validation(() -> update("SET a = foo(b) SET c = :s, name = :s"))
                .isEqualTo("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name");
        validation(() -> update("SET a = foo(b) SET c = :s"))
                .isEqualTo("Invalid UpdateExpression: Invalid function name; function: foo");
    }

    @Test
    void emptyExpression() {
        validation(() -> update(" ")).isEqualTo("Invalid UpdateExpression: The expression can not be empty;");
    }
}
