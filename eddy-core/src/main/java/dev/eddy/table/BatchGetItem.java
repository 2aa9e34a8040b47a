package dev.eddy.table;

import dev.eddy.expr.Projection;
import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * A validated BatchGetItem request: for each table of RequestItems, in request order, the keys to
 * read and how to read them.
 */
public record BatchGetItem(List<TableReads> tables, CapacityReport capacityReport) {

    public BatchGetItem {
        tables = List.copyOf(tables);
    }

    /** The keys of one table; {@code projection} may be null (all attributes). */
    public record TableReads(
            String tableName, List<Map<String, AttributeValue>> keys, Projection projection, boolean consistentRead) {
        public TableReads {
            keys = List.copyOf(keys);
        }
    }

    /**
     * The outcome, one entry per {@link TableReads} in the same order.
     */
    public record Result(List<TableResult> tables) {}

    /**
     * Items found (projected), the keys not read because the response reached its size limit,
     * and the units consumed.
     */
    public record TableResult(
            List<Map<String, AttributeValue>> items,
            List<Map<String, AttributeValue>> unprocessed,
            ConsumedCapacity capacity) {}
}
