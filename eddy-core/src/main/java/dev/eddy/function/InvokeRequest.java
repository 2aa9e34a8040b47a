package dev.eddy.function;

import java.util.Objects;

/**
 * One Invoke call as the caller states it.
 *
 * @param functionName a name, partial ARN or ARN, optionally with {@code :qualifier}
 * @param qualifier the separate Qualifier parameter, or null
 * @param payload the event (JSON); the adapter has checked that it parses
 * @param tail whether the caller wants the last 4 KB of the log (LogType Tail, synchronous only)
 * @param clientContext the decoded X-Amz-Client-Context JSON, or null
 */
public record InvokeRequest(
        String functionName,
        String qualifier,
        InvocationType type,
        byte[] payload,
        boolean tail,
        String clientContext) {

    public InvokeRequest {
        Objects.requireNonNull(type);
        Objects.requireNonNull(payload);
    }

    /** A synchronous invocation of {@code $LATEST} without log tail or client context. */
    public static InvokeRequest requestResponse(String functionName, byte[] payload) {
        return new InvokeRequest(functionName, null, InvocationType.RequestResponse, payload, false, null);
    }
}
