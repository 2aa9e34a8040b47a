package dev.eddy.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Waits, without sleeping, until a running Eddy's event source mappings have processed every stream
 * record written so far: the test-side form of {@code eddy mappings --drain}. Call it after the
 * writes whose effects the test then asserts.
 *
 * <pre>{@code
 * ddb.putItem(...);
 * MappingDrain.await(endpoint, Duration.ofSeconds(30));   // the handler has seen the change
 * }</pre>
 */
public final class MappingDrain {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MappingDrain() {}

    /** Waits for every enabled mapping; fails the test with an AssertionError after {@code timeout}. */
    public static void await(URI endpoint, Duration timeout) {
        await(endpoint, null, timeout);
    }

    /** Waits for mapping {@code uuid} only (null: every enabled mapping). */
    public static void await(URI endpoint, String uuid, Duration timeout) {
        if (!drained(endpoint, uuid, timeout)) {
            throw new AssertionError("event source mappings not drained after " + timeout);
        }
    }

    /** Whether the mappings drained within {@code timeout} (at most 300 seconds). */
    public static boolean drained(URI endpoint, String uuid, Duration timeout) {
        String url = endpoint.toString().replaceAll("/+$", "") + "/eddy/v1/mappings/drain?TimeoutSeconds="
                + Math.max(0, timeout.toSeconds())
                + (uuid == null ? "" : "&UUID=" + URLEncoder.encode(uuid, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(timeout.plusSeconds(30))
                .build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("drain answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().replace(" ", "").contains("\"Drained\":true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the mappings to drain", e);
        }
    }
}
