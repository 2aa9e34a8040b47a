package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code eddy serve --auth}: a request dated by its {@code Date} header alone (no
 * {@code X-Amz-Date}), as SigV4 allows, signed here by hand from the SigV4 definition rather than
 * by the SDK (whose signer always adds {@code X-Amz-Date}).
 */
class DateHeaderSignatureTest {
    static final String KEY = "AKIDDATEHEADER";
    static final String SECRET = "date-secret";
    static final String BODY = "{}";
    static final HexFormat HEX = HexFormat.of();
    static EddyServer server;

    @BeforeAll
    static void start() {
        server = EddyServer.start(ServerConfig.inMemoryOnRandomPort()
                .withAuth(new AccessKeys(Map.of(KEY, new AccessKeys.Key(SECRET, null)))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Answer(int status, String body) {}

    static String rfc1123(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String text) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The Authorization header of a ListTables POST signed over content-type, date, host and x-amz-target. */
    static String authorization(String host, String date, Instant scopeDay, String secret) throws Exception {
        String day = DateTimeFormatter.BASIC_ISO_DATE
                .format(scopeDay.atOffset(ZoneOffset.UTC))
                .substring(0, 8);
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(DateTimeFormatter.RFC_1123_DATE_TIME
                        .parse(date, Instant::from)
                        .atOffset(ZoneOffset.UTC));
        String signedHeaders = "content-type;date;host;x-amz-target";
        String canonical = "POST\n/\n\n"
                + "content-type:application/x-amz-json-1.0\n"
                + "date:" + date + "\n"
                + "host:" + host + "\n"
                + "x-amz-target:DynamoDB_20120810.ListTables\n\n"
                + signedHeaders + "\n" + sha256(BODY);
        String scope = day + "/us-east-1/dynamodb/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256(canonical);
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, "us-east-1");
        key = hmac(key, "dynamodb");
        key = hmac(key, "aws4_request");
        return "AWS4-HMAC-SHA256 Credential=" + KEY + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature="
                + HEX.formatHex(hmac(key, toSign));
    }

    /** ListTables with {@code date} in the Date header, signed at {@code signedDate} with {@code secret}. */
    static Answer listTables(String date, String signedDate, String secret) throws Exception {
        URI uri = server.endpoint().resolve("/");
        String host = uri.getHost() + ":" + uri.getPort();
        Instant day = DateTimeFormatter.RFC_1123_DATE_TIME.parse(signedDate, Instant::from);
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
            connection.setRequestProperty("X-Amz-Target", "DynamoDB_20120810.ListTables");
            connection.setRequestProperty("Date", date);
            connection.setRequestProperty("Authorization", authorization(host, signedDate, day, secret));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(BODY.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void aRequestDatedByItsDateHeaderIsVerified() throws Exception {
        String now = rfc1123(Instant.now());
        Answer good = listTables(now, now, SECRET);
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(good.body()).contains("TableNames");
        Answer wrongSecret = listTables(now, now, "not-the-secret");
        assertThat(wrongSecret.status()).isEqualTo(400);
        assertThat(wrongSecret.body()).contains("InvalidSignatureException").contains(SignatureCheck.MISMATCH);
        // the Date header is signed: another date than the one signed does not verify
        String later = rfc1123(Instant.now().plusSeconds(5));
        assertThat(listTables(later, now, SECRET).body()).contains("InvalidSignatureException");
    }

    @Test
    void theDateHeaderIsHeldToTheSameWindow() throws Exception {
        String stale = rfc1123(Instant.now().minus(Duration.ofMinutes(20)));
        Answer old = listTables(stale, stale, SECRET);
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.body()).contains("InvalidSignatureException").contains("Signature expired:");
    }

    @Test
    void aDateHeaderThatIsNoRfc1123DateIsIncomplete() throws Exception {
        String now = rfc1123(Instant.now());
        Answer malformed = listTables("yesterday", now, SECRET);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("IncompleteSignatureException").contains("RFC 1123");
    }
}
