package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/** A validated BatchWriteItem request: puts and deletes, in request order, possibly across tables. */
public record BatchWriteItem(List<Request> requests, CapacityReport capacityReport) {

    public BatchWriteItem {
        requests = List.copyOf(requests);
    }

    /** One write of the batch. */
    public sealed interface Request {
        String tableName();
    }

    /** A PutRequest: replaces the whole item. */
    public record Put(String tableName, Map<String, AttributeValue> item) implements Request {}

    /** A DeleteRequest: removes the item with this key, if any. */
    public record Delete(String tableName, Map<String, AttributeValue> key) implements Request {}

    /**
     * The units consumed, one entry per table in order of first appearance, and the item
     * collections written in tables with local secondary indexes (one per collection).
     */
    public record Result(List<ConsumedCapacity> capacity, List<ItemCollectionMetrics> collections) {}
}
