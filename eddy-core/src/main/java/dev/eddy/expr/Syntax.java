package dev.eddy.expr;

import dev.eddy.error.EddyException;
import dev.eddy.item.Items;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Runs the ANTLR parser over one expression and turns its first error into DynamoDB's
 * {@code Syntax error; token: "<tok>", near: "<prev tok next>"} message.
 */
final class Syntax {

    /** DynamoDB's limit on the length of one expression, in UTF-8 bytes. */
    static final int MAX_EXPRESSION_BYTES = 4096;

    /**
     * How deeply parentheses may nest. DynamoDB rejects deep expressions (its limit is not
     * documented); the bound keeps the recursive parser far from the end of its stack.
     */
    static final int MAX_PARENTHESES_DEPTH = 100;

    private Syntax() {}

    /** Rejects empty and oversized expressions before parsing, with DynamoDB's messages. */
    static void checkLength(String text, String parameter) {
        if (text == null || text.isBlank()) {
            throw invalid(parameter, "The expression can not be empty;");
        }
        long bytes = Items.utf8Length(text);
        if (bytes > MAX_EXPRESSION_BYTES) {
            // DynamoDB states the size for conditions and filters only
            boolean withSize = parameter.equals("ConditionExpression") || parameter.equals("FilterExpression");
            throw invalid(
                    parameter,
                    "Expression size has exceeded the maximum allowed size;"
                            + (withSize ? " expression size: " + bytes : ""));
        }
        checkDepth(text, parameter);
    }

    private static void checkDepth(String text, String parameter) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' && ++depth > MAX_PARENTHESES_DEPTH) {
                throw invalid(
                        parameter,
                        "The expression has exceeded the maximum nesting depth of parentheses: " + MAX_PARENTHESES_DEPTH
                                + ";");
            } else if (c == ')') {
                depth--;
            }
        }
    }

    /** Parses {@code text} with the entry rule {@code rule}; throws the first syntax error. */
    static <T extends ParserRuleContext> T parse(
            String text, String parameter, Function<DynamoExpressionParser, T> rule) {
        CommonTokenStream tokens = new CommonTokenStream(new DynamoExpressionLexer(CharStreams.fromString(text)));
        DynamoExpressionParser parser = new DynamoExpressionParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(
                    Recognizer<?, ?> recognizer,
                    Object offendingSymbol,
                    int line,
                    int column,
                    String msg,
                    RecognitionException e) {
                throw Syntax.syntaxError(text, tokens, (Token) offendingSymbol, parameter);
            }
        });
        try {
            return rule.apply(parser);
        } catch (StackOverflowError e) {
            // a last line of defence behind checkDepth: a client's expression must never end the request with a 500
            throw invalid(parameter, "The expression is nested too deeply;");
        }
    }

    private static EddyException syntaxError(String text, CommonTokenStream tokens, Token offending, String parameter) {
        tokens.fill();
        List<Token> all = tokens.getTokens();
        int i = offending.getTokenIndex();
        boolean eof = offending.getType() == Token.EOF;
        Token previous = i > 0 ? all.get(i - 1) : null;
        Token next = !eof && i + 1 < all.size() && all.get(i + 1).getType() != Token.EOF ? all.get(i + 1) : null;
        int from = previous != null ? previous.getStartIndex() : eof ? text.length() : offending.getStartIndex();
        int to = next != null
                ? next.getStopIndex() + 1
                : eof ? (previous != null ? previous.getStopIndex() + 1 : text.length()) : offending.getStopIndex() + 1;
        String token = eof ? "<EOF>" : offending.getText();
        return invalid(parameter, "Syntax error; token: \"" + token + "\", near: \"" + text.substring(from, to) + "\"");
    }

    static EddyException invalid(String parameter, String message) {
        return EddyException.validation("Invalid " + parameter + ": " + message);
    }
}
