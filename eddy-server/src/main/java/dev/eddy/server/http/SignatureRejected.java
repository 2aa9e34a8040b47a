package dev.eddy.server.http;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;

/**
 * Why {@link SignatureCheck} refused a request, before the protocol that answers it is known: each
 * endpoint turns it into its service's error ({@link #forDynamoDb}, {@link #forSqs},
 * {@link #forLambda}) with the same message.
 */
final class SignatureRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failure, in the order the check looks for them. */
    enum Reason {
        /** No Authorization header and no presigned query. */
        MISSING,
        /** An Authorization header or presigned query that lacks a part or cannot be parsed. */
        INCOMPLETE,
        /** An access key id (or session token) that no configured key has. */
        UNKNOWN_KEY,
        /** A signature that is not the one the secret gives, or is out of its time window. */
        MISMATCH
    }

    private final Reason reason;

    SignatureRejected(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    /** DynamoDB's and DynamoDB Streams' error (400). */
    EddyException forDynamoDb() {
        return new EddyException(
                switch (reason) {
                    case MISSING -> ErrorCode.MISSING_AUTHENTICATION_TOKEN;
                    case INCOMPLETE -> ErrorCode.INCOMPLETE_SIGNATURE;
                    case UNKNOWN_KEY -> ErrorCode.UNRECOGNIZED_CLIENT;
                    case MISMATCH -> ErrorCode.INVALID_SIGNATURE;
                },
                getMessage());
    }

    /** SQS's error, in the JSON and the query protocol. */
    EddyException forSqs() {
        return new EddyException(
                switch (reason) {
                    case MISSING -> ErrorCode.SQS_MISSING_AUTHENTICATION_TOKEN;
                    case INCOMPLETE -> ErrorCode.SQS_INCOMPLETE_SIGNATURE;
                    case UNKNOWN_KEY -> ErrorCode.SQS_INVALID_CLIENT_TOKEN_ID;
                    case MISMATCH -> ErrorCode.SQS_SIGNATURE_DOES_NOT_MATCH;
                },
                getMessage());
    }

    /** Lambda's error (403, type in {@code X-Amzn-ErrorType}). */
    EddyException forLambda() {
        return new EddyException(
                switch (reason) {
                    case MISSING -> ErrorCode.LAMBDA_MISSING_AUTHENTICATION_TOKEN;
                    case INCOMPLETE -> ErrorCode.LAMBDA_INCOMPLETE_SIGNATURE;
                    case UNKNOWN_KEY -> ErrorCode.LAMBDA_UNRECOGNIZED_CLIENT;
                    case MISMATCH -> ErrorCode.LAMBDA_INVALID_SIGNATURE;
                },
                getMessage());
    }
}
