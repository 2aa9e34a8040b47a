package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code eddy serve --auth}: every service on the port verifies SigV4 signatures made by the SDK's
 * own signer, and answers a missing, malformed, wrongly signed, stale or unknown one with the
 * service's own error; the health check and the metrics stay open.
 */
class SignatureAuthTest {
    static final String KEY = "AKIDEDDYTEST";
    static final String SECRET = "the-secret";
    static final String TOKEN_KEY = "ASIAEDDYTEST";
    static final String TOKEN = "the-session-token";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    static EddyServer server;

    @BeforeAll
    static void start() {
        AccessKeys keys = new AccessKeys(Map.of(
                KEY, new AccessKeys.Key(SECRET, null),
                TOKEN_KEY, new AccessKeys.Key(SECRET, TOKEN)));
        server = EddyServer.start(ServerConfig.inMemoryOnRandomPort().withAuth(keys));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static StaticCredentialsProvider credentials(String key, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }

    static DynamoDbClient dynamo(AwsCredentials credentials) {
        return dynamo(credentials, Region.US_EAST_1);
    }

    static DynamoDbClient dynamo(AwsCredentials credentials, Region region) {
        return DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static AwsServiceException failure(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void dynamoDbAcceptsTheRightSecretAndRejectsAWrongOneOrAnUnknownKey() {
        try (DynamoDbClient good = dynamo(AwsBasicCredentials.create(KEY, SECRET));
                DynamoDbClient wrong = dynamo(AwsBasicCredentials.create(KEY, "not-the-secret"));
                DynamoDbClient unknown = dynamo(AwsBasicCredentials.create("AKIDNOBODY", SECRET))) {
            assertThat(good.listTables().tableNames()).isNotNull();
            AwsServiceException badSignature = failure(wrong::listTables);
            assertThat(badSignature.statusCode()).isEqualTo(400);
            assertThat(badSignature.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(badSignature.awsErrorDetails().errorMessage()).isEqualTo(SignatureCheck.MISMATCH);
            AwsServiceException badKey = failure(unknown::listTables);
            assertThat(badKey.statusCode()).isEqualTo(400);
            assertThat(badKey.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(badKey.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
        }
    }

    @Test
    void aKeyWithASessionTokenNeedsThatToken() {
        try (DynamoDbClient good = dynamo(AwsSessionCredentials.create(TOKEN_KEY, SECRET, TOKEN));
                DynamoDbClient other = dynamo(AwsSessionCredentials.create(TOKEN_KEY, SECRET, "another"));
                DynamoDbClient none = dynamo(AwsBasicCredentials.create(TOKEN_KEY, SECRET))) {
            assertThat(good.listTables().tableNames()).isNotNull();
            assertThat(failure(other::listTables).awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
            assertThat(failure(none::listTables).awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
        }
    }

    @Test
    void streamsChecksSignaturesToo() {
        try (DynamoDbStreamsClient good = DynamoDbStreamsClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials(KEY, SECRET))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
                DynamoDbStreamsClient wrong = DynamoDbStreamsClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials(KEY, "wrong"))
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                        .build()) {
            assertThat(good.listStreams().streams()).isNotNull();
            assertThat(failure(wrong::listStreams).awsErrorDetails().errorCode())
                    .isEqualTo("InvalidSignatureException");
        }
    }

    static SqsClient sqs(String key, String secret) {
        return SqsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(key, secret))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @Test
    void sqsAnswersWithItsOwnCodes() {
        try (SqsClient good = sqs(KEY, SECRET);
                SqsClient wrong = sqs(KEY, "wrong");
                SqsClient unknown = sqs("AKIDNOBODY", SECRET)) {
            String url = good.createQueue(r -> r.queueName("signed-" + System.nanoTime()))
                    .queueUrl();
            good.sendMessage(r -> r.queueUrl(url).messageBody("a body with spaces & symbols: /?=+"));
            assertThat(good.receiveMessage(r -> r.queueUrl(url)).messages()).hasSize(1);
            AwsServiceException badSignature = failure(() -> wrong.listQueues());
            assertThat(badSignature.statusCode()).isEqualTo(403);
            assertThat(badSignature.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            AwsServiceException badKey = failure(() -> unknown.listQueues());
            assertThat(badKey.statusCode()).isEqualTo(403);
            assertThat(badKey.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
        }
    }

    static LambdaClient lambda(String key, String secret) {
        return LambdaClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(key, secret))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @Test
    void lambdaAnswersWithItsOwnShape() {
        try (LambdaClient good = lambda(KEY, SECRET);
                LambdaClient wrong = lambda(KEY, "wrong");
                LambdaClient unknown = lambda("AKIDNOBODY", SECRET)) {
            assertThat(good.listFunctions().functions()).isNotNull();
            // a path with characters the signer encodes twice, and a body
            assertThat(failure(() -> good.getFunction(r -> r.functionName("no-such:function")))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(failure(() -> good.invoke(
                                    r -> r.functionName("missing").payload(SdkBytes.fromUtf8String("{\"a\":1}"))))
                            .statusCode())
                    .isEqualTo(404);
            AwsServiceException badSignature = failure(wrong::listFunctions);
            assertThat(badSignature.statusCode()).isEqualTo(403);
            assertThat(badSignature.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(badSignature.awsErrorDetails().errorMessage()).isEqualTo(SignatureCheck.MISMATCH);
            AwsServiceException badKey = failure(unknown::listFunctions);
            assertThat(badKey.statusCode()).isEqualTo(403);
            assertThat(badKey.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        }
    }

    /** A request signed by the SDK's signer at {@code at}, sent as is. */
    static HttpResponse<String> signed(
            String method, String pathAndQuery, Map<String, String> headers, String body, String service, Instant at)
            throws Exception {
        return send(sign(method, pathAndQuery, headers, body, service, at, null), body);
    }

    static SdkHttpRequest sign(
            String method,
            String pathAndQuery,
            Map<String, String> headers,
            String body,
            String service,
            Instant at,
            Duration presignedFor) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(server.endpoint() + pathAndQuery));
        headers.forEach(request::putHeader);
        return SIGNER.sign(r -> {
                    r.identity(AwsCredentialsIdentity.create(KEY, SECRET))
                            .request(request.build())
                            .payload(ContentStreamProvider.fromUtf8String(body))
                            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
                    if (presignedFor != null) {
                        r.putProperty(
                                        AwsV4FamilyHttpSigner.AUTH_LOCATION,
                                        AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, presignedFor);
                    }
                })
                .request();
    }

    static HttpResponse<String> send(SdkHttpRequest signed, String body) throws Exception {
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.getUri())
                .method(signed.method().name(), HttpRequest.BodyPublishers.ofString(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> out.header(name, value));
            }
        });
        return HTTP.send(out.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static final Map<String, String> LIST_TABLES =
            Map.of("X-Amz-Target", "DynamoDB_20120810.ListTables", "Content-Type", "application/x-amz-json-1.0");

    @Test
    void aSignatureWithinFifteenMinutesIsAcceptedOutsideItIsNot() throws Exception {
        Instant now = Instant.now();
        assertThat(signed("POST", "/", LIST_TABLES, "{}", "dynamodb", now.minus(Duration.ofMinutes(10)))
                        .statusCode())
                .isEqualTo(200);
        assertThat(signed("POST", "/", LIST_TABLES, "{}", "dynamodb", now.plus(Duration.ofMinutes(10)))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> old =
                signed("POST", "/", LIST_TABLES, "{}", "dynamodb", now.minus(Duration.ofMinutes(20)));
        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(old.body())
                .contains("com.amazon.coral.service#InvalidSignatureException")
                .containsPattern("Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z"
                        + " \\(\\d{8}T\\d{6}Z - 15 min\\.\\)");
        HttpResponse<String> future =
                signed("POST", "/", LIST_TABLES, "{}", "dynamodb", now.plus(Duration.ofMinutes(20)));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body())
                .contains("com.amazon.coral.service#InvalidSignatureException")
                .containsPattern("Signature not yet current: \\d{8}T\\d{6}Z is still later than \\d{8}T\\d{6}Z"
                        + " \\(\\d{8}T\\d{6}Z \\+ 15 min\\.\\)");
    }

    @Test
    void aCredentialScopedToAnotherRegionThanTheServersIsRefused() {
        try (DynamoDbClient elsewhere = dynamo(AwsBasicCredentials.create(KEY, SECRET), Region.EU_WEST_1);
                LambdaClient lambdaElsewhere = LambdaClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.EU_WEST_1)
                        .credentialsProvider(credentials(KEY, SECRET))
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                        .build()) {
            AwsServiceException refused = failure(elsewhere::listTables);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(refused.awsErrorDetails().errorMessage())
                    .isEqualTo("Credential should be scoped to a valid region, not 'eu-west-1'. ");
            AwsServiceException lambdaRefused = failure(lambdaElsewhere::listFunctions);
            assertThat(lambdaRefused.statusCode()).isEqualTo(403);
            assertThat(lambdaRefused.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        }
    }

    @Test
    void aCredentialScopedToAnotherServiceIsRefusedWithTheServicesError() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> dynamo = signed("POST", "/", LIST_TABLES, "{}", "sqs", now);
        assertThat(dynamo.statusCode()).isEqualTo(400);
        assertThat(dynamo.body())
                .contains("com.amazon.coral.service#InvalidSignatureException")
                .contains("\"Credential should be scoped to correct service: 'dynamodb'. \"");
        Map<String, String> listStreams = Map.of(
                "X-Amz-Target", "DynamoDBStreams_20120810.ListStreams", "Content-Type", "application/x-amz-json-1.0");
        assertThat(signed("POST", "/", listStreams, "{}", "dynamodb", now).statusCode())
                .isEqualTo(200);
        assertThat(signed("POST", "/", listStreams, "{}", "lambda", now).body())
                .contains("Credential should be scoped to correct service: 'dynamodb'. ");
        HttpResponse<String> sqs = signed("POST", "/", FORM, "Action=ListQueues&Version=2012-11-05", "dynamodb", now);
        assertThat(sqs.statusCode()).isEqualTo(403);
        assertThat(sqs.body())
                .contains("<Code>SignatureDoesNotMatch</Code>")
                .contains("Credential should be scoped to correct service: 'sqs'. ");
        HttpResponse<String> lambda = signed("GET", "/2015-03-31/functions/", Map.of(), "", "dynamodb", now);
        assertThat(lambda.statusCode()).isEqualTo(403);
        assertThat(lambda.headers().firstValue("X-Amzn-ErrorType")).hasValue("InvalidSignatureException");
        assertThat(lambda.body()).contains("Credential should be scoped to correct service: 'lambda'. ");
        assertThat(signed("GET", "/2015-03-31/functions/", Map.of(), "", "lambda", now)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBodyChangedAfterSigningIsRejected() throws Exception {
        SdkHttpRequest request = sign("POST", "/", LIST_TABLES, "{}", "dynamodb", Instant.now(), null);
        HttpResponse<String> answer = send(request, "{\"Limit\":1}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("InvalidSignatureException");
        assertThat(send(request, "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void aCompressedBodyIsVerifiedAsSent() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write("{\"Limit\":5}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] body = zipped.toByteArray();
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(server.endpoint());
        LIST_TABLES.forEach(request::putHeader);
        request.putHeader("Content-Encoding", "gzip");
        SdkHttpRequest signed = SIGNER.sign(r -> r.identity(AwsCredentialsIdentity.create(KEY, SECRET))
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        HttpRequest.Builder out =
                HttpRequest.newBuilder(signed.getUri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> out.header(name, value));
            }
        });
        HttpResponse<String> answer = HTTP.send(out.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("TableNames");
        // the same compressed bytes signed as if they were the decoded body do not verify
        byte[] decoded = "{\"Limit\":5}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest wrong = SIGNER.sign(r -> r.identity(AwsCredentialsIdentity.create(KEY, SECRET))
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(decoded))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        HttpRequest.Builder bad =
                HttpRequest.newBuilder(wrong.getUri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        wrong.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> bad.header(name, value));
            }
        });
        assertThat(HTTP.send(bad.build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("InvalidSignatureException");
    }

    static HttpResponse<String> raw(Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder out =
                HttpRequest.newBuilder(server.endpoint().resolve("/")).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(out::header);
        return HTTP.send(out.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingOrMalformedSignatureIsRejected() throws Exception {
        HttpResponse<String> missing = raw(LIST_TABLES, "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body())
                .contains("com.amazon.coral.service#MissingAuthenticationTokenException")
                .contains("Request is missing Authentication Token");
        Map<String, String> noSignedHeaders = new java.util.HashMap<>(LIST_TABLES);
        noSignedHeaders.put("X-Amz-Date", "20260101T000000Z");
        noSignedHeaders.put(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + KEY + "/20260101/us-east-1/dynamodb/aws4_request," + " Signature=abc");
        HttpResponse<String> malformed = raw(noSignedHeaders, "{}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body())
                .contains("com.amazon.coral.service#IncompleteSignatureException")
                .contains("Authorization header requires 'SignedHeaders' parameter.");
        noSignedHeaders.put(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + KEY + "/20260101/dynamodb/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=abc");
        assertThat(raw(noSignedHeaders, "{}").body()).contains("IncompleteSignatureException");
        noSignedHeaders.put("X-Amz-Date", "yesterday");
        noSignedHeaders.put(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + KEY + "/20260101/us-east-1/dynamodb/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=abc");
        assertThat(raw(noSignedHeaders, "{}").body()).contains("IncompleteSignatureException");
    }

    @Test
    void aStreamingPayloadIsRefusedClearly() throws Exception {
        SdkHttpRequest request = sign("POST", "/", LIST_TABLES, "{}", "dynamodb", Instant.now(), null).toBuilder()
                .putHeader("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                .build();
        HttpResponse<String> answer = send(request, "{}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("IncompleteSignatureException").contains("aws-chunked");
    }

    static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    @Test
    void theQueryProtocolIsVerified() throws Exception {
        String body = "Action=ListQueues&Version=2012-11-05";
        HttpResponse<String> good = signed("POST", "/", FORM, body, "sqs", Instant.now());
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.body()).contains("<ListQueuesResponse");
        SdkHttpRequest request = sign("POST", "/", FORM, body, "sqs", Instant.now(), null);
        HttpResponse<String> tampered = send(request, "Action=ListQueues&Version=2012-11-05&QueueNamePrefix=x");
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body())
                .contains("<Type>Sender</Type><Code>SignatureDoesNotMatch</Code>")
                .contains(SignatureCheck.MISMATCH);
        HttpResponse<String> missing = raw(FORM, body);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void aPresignedRequestIsVerifiedByItsQuery() throws Exception {
        SdkHttpRequest presigned =
                sign("GET", "/2015-03-31/functions/", Map.of(), "", "lambda", Instant.now(), Duration.ofMinutes(5));
        assertThat(presigned.rawQueryParameters()).containsKey("X-Amz-Signature");
        assertThat(send(presigned, "").statusCode()).isEqualTo(200);
        SdkHttpRequest tampered = presigned.toBuilder()
                .putRawQueryParameter("X-Amz-Signature", List.of("0".repeat(64)))
                .build();
        HttpResponse<String> answer = send(tampered, "");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("X-Amzn-ErrorType")).hasValue("InvalidSignatureException");
        SdkHttpRequest stale = sign(
                "GET",
                "/2015-03-31/functions/",
                Map.of(),
                "",
                "lambda",
                Instant.now().minus(Duration.ofMinutes(10)),
                Duration.ofMinutes(5));
        HttpResponse<String> expired = send(stale, "");
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("Signature expired");
    }

    @Test
    void theHealthCheckAndTheMetricsNeedNoSignature() throws Exception {
        HttpResponse<String> health = HTTP.send(
                HttpRequest.newBuilder(server.endpoint().resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(server.endpoint().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        HttpResponse<String> lambda = HTTP.send(
                HttpRequest.newBuilder(server.endpoint().resolve("/2015-03-31/functions/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(lambda.statusCode()).isEqualTo(403);
        assertThat(lambda.headers().firstValue("X-Amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        assertThatThrownBy(() -> AccessKeys.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
