package dev.eddy.table;

/**
 * One element of UpdateTable's GlobalSecondaryIndexUpdates.
 *
 * @param spec for CREATE the whole index; for UPDATE the name and throughput; for DELETE the name
 */
public record GlobalIndexUpdate(Action action, CreateTable.IndexSpec spec) {

    /** Create, Update or Delete. */
    public enum Action {
        CREATE,
        UPDATE,
        DELETE
    }
}
