package dev.eddy.server.http;

import dev.eddy.error.EddyException;

/**
 * The service that answers the AWS query protocol on {@code POST /}: a form-encoded body
 * ({@code application/x-www-form-urlencoded}) whose {@code Action} parameter names the operation
 * and whose answers are XML (SQS's legacy protocol). At most one is registered with a
 * {@link FrontDoor}, by the composition root, through {@link FrontDoor#registerQuery}.
 *
 * <p>The front door reads the body (at most {@link FrontDoor#MAX_REQUEST_BODY} bytes), decodes
 * the parameters, answers {@code InvalidAction} (400) for an action {@link #operation} does not
 * know (or when no query service is registered), runs the operation on a store worker (on the
 * request's virtual thread if it {@link #waits}) and sends
 * its XML with status 200; an {@link EddyException} becomes an XML {@code ErrorResponse} with the
 * code, fault and status {@link #error} gives. Every answer carries {@code x-amzn-RequestId}.
 *
 * <p>Implementations must be thread-safe: {@link #operation} runs on store workers for many
 * requests at once, {@link #error} on the request's virtual thread.
 */
public interface QueryService {
    /** The XML namespace of answers and errors, for example {@code http://queue.amazonaws.com/doc/2012-11-05/}. */
    String xmlNamespace();

    /** The operation for an {@code Action} parameter, or null if there is none. */
    QueryOperation operation(String action);

    /**
     * Whether the operation for {@code action} may wait for something other than the store (SQS's
     * long-polling ReceiveMessage): it then runs on the request's virtual thread instead of a store
     * worker, for the reasons {@link RestRoutes.Work#WAIT} gives. Default: none.
     */
    default boolean waits(String action) {
        return false;
    }

    /** How the protocol names an error (default: the code's short name, sender fault below 500). */
    default QueryError error(EddyException e) {
        return QueryError.of(e);
    }
}
