package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * A CreateTable request as the wire adapter parsed it (types and lengths already checked); the
 * engine checks the rules that relate fields to each other.
 *
 * @param billingMode null means PROVISIONED
 * @param readCapacity null when no ProvisionedThroughput was given
 * @param streamEnabled null when no StreamSpecification was given
 */
public record CreateTable(
        String tableName,
        List<KeyElement> keySchema,
        Map<String, AttributeValue.Type> attributeDefinitions,
        BillingMode billingMode,
        Long readCapacity,
        Long writeCapacity,
        List<IndexSpec> globalIndexes,
        List<IndexSpec> localIndexes,
        Boolean streamEnabled,
        StreamViewType streamViewType,
        Map<String, String> tags,
        boolean deletionProtection,
        String tableClass) {

    /** A KeySchemaElement: attribute name and HASH or RANGE. */
    public record KeyElement(String name, String keyType) {}

    /** A secondary index in a CreateTable or UpdateTable request. */
    public record IndexSpec(
            String name,
            List<KeyElement> keySchema,
            String projectionType,
            List<String> nonKeyAttributes,
            Long readCapacity,
            Long writeCapacity) {}
}
