package dev.eddy.server.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Cross-origin access for browser code (the AWS SDK for JavaScript in a page, a web console):
 * every answer allows any origin, and a preflight {@code OPTIONS} request on any path is answered
 * 200 with the methods and headers allowed. Eddy is a development server without credentials to
 * protect (signatures are not verified), so nothing is restricted. Stateless and thread-safe.
 */
final class Cors {
    static final String ALLOW_METHODS = "GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS";
    static final String EXPOSE_HEADERS = "x-amzn-RequestId, x-amzn-ErrorType, x-amz-crc32, x-amz-id-2, "
            + "x-amz-log-result, x-amz-function-error, x-amz-executed-version, Date";
    private static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
    private static final HeaderName ALLOW_HEADERS = HeaderNames.create("Access-Control-Allow-Headers");
    private static final HeaderName ALLOW_METHODS_HEADER = HeaderNames.create("Access-Control-Allow-Methods");
    private static final HeaderName EXPOSE = HeaderNames.create("Access-Control-Expose-Headers");
    private static final HeaderName MAX_AGE = HeaderNames.create("Access-Control-Max-Age");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");
    // the fixed headers are built once, with their wire bytes cached: they go on every answer
    private static final Header ANY_ORIGIN = HeaderValues.createCached(ALLOW_ORIGIN, "*");
    private static final Header EXPOSE_ALL = HeaderValues.createCached(EXPOSE, EXPOSE_HEADERS);
    private static final Header METHODS = HeaderValues.createCached(ALLOW_METHODS_HEADER, ALLOW_METHODS);
    private static final Header ANY_HEADERS = HeaderValues.createCached(ALLOW_HEADERS, "*");

    private Cors() {}

    /**
     * The first handler of every route: adds the headers, answers a preflight, else goes on. A
     * request without {@code Origin} comes from no browser (browsers send it on every cross-origin
     * request and preflight), so its answer gets only {@code Access-Control-Allow-Origin: *}: the
     * other headers would be read by no one, and each costs its validation and bytes on every
     * answer.
     */
    static void handle(ServerRequest req, ServerResponse res) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origin == null) {
            res.header(ANY_ORIGIN);
        } else {
            res.header(ALLOW_ORIGIN, origin);
            res.header(EXPOSE_ALL);
            res.header(METHODS);
            String asked = req.headers().first(REQUEST_HEADERS).orElse(null);
            res.header(asked == null ? ANY_HEADERS : HeaderValues.create(ALLOW_HEADERS, asked));
            if (!origin.equals("*")) {
                // the answer depends on the request's Origin: caches must not reuse it for another one
                res.header(HeaderNames.VARY, "Origin");
            }
        }
        if (req.prologue().method().equals(Method.OPTIONS)) {
            res.header(MAX_AGE, "86400");
            res.header(FrontDoor.REQUEST_ID, RequestIds.uuid());
            res.status(Status.OK_200).send();
            return;
        }
        res.next();
    }
}
