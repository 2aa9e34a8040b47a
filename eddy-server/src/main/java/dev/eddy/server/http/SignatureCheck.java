package dev.eddy.server.http;

import dev.eddy.server.http.SignatureRejected.Reason;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * SigV4 verification of every request the front door serves, when {@link AccessKeys#enabled()}.
 * The expected signature is not computed here: the AWS SDK's own signer signs a copy of the
 * received request (method, raw path, query, the headers the client signed, the body as sent)
 * with the configured secret, the client's credential scope and the client's {@code X-Amz-Date},
 * and the two signatures are compared in constant time; a request dated by its {@code Date} header
 * alone, which that signer cannot reproduce, is signed by {@link DateHeaderSignature}. A request
 * whose date is more than {@link #SKEW} away from the server's clock is refused, as AWS refuses
 * it, and so is a credential scoped to another region than this server's or another service than
 * the one the request is for.
 *
 * <p>Stateless apart from its configuration; thread-safe.
 */
final class SignatureCheck {
    /** How far a request's {@code X-Amz-Date} may be from the server's clock either way. */
    static final Duration SKEW = Duration.ofMinutes(15);

    /** The one signing algorithm accepted. */
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String TOKEN = "x-amz-security-token";
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final Set<String> PRESIGN_PARAMETERS = Set.of(
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-SignedHeaders",
            "X-Amz-Signature",
            "X-Amz-Security-Token");
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String UNKNOWN = "The security token included in the request is invalid.";

    private final AccessKeys keys;
    private final String region;
    private final InstantSource clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param keys the keys whose signatures are accepted
     * @param region the one region this server serves, the only one a credential may be scoped to
     * @param clock the time a signature's date is checked against
     */
    SignatureCheck(AccessKeys keys, String region, InstantSource clock) {
        this.keys = keys;
        this.region = region;
        this.clock = clock;
    }

    /** Whether {@link #verify} checks anything. */
    boolean enabled() {
        return keys.enabled();
    }

    /**
     * Verifies {@code req}, whose body is {@code body}; for a body with a {@code Content-Encoding},
     * the signature covers the bytes as sent, which {@link RawBody} kept.
     *
     * @param service the signing name of the service the request is for ({@code dynamodb} for
     *     DynamoDB and DynamoDB Streams, {@code sqs}, {@code lambda}): the credential's scope must
     *     name it
     * @throws SignatureRejected when authentication is on and the request is not signed by a
     *     configured key within its time window
     */
    void verify(ServerRequest req, byte[] body, String service) {
        if (!keys.enabled()) {
            return;
        }
        SigV4Parts parts = SigV4Parts.of(req);
        checkPayload(req);
        Instant date = parseDate(parts.date());
        parts.checkScopeDate();
        parts.checkScope(region, service);
        checkWindow(date, parts.expires());
        AccessKeys.Key key =
                keys.key(parts.accessKeyId()).orElseThrow(() -> new SignatureRejected(Reason.UNKNOWN_KEY, UNKNOWN));
        String token = parts.presigned()
                ? req.query().first("X-Amz-Security-Token").orElse(null)
                : req.headers().first(HeaderNames.create(TOKEN)).orElse(null);
        if (!Objects.equals(token, key.sessionToken())) {
            throw new SignatureRejected(Reason.UNKNOWN_KEY, UNKNOWN);
        }
        String expected = expectedSignature(req, RawBody.of(req).orElse(body), parts, date, key);
        byte[] given = parts.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.US_ASCII))) {
            throw new SignatureRejected(Reason.MISMATCH, MISMATCH);
        }
    }

    // the body given to the signer must be the body as signed: streaming (aws-chunked) payloads
    // sign each chunk, which the signer here does not follow
    private static void checkPayload(ServerRequest req) {
        String hash = req.headers().first(HeaderNames.create(CONTENT_SHA256)).orElse("");
        String encoding = req.headers()
                .first(HeaderNames.CONTENT_ENCODING)
                .orElse("")
                .strip()
                .toLowerCase(Locale.ROOT);
        if (hash.startsWith("STREAMING-") || encoding.contains("aws-chunked")) {
            throw new SignatureRejected(
                    Reason.INCOMPLETE,
                    "Streaming (aws-chunked) payloads are not supported: sign the whole body in one request.");
        }
    }

    private static Instant parseDate(String date) {
        try {
            return AMZ_DATE.parse(date, Instant::from);
        } catch (DateTimeParseException e) {
            throw new SignatureRejected(
                    Reason.INCOMPLETE,
                    "Date must be in ISO-8601 'basic format'. Got '" + date
                            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private void checkWindow(Instant date, Duration expires) {
        Instant now = clock.instant();
        Instant earliest = now.minus(SKEW);
        Instant latest = now.plus(SKEW);
        if (date.isBefore(earliest)) {
            throw new SignatureRejected(
                    Reason.MISMATCH,
                    "Signature expired: " + AMZ_DATE.format(date) + " is now earlier than " + AMZ_DATE.format(earliest)
                            + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (date.isAfter(latest)) {
            throw new SignatureRejected(
                    Reason.MISMATCH,
                    "Signature not yet current: " + AMZ_DATE.format(date) + " is still later than "
                            + AMZ_DATE.format(latest) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        if (expires != null && now.isAfter(date.plus(expires))) {
            throw new SignatureRejected(
                    Reason.MISMATCH,
                    "Signature expired: " + AMZ_DATE.format(date) + " is now earlier than "
                            + AMZ_DATE.format(now.minus(expires)) + " (" + AMZ_DATE.format(now) + " - "
                            + expires.toSeconds() + " sec.)");
        }
    }

    private String expectedSignature(
            ServerRequest req, byte[] body, SigV4Parts parts, Instant date, AccessKeys.Key key) {
        if (parts.datedByDateHeader()) {
            return DateHeaderSignature.of(copy(req, parts, true), body, parts, key.secret());
        }
        SdkHttpRequest copy = copy(req, parts, false);
        AwsCredentialsIdentity identity = key.sessionToken() == null
                ? AwsCredentialsIdentity.create(parts.accessKeyId(), key.secret())
                : AwsSessionCredentialsIdentity.create(parts.accessKeyId(), key.secret(), key.sessionToken());
        boolean unsigned = req.headers()
                .first(HeaderNames.create(CONTENT_SHA256))
                .map("UNSIGNED-PAYLOAD"::equals)
                .orElse(false);
        SignedRequest signed;
        try {
            signed = signer.sign(r -> {
                r.identity(identity)
                        .request(copy)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, parts.service())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, parts.region())
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(date, ZoneOffset.UTC))
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, !unsigned);
                if (parts.presigned()) {
                    r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                            .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, parts.expires());
                }
            });
        } catch (RuntimeException e) {
            // the signer refuses what it cannot sign (an unknown method, an expiry out of range):
            // no signature can match
            throw new SignatureRejected(Reason.MISMATCH, MISMATCH);
        }
        SdkHttpRequest out = signed.request();
        if (parts.presigned()) {
            return out.firstMatchingRawQueryParameter("X-Amz-Signature").orElse("");
        }
        String authorization = out.firstMatchingHeader("Authorization").orElse("");
        int at = authorization.indexOf("Signature=");
        return at < 0 ? "" : authorization.substring(at + "Signature=".length());
    }

    /**
     * The request as the client signed it: only the headers it signed, the query without the
     * signature; with {@code allHeaders} false, without the date and the token the SDK's signer
     * adds itself.
     */
    private static SdkHttpRequest copy(ServerRequest req, SigV4Parts parts, boolean allHeaders) {
        SdkHttpMethod method;
        try {
            method = SdkHttpMethod.fromValue(req.prologue().method().text());
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected(Reason.MISMATCH, MISMATCH);
        }
        SdkHttpRequest.Builder copy = SdkHttpRequest.builder()
                .method(method)
                .protocol("http")
                .host("localhost")
                .encodedPath(req.path().rawPath());
        for (String name : req.query().names()) {
            if (!parts.presigned() || !PRESIGN_PARAMETERS.contains(name)) {
                copy.putRawQueryParameter(name, req.query().all(name));
            }
        }
        for (String name : parts.signedHeaders()) {
            // the signer writes the date and the token itself, from the clock and the identity
            if (!allHeaders && (name.equals("x-amz-date") || name.equals(TOKEN))) {
                continue;
            }
            List<String> values = req.headers().all(HeaderNames.create(name), List::of);
            if (!values.isEmpty()) {
                copy.putHeader(name, values);
            }
        }
        return copy.build();
    }
}
