package dev.eddy.expr;

import dev.eddy.expr.ConditionExpr.Comparator;
import dev.eddy.expr.DynamoExpressionParser.AddClauseContext;
import dev.eddy.expr.DynamoExpressionParser.AndConditionContext;
import dev.eddy.expr.DynamoExpressionParser.ArithmeticContext;
import dev.eddy.expr.DynamoExpressionParser.BetweenContext;
import dev.eddy.expr.DynamoExpressionParser.ClauseContext;
import dev.eddy.expr.DynamoExpressionParser.ComparisonContext;
import dev.eddy.expr.DynamoExpressionParser.DeleteClauseContext;
import dev.eddy.expr.DynamoExpressionParser.FunctionConditionContext;
import dev.eddy.expr.DynamoExpressionParser.FunctionContext;
import dev.eddy.expr.DynamoExpressionParser.FunctionOperandContext;
import dev.eddy.expr.DynamoExpressionParser.InContext;
import dev.eddy.expr.DynamoExpressionParser.ListStepContext;
import dev.eddy.expr.DynamoExpressionParser.MapStepContext;
import dev.eddy.expr.DynamoExpressionParser.NameContext;
import dev.eddy.expr.DynamoExpressionParser.NegationContext;
import dev.eddy.expr.DynamoExpressionParser.NotConditionContext;
import dev.eddy.expr.DynamoExpressionParser.OperandContext;
import dev.eddy.expr.DynamoExpressionParser.OrConditionContext;
import dev.eddy.expr.DynamoExpressionParser.ParenthesisedContext;
import dev.eddy.expr.DynamoExpressionParser.ParenthesisedOperandContext;
import dev.eddy.expr.DynamoExpressionParser.ParenthesisedSetOperandContext;
import dev.eddy.expr.DynamoExpressionParser.ParenthesisedSetValueContext;
import dev.eddy.expr.DynamoExpressionParser.PathContext;
import dev.eddy.expr.DynamoExpressionParser.PathOperandContext;
import dev.eddy.expr.DynamoExpressionParser.PathStepContext;
import dev.eddy.expr.DynamoExpressionParser.PlainSetValueContext;
import dev.eddy.expr.DynamoExpressionParser.PrimaryConditionContext;
import dev.eddy.expr.DynamoExpressionParser.PrimaryContext;
import dev.eddy.expr.DynamoExpressionParser.RemoveClauseContext;
import dev.eddy.expr.DynamoExpressionParser.SetActionContext;
import dev.eddy.expr.DynamoExpressionParser.SetClauseContext;
import dev.eddy.expr.DynamoExpressionParser.SetFunctionContext;
import dev.eddy.expr.DynamoExpressionParser.SetOperandContext;
import dev.eddy.expr.DynamoExpressionParser.SetPathContext;
import dev.eddy.expr.DynamoExpressionParser.SetValueContext;
import dev.eddy.expr.DynamoExpressionParser.SetValueRefContext;
import dev.eddy.expr.DynamoExpressionParser.UpdatePathContext;
import dev.eddy.expr.DynamoExpressionParser.ValueOperandContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree into the unresolved AST and finds the problems that depend on the text
 * alone (unknown or misused functions, reserved words, repeated clauses, redundant
 * parentheses, operand counts). Each problem kind keeps its first occurrence; the kinds are
 * reported in the order DynamoDB reports them.
 */
final class AstBuilder {

    private enum Problem {
        PARENS,
        UNKNOWN_FUNCTION,
        MISUSED_FUNCTION,
        RESERVED,
        SECTION
    }

    private static final List<Problem> CONDITION_ORDER =
            List.of(Problem.PARENS, Problem.UNKNOWN_FUNCTION, Problem.MISUSED_FUNCTION, Problem.RESERVED);
    private static final List<Problem> UPDATE_ORDER =
            List.of(Problem.RESERVED, Problem.UNKNOWN_FUNCTION, Problem.SECTION);
    private static final List<Problem> PROJECTION_ORDER = List.of(Problem.RESERVED);

    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size");
    private static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
    /** DynamoDB's limit on the candidates of one IN. */
    static final int MAX_IN_OPERANDS = 100;
    /** DynamoDB's limit on the elements of one document path (names and list indexes). */
    static final int MAX_PATH_LEVELS = 32;

    private static final Operand.Value BROKEN = new Operand.Value("", null);

    private final String parameter;
    private final EnumMap<Problem, String> problems = new EnumMap<>(Problem.class);
    private final Set<String> names = new LinkedHashSet<>();
    private final Set<String> values = new LinkedHashSet<>();
    private final Set<String> sections = new HashSet<>();
    private String deferred;

    private AstBuilder(String parameter) {
        this.parameter = parameter;
    }

    static Parsed<ConditionExpr> condition(String text, String parameter) {
        AstBuilder b = new AstBuilder(parameter);
        var tree = Syntax.parse(text, parameter, DynamoExpressionParser::conditionExpression);
        ConditionExpr ast = b.or(tree.orCondition());
        return b.finish(ast, CONDITION_ORDER);
    }

    static Parsed<List<UpdateAction>> update(String text) {
        AstBuilder b = new AstBuilder("UpdateExpression");
        var tree = Syntax.parse(text, b.parameter, DynamoExpressionParser::updateExpression);
        List<UpdateAction> actions = new ArrayList<>();
        for (ClauseContext clause : tree.clause()) {
            b.clause(clause, actions);
        }
        return b.finish(List.copyOf(actions), UPDATE_ORDER);
    }

    static Parsed<List<Path>> projection(String text, String parameter) {
        AstBuilder b = new AstBuilder(parameter);
        var tree = Syntax.parse(text, parameter, DynamoExpressionParser::projectionExpression);
        List<Path> paths = tree.path().stream().map(b::path).toList();
        return b.finish(paths, PROJECTION_ORDER);
    }

    private <T> Parsed<T> finish(T ast, List<Problem> order) {
        for (Problem p : order) {
            if (problems.containsKey(p)) {
                throw Syntax.invalid(parameter, problems.get(p));
            }
        }
        return new Parsed<>(deferred == null ? ast : null, List.copyOf(names), List.copyOf(values), deferred);
    }

    private void problem(Problem kind, String message) {
        problems.putIfAbsent(kind, message);
    }

    private void defer(String message) {
        if (deferred == null) {
            deferred = message;
        }
    }

    private boolean checkCount(String function, List<?> args, int expected) {
        if (args.size() != expected) {
            defer("Incorrect number of operands for operator or function; operator or function: " + function
                    + ", number of operands: " + args.size());
            return false;
        }
        return true;
    }

    // ---- conditions --------------------------------------------------------------------

    private ConditionExpr or(OrConditionContext c) {
        return fold(c.andCondition().stream().map(this::and).toList(), ConditionExpr.Or::new);
    }

    private ConditionExpr and(AndConditionContext c) {
        return fold(c.notCondition().stream().map(this::not).toList(), ConditionExpr.And::new);
    }

    private static ConditionExpr fold(
            List<ConditionExpr> parts, BiFunction<ConditionExpr, ConditionExpr, ConditionExpr> join) {
        ConditionExpr result = parts.getFirst();
        for (int i = 1; i < parts.size(); i++) {
            result = join.apply(result, parts.get(i));
        }
        return result;
    }

    private ConditionExpr not(NotConditionContext c) {
        return switch (c) {
            case NegationContext n -> new ConditionExpr.Not(not(n.notCondition()));
            case PrimaryContext p -> primary(p.primaryCondition());
            default -> throw new IllegalStateException(c.getText());
        };
    }

    private ConditionExpr primary(PrimaryConditionContext c) {
        return switch (c) {
            case ComparisonContext cmp ->
                new ConditionExpr.Comparison(
                        Comparator.of(cmp.comparator().getText()), operand(cmp.operand(0)), operand(cmp.operand(1)));
            case BetweenContext b ->
                new ConditionExpr.Between(operand(b.operand(0)), operand(b.operand(1)), operand(b.operand(2)));
            case InContext in -> {
                List<Operand> all = in.operand().stream().map(this::operand).toList();
                if (all.size() - 1 > MAX_IN_OPERANDS) {
                    defer("The IN operator is provided with too many operands; number of operands: "
                            + (all.size() - 1));
                }
                yield new ConditionExpr.In(all.getFirst(), all.subList(1, all.size()));
            }
            case FunctionConditionContext f -> functionCondition(f.function());
            case ParenthesisedContext p -> {
                if (isParenthesised(p.orCondition())) {
                    problem(Problem.PARENS, "The expression has redundant parentheses;");
                }
                yield or(p.orCondition());
            }
            default -> throw new IllegalStateException(c.getText());
        };
    }

    private static boolean isParenthesised(OrConditionContext c) {
        return c.andCondition().size() == 1
                && c.andCondition(0).notCondition().size() == 1
                && c.andCondition(0).notCondition(0) instanceof PrimaryContext p
                && p.primaryCondition() instanceof ParenthesisedContext;
    }

    private ConditionExpr functionCondition(FunctionContext f) {
        String name = f.IDENTIFIER().getText();
        List<Operand> args = f.operand().stream().map(this::operand).toList();
        return switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (!checkCount(name, args, 1) || !requirePath(name, args.getFirst())) {
                    yield null;
                }
                Path path = ((Operand.PathOperand) args.getFirst()).path();
                yield name.equals("attribute_exists")
                        ? new ConditionExpr.AttributeExists(path)
                        : new ConditionExpr.AttributeNotExists(path);
            }
            case "attribute_type" ->
                checkCount(name, args, 2) && requirePath(name, args.getFirst())
                        ? new ConditionExpr.AttributeType(((Operand.PathOperand) args.getFirst()).path(), args.get(1))
                        : null;
            case "begins_with" ->
                checkCount(name, args, 2) ? new ConditionExpr.BeginsWith(args.get(0), args.get(1)) : null;
            case "contains" -> checkCount(name, args, 2) ? new ConditionExpr.Contains(args.get(0), args.get(1)) : null;
            case "size" -> {
                misused(name);
                yield null;
            }
            default -> {
                unknownFunction(name, UPDATE_FUNCTIONS, "a condition");
                yield null;
            }
        };
    }

    /**
     * A function the expression kind does not know: one of the other kind's (if_not_exists in a
     * condition, contains in an update) is "not allowed", anything else an invalid name.
     */
    private void unknownFunction(String name, Set<String> otherKind, String kind) {
        problem(
                Problem.UNKNOWN_FUNCTION,
                otherKind.contains(name)
                        ? "The function is not allowed in " + kind + " expression; function: " + name
                        : "Invalid function name; function: " + name);
    }

    private boolean requirePath(String function, Operand operand) {
        if (operand instanceof Operand.PathOperand) {
            return true;
        }
        defer("Operator or function requires a document path; operator or function: " + function);
        return false;
    }

    private void misused(String function) {
        problem(
                Problem.MISUSED_FUNCTION,
                "The function is not allowed to be used this way in an expression; function: " + function);
    }

    private Operand operand(OperandContext c) {
        return switch (c) {
            case PathOperandContext p -> new Operand.PathOperand(path(p.path()));
            case ValueOperandContext v -> value(v.VALUE_REF());
            case FunctionOperandContext f -> functionOperand(f.function());
            case ParenthesisedOperandContext p -> {
                if (p.operand() instanceof ParenthesisedOperandContext) {
                    problem(Problem.PARENS, "The expression has redundant parentheses;");
                }
                yield operand(p.operand());
            }
            default -> throw new IllegalStateException(c.getText());
        };
    }

    private Operand functionOperand(FunctionContext f) {
        String name = f.IDENTIFIER().getText();
        List<Operand> args = f.operand().stream().map(this::operand).toList();
        if (!CONDITION_FUNCTIONS.contains(name)) {
            unknownFunction(name, UPDATE_FUNCTIONS, "a condition");
            return BROKEN;
        }
        if (!name.equals("size")) {
            misused(name);
            return BROKEN;
        }
        return checkCount(name, args, 1) ? new Operand.Size(args.getFirst()) : BROKEN;
    }

    private Operand.Value value(TerminalNode token) {
        values.add(token.getText());
        return new Operand.Value(token.getText(), null);
    }

    // ---- update ------------------------------------------------------------------------

    private void clause(ClauseContext c, List<UpdateAction> actions) {
        switch (c) {
            case SetClauseContext s -> {
                section("SET");
                for (SetActionContext a : s.setAction()) {
                    Path path = updatePath(a.updatePath());
                    actions.add(new UpdateAction.Set(path, setValue(a.setValue())));
                }
            }
            case RemoveClauseContext r -> {
                section("REMOVE");
                r.updatePath().forEach(p -> actions.add(new UpdateAction.Remove(updatePath(p))));
            }
            case AddClauseContext a -> {
                section("ADD");
                for (int i = 0; i < a.updatePath().size(); i++) {
                    actions.add(new UpdateAction.Add(updatePath(a.updatePath(i)), value(a.VALUE_REF(i))));
                }
            }
            case DeleteClauseContext d -> {
                section("DELETE");
                for (int i = 0; i < d.updatePath().size(); i++) {
                    actions.add(new UpdateAction.Delete(updatePath(d.updatePath(i)), value(d.VALUE_REF(i))));
                }
            }
            default -> throw new IllegalStateException(c.getText());
        }
    }

    private void section(String keyword) {
        if (!sections.add(keyword)) {
            problem(Problem.SECTION, "The \"" + keyword + "\" section can only be used once in an update expression;");
        }
    }

    private UpdateAction.SetValue setValue(SetValueContext c) {
        return switch (c) {
            case ParenthesisedSetValueContext p -> setValue(p.setValue());
            case ArithmeticContext a ->
                a.op.getText().equals("+")
                        ? new UpdateAction.Plus(setOperand(a.setOperand(0)), setOperand(a.setOperand(1)))
                        : new UpdateAction.Minus(setOperand(a.setOperand(0)), setOperand(a.setOperand(1)));
            case PlainSetValueContext p -> setOperand(p.setOperand());
            default -> throw new IllegalStateException(c.getText());
        };
    }

    private UpdateAction.SetValue setOperand(SetOperandContext c) {
        return switch (c) {
            case SetPathContext p -> new UpdateAction.PathValue(updatePath(p.updatePath()));
            case SetValueRefContext v -> new UpdateAction.Literal(value(v.VALUE_REF()));
            case ParenthesisedSetOperandContext p -> setOperand(p.setOperand());
            case SetFunctionContext f -> setFunction(f);
            default -> throw new IllegalStateException(c.getText());
        };
    }

    private UpdateAction.SetValue setFunction(SetFunctionContext f) {
        String name = f.IDENTIFIER().getText();
        List<UpdateAction.SetValue> args =
                f.setOperand().stream().map(this::setOperand).toList();
        switch (name) {
            case "if_not_exists" -> {
                if (checkCount(name, args, 2)) {
                    if (args.getFirst() instanceof UpdateAction.PathValue p) {
                        return new UpdateAction.IfNotExists(p.path(), args.get(1));
                    }
                    defer("Operator or function requires a document path; operator or function: " + name);
                }
            }
            case "list_append" -> {
                if (checkCount(name, args, 2)) {
                    return new UpdateAction.ListAppend(args.get(0), args.get(1));
                }
            }
            default -> unknownFunction(name, CONDITION_FUNCTIONS, "an update");
        }
        return new UpdateAction.Literal(BROKEN);
    }

    private Path updatePath(UpdatePathContext c) {
        TerminalNode ref = c.updateName().NAME_REF();
        Path.Element first = ref != null
                ? nameRef(ref)
                : plainName(c.updateName().IDENTIFIER().getText());
        return withSteps(first, c.pathStep());
    }

    // ---- paths -------------------------------------------------------------------------

    private Path path(PathContext c) {
        return withSteps(name(c.name()), c.pathStep());
    }

    private Path withSteps(Path.Element first, List<PathStepContext> steps) {
        List<Path.Element> elements = new ArrayList<>();
        elements.add(first);
        for (PathStepContext step : steps) {
            elements.add(
                    switch (step) {
                        case MapStepContext m -> name(m.name());
                        case ListStepContext l -> new Path.Index(index(l.INDEX().getText()));
                        default -> throw new IllegalStateException(step.getText());
                    });
        }
        if (elements.size() > MAX_PATH_LEVELS) {
            throw Syntax.invalid(
                    parameter, "The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new Path(elements);
    }

    private int index(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            // no list can be that long; DynamoDB refuses such an index rather than reading past the end
            throw Syntax.invalid(parameter, "List index is out of range; index: " + digits);
        }
    }

    private Path.Element name(NameContext c) {
        return c.NAME_REF() != null ? nameRef(c.NAME_REF()) : plainName(c.getText());
    }

    private Path.Element nameRef(TerminalNode ref) {
        names.add(ref.getText());
        return new Path.Name(ref.getText());
    }

    private Path.Element plainName(String name) {
        if (ReservedWords.isReserved(name)) {
            problem(Problem.RESERVED, "Attribute name is a reserved keyword; reserved keyword: " + name);
        }
        return new Path.Name(name);
    }
}
