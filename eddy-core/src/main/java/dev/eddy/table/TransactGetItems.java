package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/** A validated TransactGetItems request: reads that see one consistent state of every table. */
public record TransactGetItems(List<GetItem> gets, CapacityReport capacityReport) {

    public TransactGetItems {
        gets = List.copyOf(gets);
    }

    /**
     * The items (projected) in request order, null where there was none, and the units consumed
     * per table in order of first appearance.
     */
    public record Result(List<Map<String, AttributeValue>> items, List<ConsumedCapacity> capacity) {}
}
