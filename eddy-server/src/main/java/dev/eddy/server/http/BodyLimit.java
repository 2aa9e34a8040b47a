package dev.eddy.server.http;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * How much of a request body a protocol accepts, and the error it answers beyond that. The front
 * door reads every body whole, on the request's virtual thread, before any engine work: a slow
 * upload then never holds a store worker.
 */
record BodyLimit(int maxBytes, Supplier<? extends RuntimeException> tooLarge) {
    private static final byte[] EMPTY = new byte[0];

    /**
     * @return the body, empty when the request has none
     * @throws RuntimeException {@link #tooLarge} when the body is longer than {@link #maxBytes};
     *     the rest of the body is left unread
     * @throws IOException or an unchecked exception of the web server when the body cannot be read
     */
    byte[] read(ServerRequest req) throws IOException {
        if (!req.content().hasEntity()) {
            return EMPTY;
        }
        byte[] bytes;
        boolean encoded = RawBody.encoded(req);
        if (encoded) {
            RawBody.begin();
        }
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        } finally {
            if (encoded) {
                RawBody.end(req);
            }
        }
        if (bytes.length > maxBytes) {
            throw tooLarge.get();
        }
        return bytes;
    }
}
