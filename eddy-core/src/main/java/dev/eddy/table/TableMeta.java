package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * Everything Eddy keeps about a table, stored durably at ("meta", "table", name).
 *
 * @param id internal number of the table's key space; a table created again after a delete gets
 *     a new one, so no item of the old table can reappear
 * @param uuid DynamoDB's TableId
 * @param billingMode PROVISIONED or PAY_PER_REQUEST
 * @param streamEnabled whether the table has a stream specification enabled
 * @param streamViewType KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES when enabled
 */
public record TableMeta(
        String name,
        long id,
        String uuid,
        KeySchema key,
        Map<String, AttributeValue.Type> attributeDefinitions,
        String billingMode,
        long readCapacity,
        long writeCapacity,
        List<IndexDefinition> globalIndexes,
        List<IndexDefinition> localIndexes,
        boolean streamEnabled,
        String streamViewType,
        Map<String, String> tags,
        long createdMillis,
        long payPerRequestSinceMillis,
        boolean deletionProtection,
        String tableClass) {

    public TableMeta {
        attributeDefinitions = Map.copyOf(attributeDefinitions);
        globalIndexes = List.copyOf(globalIndexes);
        localIndexes = List.copyOf(localIndexes);
        tags = Map.copyOf(tags);
    }

    public String arn(String region, String account) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
    }

    TableMeta withTags(Map<String, String> newTags) {
        return new TableMeta(name, id, uuid, key, attributeDefinitions, billingMode, readCapacity, writeCapacity,
                globalIndexes, localIndexes, streamEnabled, streamViewType, newTags, createdMillis,
                payPerRequestSinceMillis, deletionProtection, tableClass);
    }
}
