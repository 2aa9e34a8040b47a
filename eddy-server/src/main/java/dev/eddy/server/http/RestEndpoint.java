package dev.eddy.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST-JSON protocol around one {@link RestService}'s routes: request id, body, offload, and the
 * protocol's error answer, rendered here in one place.
 */
final class RestEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RestEndpoint.class);
    private static final HeaderName ERROR_TYPE = HeaderNames.create("X-Amzn-ErrorType");
    /**
     * The listener refuses a declared length past {@link FrontDoor#MAX_PAYLOAD} itself, with 413
     * and no body; a chunked body that grows past it gets the same answer from here.
     */
    private static final BodyLimit LIMIT = new BodyLimit(
            FrontDoor.MAX_PAYLOAD,
            () -> RequestException.builder()
                    .type(DirectHandler.EventType.BAD_REQUEST)
                    .status(Status.REQUEST_ENTITY_TOO_LARGE_413)
                    .setKeepAlive(false)
                    .message("Payload length too big")
                    .build());

    private record ReadBody(byte[] bytes) {}

    private final RestService service;
    private final StoreWorkers workers;
    private final SignatureCheck signatures;
    private final ObjectMapper json = new ObjectMapper();

    RestEndpoint(RestService service, StoreWorkers workers, SignatureCheck signatures) {
        this.service = service;
        this.workers = workers;
        this.signatures = signatures;
    }

    static byte[] body(ServerRequest req) {
        return req.context()
                .get(ReadBody.class)
                .map(ReadBody::bytes)
                .orElseThrow(() -> new IllegalStateException(
                        "not a front-door route: " + req.path().path()));
    }

    /** Wraps {@code op}: every failure becomes an answer in the service's shape; nothing escapes. */
    Handler handler(RestRoutes.Work work, RestOperation op) {
        return (req, res) -> {
            res.header(FrontDoor.REQUEST_ID, RequestIds.uuid());
            try {
                byte[] body = read(req);
                try {
                    if (service.signed()) {
                        signatures.verify(req, body, "lambda");
                    }
                } catch (SignatureRejected e) {
                    throw e.forLambda();
                }
                req.context().register(new ReadBody(body));
                if (work == RestRoutes.Work.STORE) {
                    workers.call(() -> {
                        op.handle(req, res);
                        return null;
                    });
                } else {
                    op.handle(req, res);
                }
            } catch (EddyException e) {
                error(req, res, e);
            } catch (RequestException e) {
                throw e; // the web server answers it, as it does before routing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error(req, res, service.internalError());
            } catch (Exception e) {
                LOG.error(
                        "request {} {} failed",
                        req.prologue().method(),
                        req.path().path(),
                        e);
                error(req, res, service.internalError());
            }
        };
    }

    private static byte[] read(ServerRequest req) {
        try {
            return LIMIT.read(req);
        } catch (RequestException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // a chunk size or extension the web server cannot parse, a body shorter than its
            // Content-Length, a compressed body that does not inflate: the client's mistake
            throw new EddyException(ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT, "Could not read the request body");
        }
    }

    private void error(ServerRequest req, ServerResponse res, EddyException e) throws IOException {
        if (res.isSent()) {
            LOG.warn(
                    "request {} {} failed after its answer was sent",
                    req.prologue().method(),
                    req.path().path(),
                    e);
            return;
        }
        res.header(ERROR_TYPE, e.code().shortName());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.status(Status.create(e.code().httpStatus())).send(json.writeValueAsBytes(service.errorBody(e)));
    }
}
