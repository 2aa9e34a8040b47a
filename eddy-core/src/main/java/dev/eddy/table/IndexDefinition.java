package dev.eddy.table;

import java.util.List;

/**
 * A secondary index as defined on the table. {@code projectionType} is ALL, KEYS_ONLY or INCLUDE
 * (with {@code nonKeyAttributes}).
 */
public record IndexDefinition(
        String name,
        boolean global,
        KeySchema key,
        String projectionType,
        List<String> nonKeyAttributes,
        long readCapacity,
        long writeCapacity,
        IndexStatus status,
        boolean backfilling) {

    public IndexDefinition {
        nonKeyAttributes = nonKeyAttributes == null ? null : List.copyOf(nonKeyAttributes);
    }
}
