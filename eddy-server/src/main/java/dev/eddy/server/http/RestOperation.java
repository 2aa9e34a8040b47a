package dev.eddy.server.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * One route of a {@link RestService}: reads the request (its body through
 * {@link RestRoutes#body(ServerRequest)}), calls an engine and sends the answer on {@code res}.
 * Called on a {@link StoreWorkers} thread or on the request's virtual thread, as the route's
 * {@link RestRoutes.Work} says; {@code x-amzn-RequestId} is already set and may be replaced.
 */
@FunctionalInterface
public interface RestOperation {
    /**
     * @throws dev.eddy.error.EddyException for every error the client should see; the front door
     *     renders it through {@link RestService#errorBody}
     * @throws Exception anything else becomes the service's {@link RestService#internalError()}
     */
    void handle(ServerRequest req, ServerResponse res) throws Exception;
}
