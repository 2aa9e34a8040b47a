package dev.eddy.server.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4CanonicalRequest;

/**
 * The SigV4 signature of a request dated by its {@code Date} header alone (no {@code X-Amz-Date}),
 * which SigV4 allows. The SDK's signer always adds and signs an {@code X-Amz-Date} header, so it
 * cannot reproduce such a signature: the canonical request is still the SDK's (the same class its
 * signer uses, so paths, queries and headers are canonicalized exactly alike), and the string to
 * sign and the key derivation, which SigV4 fixes, are done here. Stateless; thread-safe.
 */
final class DateHeaderSignature {
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final HexFormat HEX = HexFormat.of();

    private DateHeaderSignature() {}

    /**
     * The hex signature of {@code request} (holding exactly the headers the client signed, the
     * {@code Date} among them) with body {@code body}, for the scope and date of {@code parts}
     * signed with {@code secret}.
     */
    static String of(SdkHttpRequest request, byte[] body, SigV4Parts parts, String secret) {
        String payloadHash = request.firstMatchingHeader("x-amz-content-sha256")
                .filter(UNSIGNED::equals)
                .orElseGet(() -> HEX.formatHex(sha256(body)));
        // double encoding and path normalization: what the SDK does for every service but S3
        String canonical = new V4CanonicalRequest(request, payloadHash, new V4CanonicalRequest.Options(true, true))
                .getCanonicalRequestString();
        String scope = parts.scopeDate() + "/" + parts.region() + "/" + parts.service() + "/aws4_request";
        String toSign = SignatureCheck.ALGORITHM + "\n" + parts.date() + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), parts.scopeDate());
        key = hmac(key, parts.region());
        key = hmac(key, parts.service());
        key = hmac(key, "aws4_request");
        return HEX.formatHex(hmac(key, toSign));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            // every Java runtime has SHA-256
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // every Java runtime has HmacSHA256, and any key bytes are a valid HMAC key
            throw new IllegalStateException(e);
        }
    }
}
