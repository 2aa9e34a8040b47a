package dev.eddy.table;

/**
 * An UpdateTable request; a null field is not being changed.
 */
public record UpdateTable(
        String tableName,
        BillingMode billingMode,
        Long readCapacity,
        Long writeCapacity,
        Boolean streamEnabled,
        StreamViewType streamViewType,
        Boolean deletionProtection,
        String tableClass) {

    boolean changesNothing() {
        return billingMode == null
                && readCapacity == null
                && writeCapacity == null
                && streamEnabled == null
                && deletionProtection == null
                && tableClass == null;
    }
}
