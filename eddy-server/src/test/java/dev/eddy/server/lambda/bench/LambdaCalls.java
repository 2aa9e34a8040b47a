package dev.eddy.server.lambda.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/** The Lambda REST calls the invoke benchmarks make, over one HTTP/1.1 client. */
final class LambdaCalls {
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    LambdaCalls(String base) {
        this.base = base;
    }

    /** CreateFunction with a ready JSON body; fails unless it answers 201. */
    void create(String body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/2015-03-31/functions"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("CreateFunction: " + r.statusCode() + " " + r.body());
        }
    }

    void awaitActive(String fn) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/2015-03-31/functions/" + fn + "/configuration"))
                .build();
        while (!http.send(get, HttpResponse.BodyHandlers.ofString()).body().contains("\"State\":\"Active\"")) {
            LockSupport.parkNanos(200_000);
        }
    }

    /** A synchronous Invoke with {@code {}}; fails unless it answers 200 without a function error. */
    int invoke(String fn) throws Exception {
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/2015-03-31/functions/" + fn + "/invocations"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200
                || r.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            throw new IllegalStateException(
                    "Invoke " + fn + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.statusCode();
    }
}
