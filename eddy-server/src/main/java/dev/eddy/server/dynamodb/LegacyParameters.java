package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.expr.Condition;
import dev.eddy.expr.ConditionExpr;
import dev.eddy.expr.ConditionExpr.Comparator;
import dev.eddy.expr.ExpressionFactory;
import dev.eddy.expr.Operand;
import dev.eddy.expr.Path;
import dev.eddy.expr.Projection;
import dev.eddy.expr.Update;
import dev.eddy.expr.UpdateAction;
import dev.eddy.item.AttributeValue;
import dev.eddy.server.http.JsonRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's legacy (pre-expression) parameters: Expected, AttributeUpdates, AttributesToGet,
 * ConditionalOperator, and the condition maps of KeyConditions, QueryFilter and ScanFilter.
 * Each is translated into the same {@link Condition}, {@link Update} or {@link Projection} the
 * equivalent expression produces (DynamoDB documents the pairs: {@code Exists:false} is
 * {@code attribute_not_exists}, {@code BETWEEN} is {@code BETWEEN}, ...), so the engine knows
 * only one form. Mixing a legacy parameter with an expression parameter is rejected with
 * DynamoDB's message.
 */
final class LegacyParameters {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final Set<String> OPERATORS = Set.of(
            "EQ",
            "NE",
            "IN",
            "LE",
            "LT",
            "GE",
            "GT",
            "BETWEEN",
            "NOT_NULL",
            "NULL",
            "CONTAINS",
            "NOT_CONTAINS",
            "BEGINS_WITH");
    private static final Set<String> CONDITIONAL_OPERATORS = Set.of("AND", "OR");
    private static final Set<String> ACTIONS = Set.of("ADD", "PUT", "DELETE");
    private static final Set<AttributeValue.Type> SCALARS =
            Set.of(AttributeValue.Type.S, AttributeValue.Type.N, AttributeValue.Type.B);

    private LegacyParameters() {}

    /**
     * Rejects a request that uses both kinds of parameters, naming each kind's parameters in the
     * given order, as DynamoDB does.
     */
    static void checkNotMixed(JsonRequest r, List<String> expressionParameters, List<String> legacyParameters) {
        List<String> expressions = expressionParameters.stream().filter(r::has).toList();
        List<String> legacy = legacyParameters.stream().filter(r::has).toList();
        if (!expressions.isEmpty() && !legacy.isEmpty()) {
            throw EddyException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                    + String.join(", ", expressions) + "}");
        }
    }

    /**
     * A projection from ProjectionExpression (with ExpressionAttributeNames) or AttributesToGet;
     * null for neither. For requests (and BatchGetItem table entries) that have no other expression.
     */
    static Projection projection(JsonRequest r) {
        checkNotMixed(r, List.of("ProjectionExpression"), List.of("AttributesToGet"));
        ItemOperations.Expressions ex = ItemOperations.expressions(r, "ProjectionExpression");
        String text = r.string("ProjectionExpression");
        Projection projection = text == null
                ? attributesToGet(r.array("AttributesToGet"))
                : ex.context().projection(text);
        ex.done();
        return projection;
    }

    /** AttributesToGet as a projection of top-level attributes; null when absent. */
    static Projection attributesToGet(ArrayNode names) {
        if (names == null) {
            return null;
        }
        if (names.isEmpty()) {
            throw EddyException.validation("1 validation error detected: Value '[]' at 'attributesToGet' failed to "
                    + "satisfy constraint: Member must have length greater than or equal to 1");
        }
        List<Path> paths = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode n : names) {
            if (!n.isTextual()) {
                throw JsonRequest.wrongType(n);
            }
            if (!seen.add(n.textValue())) {
                throw EddyException.validation(INVALID + "Duplicate value in attribute name: " + n.textValue());
            }
            paths.add(Path.of(n.textValue()));
        }
        return ExpressionFactory.projection(paths);
    }

    /** Expected and ConditionalOperator as a condition; null when Expected is absent or empty. */
    static Condition expected(JsonRequest r) {
        ObjectNode expected = r.object("Expected");
        String operator = conditionalOperator(r, expected, "Expected");
        if (expected == null || expected.isEmpty()) {
            // an empty map expects nothing, as an absent one: there is no condition to join
            return null;
        }
        List<ConditionExpr> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(expectedEntry(e.getKey(), e.getValue()));
        }
        return ExpressionFactory.condition(join(parts, operator));
    }

    /**
     * A QueryFilter or ScanFilter map as a condition, joined by ConditionalOperator; null when the
     * map is absent or empty.
     */
    static Condition conditions(JsonRequest r, String parameter) {
        ObjectNode map = r.object(parameter);
        String operator = conditionalOperator(r, map, parameter);
        List<Entry> entries = entries(r, parameter);
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        return ExpressionFactory.condition(
                join(entries.stream().map(Entry::condition).toList(), operator));
    }

    /** One entry of a KeyConditions, QueryFilter or ScanFilter map, checked and translated. */
    record Entry(String attribute, String operator, List<AttributeValue> values, ConditionExpr condition) {}

    /** The entries of a condition map in request order, each checked; null when the map is absent. */
    static List<Entry> entries(JsonRequest r, String parameter) {
        ObjectNode map = r.object(parameter);
        if (map == null) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw JsonRequest.wrongType(e.getValue());
            }
            String op = JsonRequest.string(e.getValue(), "ComparisonOperator");
            if (op == null) {
                throw EddyException.validation("1 validation error detected: Value null at '"
                        + Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1) + "." + e.getKey()
                        + ".member.comparisonOperator' failed to satisfy constraint: Member must not be null");
            }
            List<AttributeValue> values = values(JsonRequest.array(e.getValue(), "AttributeValueList"));
            entries.add(new Entry(e.getKey(), op, values, comparison(e.getKey(), op, values)));
        }
        return entries;
    }

    static ConditionExpr and(List<ConditionExpr> parts) {
        return join(parts, "AND");
    }

    private static String conditionalOperator(JsonRequest r, ObjectNode map, String parameter) {
        String operator = r.string("ConditionalOperator");
        if (operator == null) {
            return "AND";
        }
        if (!CONDITIONAL_OPERATORS.contains(operator)) {
            throw EddyException.validation(
                    "1 validation error detected: Value '" + operator + "' at "
                            + "'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]");
        }
        if (map == null) {
            throw EddyException.validation("ConditionalOperator cannot be used without Filter or Expected");
        }
        if (map.size() <= 1) {
            throw EddyException.validation(
                    "ConditionalOperator can only be used when Filter or Expected has two or " + "more elements");
        }
        return operator;
    }

    private static ConditionExpr join(List<ConditionExpr> parts, String operator) {
        ConditionExpr result = parts.getFirst();
        for (int i = 1; i < parts.size(); i++) {
            result = operator.equals("OR")
                    ? new ConditionExpr.Or(result, parts.get(i))
                    : new ConditionExpr.And(result, parts.get(i));
        }
        return result;
    }

    private static ConditionExpr expectedEntry(String attribute, JsonNode node) {
        if (!node.isObject()) {
            throw JsonRequest.wrongType(node);
        }
        JsonNode valueNode = node.get("Value");
        AttributeValue value = valueNode == null || valueNode.isNull() ? null : AttributeValueJson.value(valueNode, 1);
        ArrayNode list = JsonRequest.array(node, "AttributeValueList");
        Boolean exists = JsonRequest.bool(node, "Exists");
        String op = JsonRequest.string(node, "ComparisonOperator");
        if (list != null && value != null) {
            throw EddyException.validation(
                    INVALID + "Value and AttributeValueList cannot be used together for " + "Attribute: " + attribute);
        }
        if (op != null) {
            if (exists != null) {
                throw EddyException.validation(INVALID + "Exists and ComparisonOperator cannot be used together for "
                        + "Attribute: " + attribute);
            }
            if (!op.equals("NULL") && !op.equals("NOT_NULL") && list == null && value == null) {
                throw EddyException.validation(INVALID + "Value or AttributeValueList must be used with "
                        + "ComparisonOperator: " + op + " for Attribute: " + attribute);
            }
            return comparison(attribute, op, value != null ? List.of(value) : values(list));
        }
        if (list != null) {
            throw EddyException.validation(INVALID + "AttributeValueList can only be used with a ComparisonOperator "
                    + "for Attribute: " + attribute);
        }
        boolean mustExist = exists == null || exists;
        if (mustExist && value == null) {
            throw EddyException.validation(INVALID + "Value must be provided when Exists is "
                    + (exists == null ? "null" : "true") + " for Attribute: " + attribute);
        }
        if (!mustExist && value != null) {
            throw EddyException.validation(
                    INVALID + "Value cannot be used when Exists is false for Attribute: " + attribute);
        }
        Path path = Path.of(attribute);
        return mustExist
                ? new ConditionExpr.Comparison(Comparator.EQ, new Operand.PathOperand(path), literal(value))
                : new ConditionExpr.AttributeNotExists(path);
    }

    private static List<AttributeValue> values(ArrayNode list) {
        List<AttributeValue> values = new ArrayList<>();
        if (list != null) {
            for (JsonNode n : list) {
                values.add(AttributeValueJson.value(n, 1));
            }
        }
        return values;
    }

    /** One ComparisonOperator condition on a top-level attribute. */
    static ConditionExpr comparison(String attribute, String op, List<AttributeValue> values) {
        if (!OPERATORS.contains(op)) {
            throw EddyException.validation("1 validation error detected: Value '" + op + "' at 'comparisonOperator' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, "
                    + "NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
        }
        boolean countOk = switch (op) {
            case "NULL", "NOT_NULL" -> values.isEmpty();
            case "IN" -> !values.isEmpty();
            case "BETWEEN" -> values.size() == 2;
            default -> values.size() == 1;
        };
        if (!countOk) {
            throw EddyException.validation(
                    INVALID + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
        }
        for (AttributeValue v : values) {
            if (v.type() != values.getFirst().type()) {
                throw EddyException.validation(
                        INVALID + "AttributeValues inside AttributeValueList must be of same " + "type");
            }
            boolean typeOk = switch (op) {
                case "EQ", "NE" -> true;
                case "BEGINS_WITH" -> v.type() == AttributeValue.Type.S || v.type() == AttributeValue.Type.B;
                default -> SCALARS.contains(v.type());
            };
            if (!typeOk) {
                throw EddyException.validation(INVALID + "ComparisonOperator " + op + " is not valid for " + v.type()
                        + " AttributeValue type");
            }
        }
        Path path = Path.of(attribute);
        Operand a = new Operand.PathOperand(path);
        return switch (op) {
            case "EQ" -> new ConditionExpr.Comparison(Comparator.EQ, a, literal(values.get(0)));
            case "NE" -> new ConditionExpr.Comparison(Comparator.NE, a, literal(values.get(0)));
            case "LT" -> new ConditionExpr.Comparison(Comparator.LT, a, literal(values.get(0)));
            case "LE" -> new ConditionExpr.Comparison(Comparator.LE, a, literal(values.get(0)));
            case "GT" -> new ConditionExpr.Comparison(Comparator.GT, a, literal(values.get(0)));
            case "GE" -> new ConditionExpr.Comparison(Comparator.GE, a, literal(values.get(0)));
            case "NULL" -> new ConditionExpr.AttributeNotExists(path);
            case "NOT_NULL" -> new ConditionExpr.AttributeExists(path);
            case "CONTAINS" -> new ConditionExpr.Contains(a, literal(values.get(0)));
            case "NOT_CONTAINS" -> new ConditionExpr.Not(new ConditionExpr.Contains(a, literal(values.get(0))));
            case "BEGINS_WITH" -> new ConditionExpr.BeginsWith(a, literal(values.get(0)));
            case "IN" ->
                new ConditionExpr.In(
                        a,
                        values.stream().<Operand>map(LegacyParameters::literal).toList());
            default -> {
                if (ExpressionFactory.greater(values.get(0), values.get(1))) {
                    throw EddyException.validation("The BETWEEN condition was provided a range where the lower bound "
                            + "is greater than the upper bound");
                }
                yield new ConditionExpr.Between(a, literal(values.get(0)), literal(values.get(1)));
            }
        };
    }

    private static Operand.Value literal(AttributeValue v) {
        return new Operand.Value(":legacy", v);
    }

    /** AttributeUpdates as an update; null when absent. */
    static Update attributeUpdates(JsonRequest r) {
        ObjectNode updates = r.object("AttributeUpdates");
        if (updates == null) {
            return null;
        }
        List<UpdateAction> actions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = updates.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw JsonRequest.wrongType(e.getValue());
            }
            String action = JsonRequest.string(e.getValue(), "Action");
            if (action != null && !ACTIONS.contains(action)) {
                throw EddyException.validation("1 validation error detected: Value '" + action + "' at "
                        + "'attributeUpdates." + e.getKey() + ".member.action' failed to satisfy constraint: Member "
                        + "must satisfy enum value set: [ADD, PUT, DELETE]");
            }
            JsonNode valueNode = e.getValue().get("Value");
            AttributeValue value =
                    valueNode == null || valueNode.isNull() ? null : AttributeValueJson.value(valueNode, 1);
            actions.add(updateAction(e.getKey(), action == null ? "PUT" : action, value));
        }
        return ExpressionFactory.update(actions);
    }

    private static UpdateAction updateAction(String attribute, String action, AttributeValue value) {
        Path path = Path.of(attribute);
        if (value == null) {
            if (!action.equals("DELETE")) {
                throw EddyException.validation(
                        INVALID + "Only DELETE action is allowed when no attribute value is " + "specified");
            }
            return new UpdateAction.Remove(path);
        }
        boolean set = value.type() == AttributeValue.Type.SS
                || value.type() == AttributeValue.Type.NS
                || value.type() == AttributeValue.Type.BS;
        return switch (action) {
            case "PUT" -> new UpdateAction.Set(path, new UpdateAction.Literal(literal(value)));
            case "DELETE" -> {
                if (!set) {
                    throw EddyException.validation(
                            INVALID + "Action DELETE is not supported for the type " + value.type());
                }
                yield new UpdateAction.Delete(path, literal(value));
            }
            default -> {
                if (!set && value.type() != AttributeValue.Type.N) {
                    throw EddyException.validation(
                            INVALID + "Action ADD is not supported for the type " + value.type());
                }
                yield new UpdateAction.Add(path, literal(value));
            }
        };
    }
}
