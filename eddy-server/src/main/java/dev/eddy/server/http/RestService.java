package dev.eddy.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;

/**
 * An AWS service spoken in the REST-JSON protocol (Lambda): one route per operation, chosen by
 * method and path. The composition root registers it with {@link FrontDoor#registerRest}; the
 * front door then asks it for its routes, once, while it builds the server's routing.
 *
 * <p>Around every route the front door sets {@code x-amzn-RequestId}, reads the body (at most
 * {@link FrontDoor#MAX_PAYLOAD} bytes) before the operation runs, runs the operation on a store
 * worker unless the route says it waits, and renders a failure in the protocol's error shape:
 * status from the error code, the code's short name in {@code X-Amzn-ErrorType}, the body from
 * {@link #errorBody}, {@code Content-Type: application/json}.
 *
 * <p>Implementations must be thread-safe: the methods run for many requests at once, on store
 * workers or on the requests' virtual threads.
 */
public interface RestService {
    /** Declares every route of the service on {@code routes}. */
    void routes(RestRoutes routes);

    /** The error body of {@code e}, with the member names the service uses for that error. */
    ObjectNode errorBody(EddyException e);

    /** The error a client sees for a failure that is not an {@link EddyException} (logged by the front door). */
    EddyException internalError();

    /**
     * Whether requests must be signed when authentication is on (default yes); the metrics scrape,
     * which no AWS client sends, is served unsigned like the health check.
     */
    default boolean signed() {
        return true;
    }
}
