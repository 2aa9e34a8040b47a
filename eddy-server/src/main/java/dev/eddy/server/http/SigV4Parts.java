package dev.eddy.server.http;

import dev.eddy.server.http.SignatureRejected.Reason;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
 * @param date the request's date in the {@code X-Amz-Date} form, unparsed: that header's value,
 *     or the {@code Date} header's (RFC 1123) converted when the request has no {@code X-Amz-Date}
 * @param expires a presigned request's validity, null for header authentication
 * @param datedByDateHeader whether {@code date} came from the {@code Date} header
 */
record SigV4Parts(
        String accessKeyId,
        String scopeDate,
        String region,
        String service,
        List<String> signedHeaders,
        String signature,
        String date,
        Duration expires,
        boolean datedByDateHeader) {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

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

    /**
     * Checks that the credential's scope names this server's region and the service the request
     * is for, as AWS checks it: a signature made for another region or service is refused even
     * when it matches.
     *
     * @param expectedRegion the one region this server serves
     * @param expectedService the signing name of the service the request is for
     */
    void checkScope(String expectedRegion, String expectedService) {
        if (!region.equals(expectedRegion)) {
            throw new SignatureRejected(
                    Reason.MISMATCH, "Credential should be scoped to a valid region, not '" + region + "'. ");
        }
        if (!service.equals(expectedService)) {
            throw new SignatureRejected(
                    Reason.MISMATCH, "Credential should be scoped to correct service: '" + expectedService + "'. ");
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
        String dateHeader = req.headers().first(HeaderNames.DATE).orElse(null);
        if (date == null && dateHeader == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw incomplete(missing + "Authorization=" + header);
        }
        // SigV4 takes the Date header when X-Amz-Date is absent; X-Amz-Date wins when both are sent
        boolean byDateHeader = date == null;
        return build(
                fields.get("Credential"),
                fields.get("SignedHeaders"),
                fields.get("Signature"),
                byDateHeader ? fromRfc1123(dateHeader) : date,
                null,
                byDateHeader);
    }

    /** A {@code Date} header's value (RFC 1123, such as {@code Wed, 03 Dec 2026 07:00:00 GMT}) in the X-Amz-Date form. */
    private static String fromRfc1123(String value) {
        try {
            return AMZ_DATE.format(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip(), Instant::from));
        } catch (DateTimeParseException e) {
            throw incomplete("Date header must be in RFC 1123 format, such as 'Wed, 03 Dec 2026 07:00:00 GMT'. Got '"
                    + value + "'.");
        }
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
                expires,
                false);
    }

    private static SigV4Parts build(
            String credential,
            String signedHeaders,
            String signature,
            String date,
            Duration expires,
            boolean datedByDateHeader) {
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
        return new SigV4Parts(
                scope[0], scope[1], scope[2], scope[3], names, signature, date, expires, datedByDateHeader);
    }

    private static SignatureRejected incomplete(String message) {
        return new SignatureRejected(Reason.INCOMPLETE, message);
    }
}
