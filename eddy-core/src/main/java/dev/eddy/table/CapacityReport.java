package dev.eddy.table;

/** DynamoDB's ReturnConsumedCapacity. */
public enum CapacityReport {
    NONE,
    TOTAL,
    INDEXES
}
