package dev.eddy.server.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;

/**
 * Where a {@link RestService} declares its routes. Each route is wrapped by the front door (request
 * id, body read, offload, error rendering; see {@link RestService}). Used only while the routing
 * is built, on the thread that builds it.
 */
public final class RestRoutes {
    /** Where a route's operation runs. */
    public enum Work {
        /**
         * Engine calls that touch the store and return promptly: on a {@link StoreWorkers} thread,
         * so that a JNI call into the store does not pin the request's carrier thread.
         */
        STORE,
        /**
         * Calls that wait for something other than the store (a function invocation, a long poll):
         * on the request's virtual thread. On the store workers a handful of them would hold every
         * worker for seconds or minutes and stall every other request, and a function that calls
         * back into Eddy would wait for a worker its own invocation holds. Their brief store reads
         * pin a carrier for less time than that costs.
         */
        WAIT
    }

    private final HttpRules rules;
    private final RestEndpoint endpoint;

    RestRoutes(HttpRules rules, RestEndpoint endpoint) {
        this.rules = rules;
        this.endpoint = endpoint;
    }

    /**
     * The body of the current request, read whole by the front door before the operation runs;
     * empty when the request has none.
     *
     * @throws IllegalStateException when {@code req} did not arrive through a front-door route
     */
    public static byte[] body(ServerRequest req) {
        return RestEndpoint.body(req);
    }

    public RestRoutes get(String path, RestOperation op) {
        return get(path, Work.STORE, op);
    }

    public RestRoutes get(String path, Work work, RestOperation op) {
        rules.get(path, endpoint.handler(work, op));
        return this;
    }

    public RestRoutes post(String path, RestOperation op) {
        return post(path, Work.STORE, op);
    }

    public RestRoutes post(String path, Work work, RestOperation op) {
        rules.post(path, endpoint.handler(work, op));
        return this;
    }

    public RestRoutes put(String path, RestOperation op) {
        return put(path, Work.STORE, op);
    }

    public RestRoutes put(String path, Work work, RestOperation op) {
        rules.put(path, endpoint.handler(work, op));
        return this;
    }

    public RestRoutes delete(String path, RestOperation op) {
        return delete(path, Work.STORE, op);
    }

    public RestRoutes delete(String path, Work work, RestOperation op) {
        rules.delete(path, endpoint.handler(work, op));
        return this;
    }
}
