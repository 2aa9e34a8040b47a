package dev.eddy.server.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
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

    private Cors() {}

    /** The first handler of every route: adds the headers, answers a preflight, else goes on. */
    static void handle(ServerRequest req, ServerResponse res) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse("*");
        res.header(ALLOW_ORIGIN, origin);
        res.header(EXPOSE, EXPOSE_HEADERS);
        res.header(ALLOW_METHODS_HEADER, ALLOW_METHODS);
        res.header(ALLOW_HEADERS, req.headers().first(REQUEST_HEADERS).orElse("*"));
        if (!origin.equals("*")) {
            // the answer depends on the request's Origin: caches must not reuse it for another one
            res.header(HeaderNames.VARY, "Origin");
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
