package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A few thousand malformed and mutated requests, built from the services' API models (the botocore
 * models, in the test resources) for every DynamoDB, DynamoDB Streams and Lambda operation: none
 * may get a 5xx (except the 502 errors Lambda's model itself declares, such as
 * InvalidZipFileException), and the server must answer normally afterwards.
 *
 * <p>The run prints its seed; {@code -Deddy.seed=N} replays exactly that run.
 */
class ModelFuzzTest extends InMemoryServerTest {
    private static final int REQUESTS = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/%s/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";
    /** Lambda's own 5xx errors, answers AWS gives to a client's bad input too. */
    private static final Set<String> MODELLED_5XX =
            Set.of("InvalidZipFileException", "InvalidRuntimeException", "ResourceNotReadyException");

    private record Sent(String description, int status, String errorType, String body) {}

    @Test
    void malformedRequestsNeverGetA5xx() throws Exception {
        long seed = Long.getLong("eddy.seed", new SplittableRandom().nextLong());
        System.out.println("ModelFuzzTest seed=" + seed + " (replay with -Deddy.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        List<ModelRequests> services = List.of(
                new ModelRequests(model("dynamodb"), random),
                new ModelRequests(model("dynamodbstreams"), random),
                new ModelRequests(model("lambda"), random));
        List<Sent> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
            ModelRequests service = services.get(i % services.size());
            Sent sent = send(service.next());
            if (sent.status() >= 500 && !MODELLED_5XX.contains(sent.errorType())) {
                failures.add(sent);
            }
        }
        assertThat(failures).as("seed=" + seed + ", requests that got a 5xx").isEmpty();
        // alive, and answering as before
        assertThat(ddb.listTables().sdkHttpResponse().isSuccessful()).isTrue();
    }

    private static JsonNode model(String name) throws IOException {
        try (InputStream in = ModelFuzzTest.class.getResourceAsStream("/aws-models/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }

    private static Sent send(ModelRequests.Request r) throws Exception {
        URI uri = server.endpoint().resolve(r.path());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()))
                .header("Authorization", AUTH.formatted(r.signingName()));
        r.headers().forEach(b::header);
        String description = r.method() + " " + r.path() + " " + r.headers() + " "
                + abbreviate(new String(r.body(), StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + description, e);
        }
        String type = response.headers().firstValue("X-Amzn-ErrorType").orElse("");
        return new Sent(description, response.statusCode(), type, abbreviate(response.body()));
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    static Map<String, String> none() {
        return Map.of();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
