package dev.eddy.server.http;

import dev.eddy.error.EddyException;

/**
 * An error as the query protocol names it: {@code <Error><Type>Sender|Receiver</Type>
 * <Code>code</Code><Message>message</Message></Error>} with an HTTP status.
 */
public record QueryError(String code, boolean senderFault, int status, String message) {

    /** The code's short name, a sender fault when the status is below 500. */
    public static QueryError of(EddyException e) {
        int status = e.code().httpStatus();
        return new QueryError(e.code().shortName(), status < 500, status, e.getMessage());
    }
}
