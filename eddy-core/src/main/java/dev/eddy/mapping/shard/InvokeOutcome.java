package dev.eddy.mapping.shard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How an invocation of a {@link Batch} ended, as the engine saw it. */
public sealed interface InvokeOutcome {

    /**
     * The function returned normally.
     *
     * @param batchItemFailures the {@code itemIdentifier}s of the response's {@code batchItemFailures}
     *     in order, a null entry for an item whose identifier is null, missing or not a string; null
     *     when the response had no such list (no response, {@code null}, {@code {}}, a JSON array, a
     *     null list). Ignored unless ReportBatchItemFailures is on (spec 4.8)
     * @param state the tumbling-window {@code state} of the response as JSON text, or null when the
     *     response had none (spec 4.11: then the invocation failed)
     */
    record Returned(List<String> batchItemFailures, String state) implements InvokeOutcome {
        public Returned {
            batchItemFailures =
                    batchItemFailures == null ? null : Collections.unmodifiableList(new ArrayList<>(batchItemFailures));
        }

        /** A plain success: no report, no state. */
        public static Returned ok() {
            return new Returned(null, null);
        }
    }

    /** The function failed (X-Amz-Function-Error): exception, timeout, crash, oversize response. */
    record FunctionError(String errorType) implements InvokeOutcome {}

    /**
     * The function did not run: throttled, or failed before it ran (the function does not exist).
     * Retried with backoff, not a failed attempt (spec 4.4).
     */
    record NotInvoked(String reason) implements InvokeOutcome {}
}
