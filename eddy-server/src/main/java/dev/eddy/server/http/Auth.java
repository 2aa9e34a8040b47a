package dev.eddy.server.http;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Authentication as local DynamoDB-compatible servers do it: a request must carry a SigV4
 * Authorization header (or presigned query parameters) naming a credential; the signature itself
 * is not verified, so any access key works. The front door checks it for every JSON service, after
 * the target and before the body's member types, in DynamoDB's order.
 */
final class Auth {
    private Auth() {}

    static void check(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null) {
            if (req.query().contains("X-Amz-Credential")) {
                return;
            }
            throw new EddyException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
        }
        StringBuilder missing = new StringBuilder();
        if (!header.contains("Credential=")) {
            missing.append("Authorization header requires 'Credential' parameter. ");
        }
        if (!header.contains("Signature=")) {
            missing.append("Authorization header requires 'Signature' parameter. ");
        }
        if (!header.contains("SignedHeaders=")) {
            missing.append("Authorization header requires 'SignedHeaders' parameter. ");
        }
        if (!header.startsWith("AWS4-HMAC-SHA256 ")) {
            throw new EddyException(
                    ErrorCode.INCOMPLETE_SIGNATURE,
                    "Authorization header requires 'AWS4-HMAC-SHA256' algorithm. Authorization=" + header);
        }
        if (!missing.isEmpty()) {
            throw new EddyException(ErrorCode.INCOMPLETE_SIGNATURE, missing + "Authorization=" + header);
        }
    }
}
