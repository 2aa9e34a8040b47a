package dev.eddy.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One operation of a {@link JsonService}: validates the request, calls an engine and returns the
 * answer's body. Called on a {@link StoreWorkers} thread (on the
 * request's virtual thread if its service says it {@link JsonService#waits}), after the front door has checked the
 * target, the authentication and that the body is a JSON object.
 */
@FunctionalInterface
public interface JsonOperation {
    /**
     * @return the answer's body, sent with status 200; null for an operation whose model has no
     *     output (TagResource), answered with an empty body as AWS answers it
     * @throws dev.eddy.error.EddyException for every error the client should see; the front door
     *     renders it in the JSON 1.0 error shape
     */
    ObjectNode apply(JsonRequest request);
}
