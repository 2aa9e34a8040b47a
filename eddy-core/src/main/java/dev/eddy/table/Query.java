package dev.eddy.table;

import dev.eddy.expr.Condition;
import dev.eddy.expr.Projection;
import dev.eddy.item.AttributeValue;
import java.util.Map;

/**
 * A Query request whose parameters the wire adapter has parsed and checked on their own; the
 * engine checks them against the table (key condition, index, start key). The key condition and
 * the filter are conditions however the client wrote them (expressions or legacy KeyConditions /
 * QueryFilter), so any adapter that can build a {@link Condition} can feed a Query.
 *
 * @param indexName null to query the table
 * @param keyCondition the key condition: partition key equality, optionally AND one sort key condition
 * @param filter null for none
 * @param projection null for none; required when {@code select} is SPECIFIC_ATTRIBUTES
 * @param select null for the default (ALL_ATTRIBUTES on a table, ALL_PROJECTED_ATTRIBUTES on an index)
 * @param limit null for none; the number of items evaluated (before the filter)
 * @param exclusiveStartKey null to start at the beginning
 * @param filterParameter the name of the filter's parameter in messages ("Filter Expression" or "QueryFilter");
 *     null for a filter that may name key attributes (a PartiQL WHERE)
 */
public record Query(
        String tableName,
        String indexName,
        Condition keyCondition,
        Condition filter,
        Projection projection,
        Select select,
        Integer limit,
        Map<String, AttributeValue> exclusiveStartKey,
        boolean scanIndexForward,
        boolean consistentRead,
        CapacityReport capacityReport,
        String filterParameter) {

    /** A query with expressions (the filter is named "Filter Expression" in messages). */
    public Query(
            String tableName,
            String indexName,
            Condition keyCondition,
            Condition filter,
            Projection projection,
            Select select,
            Integer limit,
            Map<String, AttributeValue> exclusiveStartKey,
            boolean scanIndexForward,
            boolean consistentRead,
            CapacityReport capacityReport) {
        this(
                tableName,
                indexName,
                keyCondition,
                filter,
                projection,
                select,
                limit,
                exclusiveStartKey,
                scanIndexForward,
                consistentRead,
                capacityReport,
                "Filter Expression");
    }
}
