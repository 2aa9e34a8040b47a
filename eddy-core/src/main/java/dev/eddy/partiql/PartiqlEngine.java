package dev.eddy.partiql;

import dev.eddy.error.CancellationReason;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.error.ErrorDetail;
import dev.eddy.expr.Condition;
import dev.eddy.expr.ConditionExpr;
import dev.eddy.expr.ExpressionFactory;
import dev.eddy.expr.Operand;
import dev.eddy.expr.Path;
import dev.eddy.expr.Projection;
import dev.eddy.item.AttributeValue;
import dev.eddy.table.CapacityReport;
import dev.eddy.table.DeleteItem;
import dev.eddy.table.GetItem;
import dev.eddy.table.KeySchema;
import dev.eddy.table.PutItem;
import dev.eddy.table.ReadPage;
import dev.eddy.table.ReadResult;
import dev.eddy.table.ReturnValues;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TransactGetItems;
import dev.eddy.table.TransactWriteItems;
import dev.eddy.table.UpdateItem;
import dev.eddy.table.WriteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs PartiQL statements as the engine's own operations, so they validate, write, maintain
 * indexes and emit stream records exactly like the equivalent API calls:
 * INSERT is a PutItem guarded by {@code attribute_not_exists} (DuplicateItemException when the
 * key exists), UPDATE an UpdateItem on an existing item, DELETE a DeleteItem, and a SELECT whose
 * WHERE fixes the whole primary key by equality a GetItem. Further WHERE terms of a write are its
 * condition; of such a SELECT, a filter.
 *
 * <p>Thread-safe.
 */
public final class PartiqlEngine {
    private static final String MISSING_KEY =
            "Where clause does not contain a mandatory equality on all key " + "attributes";
    private static final String DUPLICATE = "Duplicate primary key exists in table";

    private static final String EXISTS_ONLY_IN_TRANSACTION = "EXISTS can only be used in ExecuteTransaction";

    private final TableEngine engine;
    private final SelectPlanner planner;

    public PartiqlEngine(TableEngine engine) {
        this.engine = engine;
        this.planner = new SelectPlanner(engine);
    }

    /** One page of a SELECT: the items, and where the next page starts (null: none). */
    public record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey) {}

    /**
     * ExecuteStatement's SELECT: a GetItem when the WHERE fixes the table's whole primary key by
     * equality (and there is no ORDER BY or start key), otherwise one page of a Query or Scan.
     *
     * @param limit null for none: the items evaluated, as Query and Scan count them
     * @param exclusiveStartKey where a previous page stopped, or null
     */
    public Page select(
            Statement.Select s, boolean consistentRead, Integer limit, Map<String, AttributeValue> exclusiveStartKey) {
        if (s.index() == null
                && s.orderBy().isEmpty()
                && exclusiveStartKey == null
                && split(engine.describeTable(s.table()).key(), s.where()).full) {
            Map<String, AttributeValue> item = selectByKey(s, consistentRead);
            return new Page(item == null ? List.of() : List.of(item), null);
        }
        ReadPage page = planner.page(s, projection(s), consistentRead, limit, exclusiveStartKey);
        return new Page(page.items(), page.lastEvaluatedKey());
    }

    /** One statement to run, with its own options. */
    public record Request(Statement statement, boolean consistentRead, boolean returnOldOnConditionFailure) {}

    /**
     * ExecuteStatement: the items a SELECT found, or the item a write's RETURNING asked for; an
     * empty list otherwise.
     */
    public List<Map<String, AttributeValue>> execute(Request r) {
        return switch (r.statement()) {
            case Statement.Select s -> {
                Map<String, AttributeValue> item = selectByKey(s, r.consistentRead());
                yield item == null ? List.of() : List.of(item);
            }
            case Statement.Exists e -> throw EddyException.validation(EXISTS_ONLY_IN_TRANSACTION);
            case Statement.Insert i -> {
                try {
                    engine.putItem(new PutItem(
                            i.table(), i.item(), notExists(i.table()), ReturnValues.NONE, false, CapacityReport.NONE));
                } catch (EddyException e) {
                    if (e.code() == ErrorCode.CONDITIONAL_CHECK_FAILED) {
                        throw new EddyException(ErrorCode.DUPLICATE_ITEM, DUPLICATE);
                    }
                    throw e;
                }
                yield List.of();
            }
            case Statement.Update u -> {
                KeyMatch m = fullKey(u.table(), u.where());
                WriteResult w = engine.updateItem(new UpdateItem(
                        u.table(),
                        m.key,
                        ExpressionFactory.update(u.actions()),
                        ExpressionFactory.condition(and(exists(u.table()), m.rest)),
                        u.returning(),
                        r.returnOldOnConditionFailure(),
                        CapacityReport.NONE));
                yield w.attributes() == null ? List.of() : List.of(w.attributes());
            }
            case Statement.Delete d -> {
                KeyMatch m = fullKey(d.table(), d.where());
                WriteResult w = engine.deleteItem(new DeleteItem(
                        d.table(),
                        m.key,
                        condition(m.rest),
                        d.returning(),
                        r.returnOldOnConditionFailure(),
                        CapacityReport.NONE));
                yield w.attributes() == null ? List.of() : List.of(w.attributes());
            }
        };
    }

    /**
     * ExecuteTransaction: all statements writes (one TransactWriteItems) or all reads of whole
     * keys (one TransactGetItems). Returns the items read, null where none, or an empty list.
     */
    public List<Map<String, AttributeValue>> transaction(List<Request> requests, String token, String fingerprint) {
        boolean reads = requests.getFirst().statement().isRead();
        if (requests.stream().anyMatch(r -> r.statement().isRead() != reads)) {
            throw EddyException.validation("Transaction must contain either all reads or all writes");
        }
        if (reads) {
            List<GetItem> gets = new ArrayList<>();
            List<Statement.Select> selects = new ArrayList<>();
            for (Request r : requests) {
                Statement.Select s = (Statement.Select) r.statement();
                KeyMatch m = readKey(s);
                if (m.rest != null) {
                    throw EddyException.validation(
                            "Only equality on the full primary key is supported in a " + "read transaction");
                }
                selects.add(s);
                gets.add(new GetItem(s.table(), m.key, projection(s), true, CapacityReport.NONE));
            }
            return engine.transactGetItems(new TransactGetItems(gets, CapacityReport.NONE))
                    .items();
        }
        List<TransactWriteItems.Action> actions = new ArrayList<>();
        for (Request r : requests) {
            actions.add(action(r));
        }
        try {
            engine.transactWriteItems(new TransactWriteItems(actions, token, fingerprint, CapacityReport.NONE));
        } catch (EddyException e) {
            throw duplicatesNamed(e, requests);
        }
        return List.of();
    }

    /** A failed INSERT in a transaction is reported as DuplicateItem, not as a failed condition. */
    private static EddyException duplicatesNamed(EddyException e, List<Request> requests) {
        if (!(e.detail() instanceof ErrorDetail.Cancellation(List<CancellationReason> reasons))) {
            return e;
        }
        List<CancellationReason> renamed = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            CancellationReason reason = reasons.get(i);
            boolean insert = requests.get(i).statement() instanceof Statement.Insert;
            renamed.add(
                    insert && reason.code().equals("ConditionalCheckFailed")
                            ? new CancellationReason("DuplicateItem", DUPLICATE, reason.item())
                            : reason);
        }
        return EddyException.transactionCanceled(renamed);
    }

    private TransactWriteItems.Action action(Request r) {
        boolean old = r.returnOldOnConditionFailure();
        return switch (r.statement()) {
            case Statement.Insert i -> new TransactWriteItems.Put(i.table(), i.item(), notExists(i.table()), old);
            case Statement.Update u -> {
                if (u.returning() != ReturnValues.NONE) {
                    throw EddyException.validation("RETURNING is not supported in a transaction");
                }
                KeyMatch m = fullKey(u.table(), u.where());
                yield new TransactWriteItems.Update(
                        u.table(),
                        m.key,
                        ExpressionFactory.update(u.actions()),
                        ExpressionFactory.condition(and(exists(u.table()), m.rest)),
                        old);
            }
            case Statement.Delete d -> {
                KeyMatch m = fullKey(d.table(), d.where());
                yield new TransactWriteItems.Delete(d.table(), m.key, condition(m.rest), old);
            }
            case Statement.Exists e -> {
                // the item must exist and satisfy the rest of the WHERE
                KeyMatch m = readKey(e.select());
                yield new TransactWriteItems.ConditionCheck(
                        e.table(), m.key, ExpressionFactory.condition(and(exists(e.table()), m.rest)), old);
            }
            case Statement.Select s -> throw new IllegalStateException("a read among writes");
        };
    }

    /** The item a SELECT on a whole key finds (filtered by its other terms, projected), or null. */
    Map<String, AttributeValue> selectByKey(Statement.Select s, boolean consistentRead) {
        KeyMatch m = readKey(s);
        ReadResult read = engine.getItem(new GetItem(s.table(), m.key, null, consistentRead, CapacityReport.NONE));
        Map<String, AttributeValue> item = read.item();
        if (item == null
                || (m.rest != null && !ExpressionFactory.condition(m.rest).test(item))) {
            return null;
        }
        Projection p = projection(s);
        return p == null ? item : p.apply(item);
    }

    /**
     * The key of a SELECT that must read one item (in a batch, a transaction or EXISTS): its WHERE
     * must fix the table's whole primary key by equality.
     */
    private KeyMatch readKey(Statement.Select s) {
        if (s.index() != null) {
            throw EddyException.validation("A secondary index cannot be read in a batch or a transaction");
        }
        if (!s.orderBy().isEmpty()) {
            throw EddyException.validation("ORDER BY cannot be used in a batch or a transaction");
        }
        return fullKey(s.table(), s.where());
    }

    private static Projection projection(Statement.Select s) {
        return s.projection() == null ? null : ExpressionFactory.projection(s.projection());
    }

    private KeyMatch fullKey(String table, ConditionExpr where) {
        KeyMatch m = split(engine.describeTable(table).key(), where);
        if (!m.full) {
            throw EddyException.validation(MISSING_KEY);
        }
        return m;
    }

    private Condition notExists(String table) {
        return ExpressionFactory.condition(new ConditionExpr.AttributeNotExists(
                Path.of(engine.describeTable(table).key().hashName())));
    }

    private ConditionExpr exists(String table) {
        return new ConditionExpr.AttributeExists(
                Path.of(engine.describeTable(table).key().hashName()));
    }

    private static Condition condition(ConditionExpr ast) {
        return ast == null ? null : ExpressionFactory.condition(ast);
    }

    private static ConditionExpr and(ConditionExpr a, ConditionExpr b) {
        return b == null ? a : new ConditionExpr.And(a, b);
    }

    /** Key attributes fixed by equality in the top-level conjunction, and the remaining terms. */
    record KeyMatch(Map<String, AttributeValue> key, ConditionExpr rest, boolean full) {}

    static KeyMatch split(KeySchema ks, ConditionExpr where) {
        List<ConditionExpr> terms = new ArrayList<>();
        flatten(where, terms);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        ConditionExpr rest = null;
        for (ConditionExpr t : terms) {
            Map.Entry<String, AttributeValue> eq = keyEquality(t, ks);
            if (eq != null && !key.containsKey(eq.getKey())) {
                key.put(eq.getKey(), eq.getValue());
            } else {
                rest = rest == null ? t : new ConditionExpr.And(rest, t);
            }
        }
        return new KeyMatch(key, rest, key.size() == ks.names().size());
    }

    private static void flatten(ConditionExpr e, List<ConditionExpr> out) {
        if (e == null) {
            return;
        }
        if (e instanceof ConditionExpr.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
        } else {
            out.add(e);
        }
    }

    private static Map.Entry<String, AttributeValue> keyEquality(ConditionExpr t, KeySchema ks) {
        if (!(t instanceof ConditionExpr.Comparison c) || c.comparator() != ConditionExpr.Comparator.EQ) {
            return null;
        }
        Operand path = c.left() instanceof Operand.PathOperand ? c.left() : c.right();
        Operand value = path == c.left() ? c.right() : c.left();
        if (path instanceof Operand.PathOperand p
                && p.path().isTopLevel()
                && value instanceof Operand.Value v
                && ks.names().contains(p.path().attribute())) {
            return Map.entry(p.path().attribute(), v.value());
        }
        return null;
    }
}
