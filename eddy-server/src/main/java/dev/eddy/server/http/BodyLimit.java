package dev.eddy.server.http;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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
            bytes = readBody(in, encoded ? -1 : req.headers().contentLength().orElse(-1));
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

    /**
     * The body, read into an array of its declared length when it has one within the limit:
     * {@link InputStream#readNBytes(int)} would fill and copy buffers of 16 KiB for every request,
     * the smallest ones included. A body shorter than declared is returned as far as it came, as
     * before; one longer is not read past its length (the web server stops there).
     */
    private byte[] readBody(InputStream in, long declared) throws IOException {
        if (declared < 0 || declared > maxBytes) {
            return in.readNBytes(maxBytes + 1);
        }
        byte[] bytes = new byte[(int) declared];
        int n = in.readNBytes(bytes, 0, bytes.length);
        return n == bytes.length ? bytes : Arrays.copyOf(bytes, n);
    }
}
