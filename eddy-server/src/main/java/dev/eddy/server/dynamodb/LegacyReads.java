package dev.eddy.server.dynamodb;

import dev.eddy.error.EddyException;
import dev.eddy.expr.Condition;
import dev.eddy.expr.ExpressionFactory;
import dev.eddy.item.AttributeValue;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.IndexDefinition;
import dev.eddy.table.KeySchema;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The legacy parameters of Query and Scan: KeyConditions, QueryFilter, ScanFilter,
 * ConditionalOperator and AttributesToGet, with DynamoDB's rules for mixing them with
 * expressions. KeyConditions become the same key condition a KeyConditionExpression produces,
 * after the checks DynamoDB makes on the legacy form (which operators can use a key, which key
 * attributes are missing), so the engine sees one form.
 */
final class LegacyReads {
    static final List<String> QUERY_EXPRESSIONS =
            List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression");
    static final List<String> SCAN_EXPRESSIONS = List.of("ProjectionExpression", "FilterExpression");
    private static final List<String> QUERY_LEGACY =
            List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions");
    private static final List<String> SCAN_LEGACY = List.of("AttributesToGet", "ScanFilter", "ConditionalOperator");
    /** Operators a key condition cannot use (they do not select a key range). */
    private static final Set<String> NOT_INDEXABLE = Set.of("NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN");

    private LegacyReads() {}

    /**
     * Rejects a Query that mixes the two kinds of parameters. KeyConditions with a filter or
     * projection expression (but no KeyConditionExpression) is accepted, as DynamoDB does.
     */
    static void checkQueryNotMixed(JsonRequest r) {
        List<String> legacy = r.has("KeyConditionExpression")
                ? QUERY_LEGACY
                : QUERY_LEGACY.stream().filter(p -> !p.equals("KeyConditions")).toList();
        LegacyParameters.checkNotMixed(r, QUERY_EXPRESSIONS, legacy);
    }

    static void checkScanNotMixed(JsonRequest r) {
        LegacyParameters.checkNotMixed(r, SCAN_EXPRESSIONS, SCAN_LEGACY);
    }

    /** The parameter the request selects attributes with, for Select's messages; null for neither. */
    static String selectionParameter(JsonRequest r) {
        return r.has("ProjectionExpression")
                ? "ProjectionExpression"
                : r.has("AttributesToGet") ? "AttributesToGet" : null;
    }

    /**
     * KeyConditions as a key condition, checked against the key schema of the table or index the
     * query reads. Null when the request has no KeyConditions.
     */
    static Condition keyConditions(JsonRequest r, TableEngine engine, String table, String indexName) {
        List<LegacyParameters.Entry> entries = LegacyParameters.entries(r, "KeyConditions");
        if (entries == null) {
            return null;
        }
        KeySchema key = keySchema(engine.describeTable(table), indexName);
        boolean multi = key != null && key.multiAttribute();
        // a multi-attribute GSI key takes a condition on each of its up to 8 attributes
        if (entries.isEmpty() || !multi && entries.size() > 2) {
            throw EddyException.validation("Conditions can be of length 1 or 2 only");
        }
        if (key != null) {
            checkAgainstSchema(entries, key);
        }
        return ExpressionFactory.condition(LegacyParameters.and(
                entries.stream().map(LegacyParameters.Entry::condition).toList()));
    }

    /** The key schema a query reads; null for an unknown index (the engine reports it). */
    private static KeySchema keySchema(TableMeta table, String indexName) {
        if (indexName == null) {
            return table.key();
        }
        return Stream.concat(table.globalIndexes().stream(), table.localIndexes().stream())
                .filter(i -> i.name().equals(indexName))
                .findFirst()
                .map(IndexDefinition::key)
                .orElse(null);
    }

    /** DynamoDB's checks of KeyConditions, hash key first, in its order. */
    private static void checkAgainstSchema(List<LegacyParameters.Entry> entries, KeySchema key) {
        if (key.multiAttribute()) {
            // the engine checks which attributes a multi-attribute key's conditions name, and their order
            if (entries.stream().anyMatch(e -> NOT_INDEXABLE.contains(e.operator()))) {
                throw EddyException.validation("Attempted conditional constraint is not an indexable operation");
            }
            return;
        }
        Map<String, LegacyParameters.Entry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.attribute(), e));
        List<String> names = new ArrayList<>(key.names());
        for (int i = 0; i < names.size(); i++) {
            boolean hash = i == 0;
            if (hash && !key.hasRange() && entries.size() > 1) {
                throw EddyException.validation("Query key condition not supported");
            }
            LegacyParameters.Entry e = byName.get(names.get(i));
            if (e == null) {
                if (hash || entries.size() > 1) {
                    throw EddyException.validation("Query condition missed key schema element: " + names.get(i));
                }
                continue;
            }
            if (NOT_INDEXABLE.contains(e.operator())) {
                throw EddyException.validation("Attempted conditional constraint is not an indexable operation");
            }
            AttributeValue.Type type = hash ? key.hashType() : key.rangeType();
            if (e.values().stream().anyMatch(v -> v.type() != type)) {
                throw EddyException.validation("One or more parameter values were invalid: Condition parameter type "
                        + "does not match schema type");
            }
            if (hash && !e.operator().equals("EQ")) {
                throw EddyException.validation("Query key condition not supported");
            }
        }
    }
}
