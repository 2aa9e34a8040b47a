package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import dev.eddy.testkit.TestTables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Answers are compressed when the request's {@code Accept-Encoding} asks for it and the body is
 * at least 1 KiB, with {@code Content-Encoding} and {@code Vary}; DynamoDB's {@code x-amz-crc32}
 * is the checksum of the compressed bytes, as the SDK for Java v2 checks it.
 */
class ResponseCompressionTest extends InMemoryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";
    private static String table;

    @BeforeAll
    static void fill() {
        table = TestNames.unique("compressed");
        ddb.createTable(TestTables.hashTable(table).build());
        for (int i = 0; i < 20; i++) {
            Map<String, AttributeValue> item = item(i);
            ddb.putItem(b -> b.tableName(table).item(item));
        }
    }

    private static Map<String, AttributeValue> item(int i) {
        return Map.of(
                "id", AttributeValue.fromS("item-" + i),
                "text", AttributeValue.fromS("x".repeat(150) + i));
    }

    private static HttpResponse<byte[]> post(String target, String body, String acceptEncoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String scan() {
        return "{\"TableName\":\"" + table + "\"}";
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static byte[] decode(String coding, byte[] body) throws IOException {
        try (InputStream in = coding.equals("gzip")
                ? new GZIPInputStream(new ByteArrayInputStream(body))
                : new InflaterInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aLargeDynamoDbAnswerIsCompressedAndItsCrcCoversTheCompressedBytes() throws Exception {
        for (String coding : List.of("gzip", "deflate")) {
            HttpResponse<byte[]> r = post("DynamoDB_20120810.Scan", scan(), coding);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Encoding")).contains(coding);
            assertThat(r.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
            assertThat(r.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc(r.body())));
            byte[] plain = decode(coding, r.body());
            assertThat(r.body().length).isLessThan(plain.length);
            assertThat(JSON.readTree(plain).path("Count").asInt()).isEqualTo(20);
        }
    }

    @Test
    void aSmallAnswerOrOneNotAskedForStaysUncompressed() throws Exception {
        HttpResponse<byte[]> small = post("DynamoDB_20120810.DescribeLimits", "{}", "gzip");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(small.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
        assertThat(small.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc(small.body())));
        assertThat(JSON.readTree(small.body()).has("TableMaxReadCapacityUnits")).isTrue();
        for (String refused : new String[] {null, "identity", "gzip;q=0, deflate;q=0", "br"}) {
            HttpResponse<byte[]> plain = post("DynamoDB_20120810.Scan", scan(), refused);
            assertThat(plain.headers().firstValue("Content-Encoding"))
                    .as(refused)
                    .isEmpty();
            assertThat(plain.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc(plain.body())));
            assertThat(JSON.readTree(plain.body()).path("Count").asInt()).isEqualTo(20);
        }
    }

    @Test
    void theSdkForJavaV2AcceptsTheCompressedAnswerAndItsChecksum() {
        List<String> encodings = new CopyOnWriteArrayList<>();
        ExecutionInterceptor askForGzip = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(
                    Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
                return context.httpRequest().toBuilder()
                        .putHeader("Accept-Encoding", "gzip")
                        .build();
            }

            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                encodings.add(context.httpResponse()
                        .firstMatchingHeader("Content-Encoding")
                        .orElse("none"));
            }
        };
        try (DynamoDbClient gzipDdb = DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        c -> c.addExecutionInterceptor(askForGzip).retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
            ScanResponse scan = gzipDdb.scan(b -> b.tableName(table));
            assertThat(scan.count()).isEqualTo(20);
            List<Map<String, AttributeValue>> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add(item(i));
            }
            assertThat(scan.items()).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(encodings).containsExactly("gzip");
    }

    @Test
    void otherEndpointsCompressLargeAnswersToo() throws Exception {
        SqsClient sqs = dev.eddy.testkit.EddyClients.sqs(server.endpoint());
        String prefix = "compressed-answers-" + "q".repeat(40);
        for (int i = 0; i < 15; i++) {
            String name = prefix + i;
            sqs.createQueue(b -> b.queueName(name));
        }
        HttpRequest request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Encoding", "gzip")
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&QueueNamePrefix=" + prefix))
                .build();
        HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(r.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
        String xml = new String(decode("gzip", r.body()), StandardCharsets.UTF_8);
        assertThat(xml).contains(prefix + "14").contains("ListQueuesResponse");
        HttpResponse<byte[]> health = HTTP.send(
                HttpRequest.newBuilder(server.endpoint().resolve("/"))
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(health.body(), StandardCharsets.UTF_8)).startsWith("healthy");
    }

    @Test
    void errorsOfTheProtocolAreAnsweredAsBefore() throws Exception {
        HttpResponse<byte[]> r = post("DynamoDB_20120810.Scan", "{\"TableName\":\"no-such-table\"}", "gzip");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("__type").asText()).endsWith("ResourceNotFoundException");
    }
}
