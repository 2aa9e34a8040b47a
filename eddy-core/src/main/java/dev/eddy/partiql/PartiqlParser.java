package dev.eddy.partiql;

import dev.eddy.error.EddyException;
import dev.eddy.expr.ConditionExpr;
import dev.eddy.expr.ConditionExpr.Comparator;
import dev.eddy.expr.Operand;
import dev.eddy.expr.Path;
import dev.eddy.expr.UpdateAction;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.Numbers;
import dev.eddy.table.ReturnValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Parses one PartiQL statement and binds its {@code ?} parameters, in the order they appear.
 * Every error is a ValidationException with DynamoDB's wording. Not thread-safe; one per statement.
 */
public final class PartiqlParser {
    private static final String MALFORMED = "Statement wasn't well formed, can't be processed: ";

    private final List<AttributeValue> parameters;
    private int nextParameter;

    private PartiqlParser(List<AttributeValue> parameters) {
        this.parameters = parameters == null ? List.of() : parameters;
    }

    /** The statement, with {@code parameters} (may be null) bound. */
    public static Statement parse(String text, List<AttributeValue> parameters) {
        PartiqlParser p = new PartiqlParser(parameters);
        Statement s;
        try {
            s = p.statement(tree(text));
        } catch (StackOverflowError e) {
            // deeply nested parentheses: a client's statement must never end the request with a 500
            throw EddyException.validation(MALFORMED + "Statement is nested too deeply");
        }
        if (p.nextParameter != p.parameters.size()) {
            throw EddyException.validation("Number of parameters in request and statement don't match.");
        }
        return s;
    }

    private static PartiQLParser.StatementContext tree(String text) {
        PartiQLLexer lexer = new PartiQLLexer(CharStreams.fromString(text));
        BaseErrorListener fail = new BaseErrorListener() {
            @Override
            public void syntaxError(
                    Recognizer<?, ?> recognizer,
                    Object offending,
                    int line,
                    int column,
                    String msg,
                    RecognitionException e) {
                String near = offending instanceof Token t ? t.getText() : null;
                throw EddyException.validation(MALFORMED
                        + (near == null || near.equals("<EOF>")
                                ? "Unexpected end of statement"
                                : "Unexpected token: " + near)
                        + " at line " + line
                        + ", column " + (column + 1));
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(fail);
        PartiQLParser parser = new PartiQLParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(fail);
        return parser.statement();
    }

    private Statement statement(PartiQLParser.StatementContext c) {
        if (c.exists() != null) {
            return new Statement.Exists((Statement.Select) select(c.exists().select()));
        }
        if (c.select() != null) {
            return select(c.select());
        }
        if (c.insert() != null) {
            return insert(c.insert());
        }
        if (c.update() != null) {
            return update(c.update());
        }
        return delete(c.delete());
    }

    private Statement select(PartiQLParser.SelectContext c) {
        List<Path> projection = null;
        if (c.projection().path().size() > 0) {
            projection = c.projection().path().stream().map(this::path).toList();
        }
        String table = name(c.target().name(0));
        String index = c.target().name().size() > 1 ? name(c.target().name(1)) : null;
        ConditionExpr where = c.condition() == null ? null : condition(c.condition());
        List<Statement.Order> orderBy = new ArrayList<>();
        for (PartiQLParser.OrderItemContext o : c.orderItem()) {
            Path p = path(o.path());
            if (!p.isTopLevel()) {
                throw EddyException.validation(
                        "ORDER BY can only name a key attribute: " + o.path().getText());
            }
            orderBy.add(new Statement.Order(p.attribute(), o.DESC() != null));
        }
        return new Statement.Select(table, index, projection, where, orderBy);
    }

    private Statement insert(PartiQLParser.InsertContext c) {
        AttributeValue v = value(c.value());
        if (!(v instanceof AttributeValue.M m)) {
            throw EddyException.validation(
                    "Unsupported operation: Inserting a value that is not a tuple is not " + "supported");
        }
        return new Statement.Insert(name(c.name()), m.values());
    }

    private Statement update(PartiQLParser.UpdateContext c) {
        List<UpdateAction> actions = new ArrayList<>();
        for (PartiQLParser.UpdateClauseContext clause : c.updateClause()) {
            if (clause instanceof PartiQLParser.SetClauseContext set) {
                for (PartiQLParser.SetItemContext item : set.setItem()) {
                    actions.add(setAction(path(item.path()), item.setValue()));
                }
            } else {
                for (PartiQLParser.PathContext p : ((PartiQLParser.RemoveClauseContext) clause).path()) {
                    actions.add(new UpdateAction.Remove(path(p)));
                }
            }
        }
        ConditionExpr where = condition(c.condition());
        return new Statement.Update(name(c.name()), actions, where, returning(c.returning()));
    }

    private Statement delete(PartiQLParser.DeleteContext c) {
        ConditionExpr where = condition(c.condition());
        ReturnValues returning = returning(c.returning());
        if (returning != ReturnValues.NONE && returning != ReturnValues.ALL_OLD) {
            throw EddyException.validation(MALFORMED + "DELETE supports only RETURNING ALL OLD *");
        }
        return new Statement.Delete(name(c.name()), where, returning);
    }

    private static ReturnValues returning(PartiQLParser.ReturningContext c) {
        if (c == null) {
            return ReturnValues.NONE;
        }
        boolean all = c.ALL() != null;
        boolean old = c.OLD() != null;
        return all
                ? (old ? ReturnValues.ALL_OLD : ReturnValues.ALL_NEW)
                : (old ? ReturnValues.UPDATED_OLD : ReturnValues.UPDATED_NEW);
    }

    private UpdateAction setAction(Path target, PartiQLParser.SetValueContext c) {
        if (c instanceof PartiQLParser.SetFunctionContext f) {
            String fn = f.IDENTIFIER().getText().toLowerCase();
            if (fn.equals("set_add") || fn.equals("set_delete")) {
                if (f.setValue().size() != 2 || !(f.setValue(1) instanceof PartiQLParser.SetLiteralContext lit)) {
                    throw EddyException.validation(MALFORMED + fn + " takes a path and a set");
                }
                Operand.Value v = literal(value(lit.value()));
                return fn.equals("set_add") ? new UpdateAction.Add(target, v) : new UpdateAction.Delete(target, v);
            }
        }
        return new UpdateAction.Set(target, setValue(c));
    }

    private UpdateAction.SetValue setValue(PartiQLParser.SetValueContext c) {
        return switch (c) {
            case PartiQLParser.PlusContext p -> new UpdateAction.Plus(setValue(p.setValue(0)), setValue(p.setValue(1)));
            case PartiQLParser.MinusContext m ->
                new UpdateAction.Minus(setValue(m.setValue(0)), setValue(m.setValue(1)));
            case PartiQLParser.SetPathContext p -> new UpdateAction.PathValue(path(p.path()));
            case PartiQLParser.SetLiteralContext l -> new UpdateAction.Literal(literal(value(l.value())));
            case PartiQLParser.SetFunctionContext f -> {
                String fn = f.IDENTIFIER().getText().toLowerCase();
                if (fn.equals("list_append") && f.setValue().size() == 2) {
                    yield new UpdateAction.ListAppend(setValue(f.setValue(0)), setValue(f.setValue(1)));
                }
                if (fn.equals("if_not_exists")
                        && f.setValue().size() == 2
                        && f.setValue(0) instanceof PartiQLParser.SetPathContext p) {
                    yield new UpdateAction.IfNotExists(path(p.path()), setValue(f.setValue(1)));
                }
                throw EddyException.validation(MALFORMED + "Unsupported function in SET: " + fn);
            }
            default -> throw new IllegalStateException(c.getClass().getName());
        };
    }

    private ConditionExpr condition(PartiQLParser.ConditionContext c) {
        return switch (c) {
            case PartiQLParser.NotContext n -> new ConditionExpr.Not(condition(n.condition()));
            case PartiQLParser.AndContext a ->
                new ConditionExpr.And(condition(a.condition(0)), condition(a.condition(1)));
            case PartiQLParser.OrContext o ->
                new ConditionExpr.Or(condition(o.condition(0)), condition(o.condition(1)));
            case PartiQLParser.ParenthesisedContext p -> condition(p.condition());
            case PartiQLParser.ComparisonContext cmp -> {
                Operand left = operand(cmp.operand(0));
                String symbol = cmp.comparator().getText();
                Operand right = operand(cmp.operand(1));
                yield new ConditionExpr.Comparison(comparator(symbol), left, right);
            }
            case PartiQLParser.BetweenContext b -> {
                Operand v = operand(b.operand(0));
                Operand low = operand(b.operand(1));
                yield new ConditionExpr.Between(v, low, operand(b.operand(2)));
            }
            case PartiQLParser.InContext in -> {
                Operand v = operand(in.operand());
                List<Operand> candidates = new ArrayList<>();
                in.value().forEach(x -> candidates.add(literal(value(x))));
                yield new ConditionExpr.In(v, candidates);
            }
            case PartiQLParser.IsContext is -> {
                Path p = requirePath(operand(is.operand()));
                boolean not = is.NOT() != null;
                if (is.MISSING() != null) {
                    yield not ? new ConditionExpr.AttributeExists(p) : new ConditionExpr.AttributeNotExists(p);
                }
                ConditionExpr isNull = new ConditionExpr.AttributeType(p, literal(new AttributeValue.S("NULL")));
                yield not ? new ConditionExpr.Not(isNull) : isNull;
            }
            case PartiQLParser.FunctionContext f -> function(f);
            default -> throw new IllegalStateException(c.getClass().getName());
        };
    }

    private static Comparator comparator(String symbol) {
        String s = symbol.equals("!=") ? "<>" : symbol;
        for (Comparator c : Comparator.values()) {
            if (c.symbol().equals(s)) {
                return c;
            }
        }
        throw new IllegalStateException(symbol);
    }

    private ConditionExpr function(PartiQLParser.FunctionContext f) {
        String fn = f.IDENTIFIER().getText().toLowerCase();
        List<Operand> args = f.operand().stream().map(this::operand).toList();
        if (args.size() == 2) {
            switch (fn) {
                case "begins_with" -> {
                    return new ConditionExpr.BeginsWith(args.get(0), args.get(1));
                }
                case "contains" -> {
                    return new ConditionExpr.Contains(args.get(0), args.get(1));
                }
                case "attribute_type" -> {
                    return new ConditionExpr.AttributeType(requirePath(args.get(0)), args.get(1));
                }
                default -> {}
            }
        }
        throw EddyException.validation(MALFORMED + "Unsupported function: " + fn);
    }

    private static Path requirePath(Operand o) {
        if (o instanceof Operand.PathOperand p) {
            return p.path();
        }
        throw EddyException.validation(MALFORMED + "Expected an attribute path");
    }

    private Operand operand(PartiQLParser.OperandContext c) {
        return switch (c) {
            case PartiQLParser.PathOperandContext p -> new Operand.PathOperand(path(p.path()));
            case PartiQLParser.ValueOperandContext v -> literal(value(v.value()));
            case PartiQLParser.SizeOperandContext s -> {
                if (!s.IDENTIFIER().getText().equalsIgnoreCase("size")) {
                    throw EddyException.validation(MALFORMED + "Unsupported function: "
                            + s.IDENTIFIER().getText());
                }
                yield new Operand.Size(operand(s.operand()));
            }
            default -> throw new IllegalStateException(c.getClass().getName());
        };
    }

    private Path path(PartiQLParser.PathContext c) {
        List<Path.Element> elements = new ArrayList<>();
        elements.add(new Path.Name(name(c.name())));
        for (PartiQLParser.PathStepContext step : c.pathStep()) {
            elements.add(
                    switch (step) {
                        case PartiQLParser.MemberContext m -> new Path.Name(name(m.name()));
                        case PartiQLParser.IndexContext i ->
                            new Path.Index(listIndex(i.NUMBER().getText()));
                        case PartiQLParser.KeyContext k ->
                            new Path.Name(string(k.STRING().getText()));
                        default ->
                            throw new IllegalStateException(step.getClass().getName());
                    });
        }
        return new Path(elements);
    }

    /** A list index as written; beyond the int range or not a whole number it is malformed. */
    private static int listIndex(String text) {
        try {
            int index = Integer.parseInt(text);
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as a negative index
        }
        throw EddyException.validation(MALFORMED + "Invalid list index: " + text);
    }

    private static String name(PartiQLParser.NameContext c) {
        if (c.QUOTED_IDENTIFIER() != null) {
            String t = c.QUOTED_IDENTIFIER().getText();
            return t.substring(1, t.length() - 1).replace("\"\"", "\"");
        }
        return c.IDENTIFIER().getText();
    }

    private static String string(String token) {
        return token.substring(1, token.length() - 1).replace("''", "'");
    }

    private static Operand.Value literal(AttributeValue v) {
        return new Operand.Value("?", v);
    }

    private AttributeValue value(PartiQLParser.ValueContext c) {
        return switch (c) {
            case PartiQLParser.StringContext s ->
                new AttributeValue.S(string(s.STRING().getText()));
            case PartiQLParser.NumberContext n -> new AttributeValue.N(Numbers.parse(n.getText()));
            case PartiQLParser.ParameterContext p -> {
                if (nextParameter >= parameters.size()) {
                    throw EddyException.validation("Number of parameters in request and statement don't match.");
                }
                yield parameters.get(nextParameter++);
            }
            case PartiQLParser.BooleanContext b -> new AttributeValue.Bool(b.TRUE() != null);
            case PartiQLParser.NullContext ignored -> new AttributeValue.Null();
            case PartiQLParser.TupleContext t -> {
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                for (int i = 0; i < t.STRING().size(); i++) {
                    String key = string(t.STRING(i).getText());
                    if (m.put(key, value(t.value(i))) != null) {
                        throw EddyException.validation(MALFORMED + "Duplicate tuple attribute: " + key);
                    }
                }
                yield new AttributeValue.M(m);
            }
            case PartiQLParser.ListContext l -> {
                List<AttributeValue> list = new ArrayList<>();
                l.value().forEach(v -> list.add(value(v)));
                yield new AttributeValue.L(list);
            }
            case PartiQLParser.SetContext s -> set(s);
            default -> throw new IllegalStateException(c.getClass().getName());
        };
    }

    private AttributeValue set(PartiQLParser.SetContext s) {
        List<AttributeValue> members = new ArrayList<>();
        s.value().forEach(v -> members.add(value(v)));
        if (members.isEmpty()) {
            throw EddyException.validation(MALFORMED + "A set may not be empty");
        }
        if (members.stream().allMatch(m -> m instanceof AttributeValue.S)) {
            return new AttributeValue.SS(members.stream()
                    .map(m -> ((AttributeValue.S) m).value())
                    .distinct()
                    .toList());
        }
        if (members.stream().allMatch(m -> m instanceof AttributeValue.N)) {
            List<BigDecimal> numbers = new ArrayList<>();
            for (AttributeValue m : members) {
                BigDecimal d = ((AttributeValue.N) m).value();
                if (numbers.stream().noneMatch(x -> x.compareTo(d) == 0)) {
                    numbers.add(d);
                }
            }
            return new AttributeValue.NS(numbers);
        }
        if (members.stream().allMatch(m -> m instanceof AttributeValue.B)) {
            return new AttributeValue.BS(
                    members.stream().map(m -> (AttributeValue.B) m).distinct().toList());
        }
        throw EddyException.validation(
                MALFORMED + "A set must contain members of one type: strings, numbers or " + "binaries");
    }
}
