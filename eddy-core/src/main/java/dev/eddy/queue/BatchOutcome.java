package dev.eddy.queue;

import dev.eddy.error.EddyException;

/** The outcome of one entry of a batch operation: done with a result, or failed with an error. */
public sealed interface BatchOutcome<R> permits BatchOutcome.Done, BatchOutcome.Failed {
    record Done<R>(R result) implements BatchOutcome<R> {}

    record Failed<R>(EddyException error) implements BatchOutcome<R> {}
}
