package dev.eddy.server.http;

import dev.eddy.server.http.SignatureRejected.Reason;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a SigV4 signature a request carries, in its {@code Authorization} header or, for a
 * presigned request, in its query ({@code X-Amz-Credential} and the rest).
 *
 * @param accessKeyId the credential's access key id
 * @param scopeDate the credential scope's date, yyyymmdd
 * @param region the credential scope's region, as the client signed it
 * @param service the credential scope's service name, as the client signed it
 * @param signedHeaders the names of the signed headers, lower case
 * @param signature the signature, hex
 * @param date the {@code X-Amz-Date} value, unparsed
 * @param expires a presigned request's validity, null for header authentication
 */
record SigV4Parts(
        String accessKeyId,
        String scopeDate,
        String region,
        String service,
        List<String> signedHeaders,
        String signature,
        String date,
        Duration expires) {

    /**
     * Checks that the credential's scope names the day of {@code X-Amz-Date} (whose format the
     * caller has checked).
     */
    void checkScopeDate() {
        if (!date.startsWith(scopeDate)) {
            throw new SignatureRejected(
                    Reason.MISMATCH,
                    "Credential should be scoped to a valid date: '" + scopeDate + "' is not the date of " + date
                            + ".");
        }
    }

    boolean presigned() {
        return expires != null;
    }

    /**
     * @throws SignatureRejected MISSING without either form, INCOMPLETE when a part is missing or
     *     malformed
     */
    static SigV4Parts of(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header != null) {
            return fromHeader(req, header);
        }
        if (req.query().contains("X-Amz-Credential") || req.query().contains("X-Amz-Signature")) {
            return fromQuery(req);
        }
        throw new SignatureRejected(Reason.MISSING, "Request is missing Authentication Token");
    }

    private static SigV4Parts fromHeader(ServerRequest req, String header) {
        if (!header.startsWith(SignatureCheck.ALGORITHM + " ")) {
            throw incomplete("Authorization header requires '" + SignatureCheck.ALGORITHM
                    + "' algorithm. Authorization=" + header);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part :
                header.substring(SignatureCheck.ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!fields.containsKey(name)) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        String date = req.headers().first(HeaderNames.create("X-Amz-Date")).orElse(null);
        if (date == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw incomplete(missing + "Authorization=" + header);
        }
        return build(fields.get("Credential"), fields.get("SignedHeaders"), fields.get("Signature"), date, null);
    }

    private static SigV4Parts fromQuery(ServerRequest req) {
        StringBuilder missing = new StringBuilder();
        for (String name : List.of(
                "X-Amz-Algorithm",
                "X-Amz-Credential",
                "X-Amz-Signature",
                "X-Amz-SignedHeaders",
                "X-Amz-Date",
                "X-Amz-Expires")) {
            if (!req.query().contains(name)) {
                missing.append("AWS query-string parameters must include '")
                        .append(name)
                        .append("'. ");
            }
        }
        if (!missing.isEmpty()) {
            throw incomplete(missing + "Re-examine the query-string parameters.");
        }
        if (!req.query().get("X-Amz-Algorithm").equals(SignatureCheck.ALGORITHM)) {
            throw incomplete("X-Amz-Algorithm only supports 'AWS4-HMAC-SHA256'");
        }
        Duration expires;
        try {
            long seconds = Long.parseLong(req.query().get("X-Amz-Expires"));
            if (seconds < 1 || seconds > 604_800) {
                throw new NumberFormatException();
            }
            expires = Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw incomplete("X-Amz-Expires must be a number of seconds between 1 and 604800");
        }
        return build(
                req.query().get("X-Amz-Credential"),
                req.query().get("X-Amz-SignedHeaders"),
                req.query().get("X-Amz-Signature"),
                req.query().get("X-Amz-Date"),
                expires);
    }

    private static SigV4Parts build(
            String credential, String signedHeaders, String signature, String date, Duration expires) {
        // ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request
        String[] scope = credential.split("/", -1);
        if (scope.length != 5
                || !scope[4].equals("aws4_request")
                || Arrays.stream(scope).anyMatch(String::isEmpty)) {
            throw incomplete("Credential should be scoped to a valid region, service and terminator 'aws4_request'."
                    + " Got '" + credential + "'.");
        }
        if (signedHeaders.isEmpty() || signature.isEmpty()) {
            throw incomplete("The signature or its list of signed headers is empty.");
        }
        List<String> names = Arrays.stream(signedHeaders.split(";"))
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .toList();
        return new SigV4Parts(scope[0], scope[1], scope[2], scope[3], names, signature, date, expires);
    }

    private static SignatureRejected incomplete(String message) {
        return new SignatureRejected(Reason.INCOMPLETE, message);
    }
}
