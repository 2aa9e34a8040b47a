package dev.eddy.expr;

import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The expressions of one request. ExpressionAttributeNames and ExpressionAttributeValues are
 * shared by all expressions of a request; each expression is parsed (or taken from a shared
 * cache), its placeholders resolved and checked, and the result is immutable. Call
 * {@link #checkAllUsed()} once all of the request's expressions are built.
 *
 * <p>Not thread-safe; one instance per request. Every method throws
 * {@link EddyException} ValidationException with DynamoDB's message for a client error.
 */
public final class ExpressionContext {

    private static final Pattern NAME_KEY = Pattern.compile("#[A-Za-z0-9_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[A-Za-z0-9_]+");

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();
    private final Resolver resolver;

    /** Either map may be null or empty. Values are already-valid attribute values. */
    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? Map.of() : new LinkedHashMap<>(names);
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
        checkKeys("ExpressionAttributeNames", this.names.keySet(), NAME_KEY);
        checkKeys("ExpressionAttributeValues", this.values.keySet(), VALUE_KEY);
        this.resolver = new Resolver(this.names, this.values, usedNames, usedValues);
    }

    private static void checkKeys(String parameter, Set<String> keys, Pattern syntax) {
        for (String key : keys) {
            if (!syntax.matcher(key).matches()) {
                throw EddyException.validation(parameter + " contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        }
    }

    /**
     * A condition, filter or key condition expression.
     *
     * @param parameterName the request parameter it came from ("ConditionExpression",
     *     "FilterExpression", "KeyConditionExpression"), used in messages
     */
    public Condition condition(String text, String parameterName) {
        Syntax.checkLength(text, parameterName);
        Parsed<ConditionExpr> parsed = ExpressionCache.get('C', text, () -> AstBuilder.condition(text, parameterName));
        ConditionExpr ast = resolver.condition(resolver.check(parsed, parameterName));
        Checks.condition(ast, parameterName);
        return new Condition(ast);
    }

    /** An UpdateExpression. */
    public Update update(String text) {
        Syntax.checkLength(text, "UpdateExpression");
        Parsed<List<UpdateAction>> parsed = ExpressionCache.get('U', text, () -> AstBuilder.update(text));
        List<UpdateAction> actions = resolver.actions(resolver.check(parsed, "UpdateExpression"));
        Checks.update(actions);
        return new Update(actions);
    }

    /** A ProjectionExpression. */
    public Projection projection(String text) {
        Syntax.checkLength(text, "ProjectionExpression");
        Parsed<List<Path>> parsed =
                ExpressionCache.get('P', text, () -> AstBuilder.projection(text, "ProjectionExpression"));
        List<Path> paths = resolver.check(parsed, "ProjectionExpression").stream()
                .map(resolver::path)
                .toList();
        Checks.paths(paths, "ProjectionExpression");
        return new Projection(paths);
    }

    /**
     * Rejects names or values that no expression of the request used, as DynamoDB does: names
     * are checked first.
     */
    public void checkAllUsed() {
        unused("ExpressionAttributeNames", names.keySet(), usedNames);
        unused("ExpressionAttributeValues", values.keySet(), usedValues);
    }

    private static void unused(String parameter, Set<String> defined, Set<String> used) {
        List<String> unused = defined.stream().filter(k -> !used.contains(k)).toList();
        if (!unused.isEmpty()) {
            throw EddyException.validation("Value provided in " + parameter + " unused in expressions: keys: {"
                    + unused.stream().collect(Collectors.joining(", ")) + "}");
        }
    }
}
