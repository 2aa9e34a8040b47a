package dev.eddy.table;

import java.util.Map;

/**
 * What an operation consumed: the total, the table's part, and each index's part (by index name).
 * Rendered only when the request asked for it (ReturnConsumedCapacity TOTAL or INDEXES).
 */
public record ConsumedCapacity(
        String tableName,
        double total,
        double table,
        Map<String, Double> globalIndexes,
        Map<String, Double> localIndexes) {

    public static ConsumedCapacity ofTable(String table, double units) {
        return new ConsumedCapacity(table, units, units, Map.of(), Map.of());
    }
}
