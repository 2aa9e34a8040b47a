package dev.eddy.server.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decoded query-protocol request.
 *
 * @param action the {@code Action} parameter
 * @param parameters every form parameter, decoded, in the order sent (a repeated name keeps its last value)
 * @param requestId the id the front door sends in {@code x-amzn-RequestId}, for the XML's
 *     {@code ResponseMetadata}
 * @param authority the host (and port) the client addressed, for answers that name the endpoint
 * @param path the request's path: {@code /}, or the resource an SDK posted to (SQS: the queue's
 *     URL path {@code /ACCOUNT/NAME})
 */
public record QueryRequest(
        String action, Map<String, String> parameters, String requestId, String authority, String path) {
    public QueryRequest {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A parameter's value, or null when absent. */
    public String parameter(String name) {
        return parameters.get(name);
    }
}
