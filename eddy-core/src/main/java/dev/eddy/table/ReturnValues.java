package dev.eddy.table;

/** DynamoDB's ReturnValue enum. */
public enum ReturnValues {
    NONE,
    ALL_OLD,
    UPDATED_OLD,
    ALL_NEW,
    UPDATED_NEW
}
