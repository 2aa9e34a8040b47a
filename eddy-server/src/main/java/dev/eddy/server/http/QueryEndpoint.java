package dev.eddy.server.http;

import dev.eddy.error.EddyException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS query protocol on {@code POST /} and {@code POST /ACCOUNT/NAME} (form-encoded body,
 * {@code Action} parameter, XML
 * answers): dispatch to the registered {@link QueryService}, if any, and the protocol's error
 * answers, rendered here in one place.
 */
final class QueryEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(QueryEndpoint.class);
    private static final String CONTENT_TYPE = "text/xml";
    // the query protocol keeps a validation error for an oversized body: SQS has no 413 error
    private static final BodyLimit LIMIT = new BodyLimit(
            FrontDoor.MAX_REQUEST_BODY,
            () -> EddyException.validation("Request size exceeds the maximum allowed size of 16 MB"));

    private final QueryService service;
    private final StoreWorkers workers;
    private final SignatureCheck signatures;

    /** @param service the registered service, or null when there is none */
    QueryEndpoint(QueryService service, StoreWorkers workers, SignatureCheck signatures) {
        this.service = service;
        this.workers = workers;
        this.signatures = signatures;
    }

    /** Handles one request on its virtual thread. Never throws: every failure becomes an answer. */
    void handle(ServerRequest req, ServerResponse res) {
        String requestId = RequestIds.uuid();
        try {
            byte[] body = body(req);
            try {
                signatures.verify(req, body, "sqs");
            } catch (SignatureRejected e) {
                throw e.forSqs();
            }
            Map<String, String> parameters = parameters(body);
            String action = parameters.get("Action");
            QueryOperation op = service == null || action == null ? null : service.operation(action);
            if (op == null) {
                sendError(res, requestId, unknownAction(action));
                return;
            }
            QueryRequest request = new QueryRequest(
                    action, parameters, requestId, req.authority(), req.path().path());
            byte[] xml = service.waits(action) ? op.apply(request) : workers.call(() -> op.apply(request));
            res.header(FrontDoor.REQUEST_ID, requestId);
            res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            res.status(Status.OK_200).send(xml);
        } catch (EddyException e) {
            sendError(res, requestId, service == null ? QueryError.of(e) : service.error(e));
        } catch (MalformedForm e) {
            // AWS's common error for a query string it cannot decode
            sendError(res, requestId, new QueryError("MalformedQueryString", true, 404, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendError(res, requestId, internalFailure());
        } catch (Exception e) {
            LOG.error("request {} failed", requestId, e);
            sendError(res, requestId, internalFailure());
        }
    }

    private static final class MalformedForm extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedForm(String message) {
            super(message, null, false, false);
        }
    }

    private static byte[] body(ServerRequest req) throws MalformedForm {
        try {
            return LIMIT.read(req);
        } catch (EddyException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedForm("Unable to read the request body");
        }
    }

    private static Map<String, String> parameters(byte[] body) throws MalformedForm {
        Map<String, String> out = new LinkedHashMap<>();
        String form = new String(body, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(name, value);
            } catch (IllegalArgumentException e) {
                throw new MalformedForm("The query string contains a syntax error: " + pair);
            }
        }
        return out;
    }

    /** AWS's common errors for a request whose action no service answers. */
    private static QueryError unknownAction(String action) {
        if (action == null || action.isEmpty()) {
            return new QueryError(
                    "MissingAction", true, 400, "The request is missing an action or a required parameter.");
        }
        return new QueryError(
                "InvalidAction", true, 400, "The action " + action + " is not valid for this web service.");
    }

    private static QueryError internalFailure() {
        return new QueryError(
                "InternalFailure",
                false,
                500,
                "The request processing has failed because of an " + "unknown error, exception or failure.");
    }

    private void sendError(ServerResponse res, String requestId, QueryError e) {
        String namespace = service == null ? "" : " xmlns=\"" + escape(service.xmlNamespace()) + "\"";
        String xml = "<?xml version=\"1.0\"?><ErrorResponse" + namespace + "><Error><Type>"
                + (e.senderFault() ? "Sender" : "Receiver") + "</Type><Code>" + escape(e.code()) + "</Code><Message>"
                + escape(e.message() == null ? "" : e.message()) + "</Message><Detail/></Error><RequestId>"
                + requestId + "</RequestId></ErrorResponse>";
        res.header(FrontDoor.REQUEST_ID, requestId);
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.status(Status.create(e.status())).send(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#xD;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
