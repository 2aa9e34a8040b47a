package dev.eddy.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The bytes of a compressed request body as the client sent them, kept beside the decoded body
 * because a SigV4 signature covers the body as sent. {@link BodyLimit} captures them while it
 * reads a body with a {@code Content-Encoding}; the decoder of {@link RequestEncodings} copies
 * what it reads into the capture of the reading thread (the request's own virtual thread, which
 * reads the whole body at once).
 *
 * @param bytes the body before decoding
 */
record RawBody(byte[] bytes) {
    private static final ThreadLocal<ByteArrayOutputStream> CAPTURE = new ThreadLocal<>();

    /** Whether {@code req} has a body encoding other than {@code identity}. */
    static boolean encoded(ServerRequest req) {
        String encoding = req.headers()
                .first(HeaderNames.CONTENT_ENCODING)
                .orElse("")
                .strip()
                .toLowerCase(Locale.ROOT);
        return !encoding.isEmpty() && !encoding.equals("identity");
    }

    /** Starts capturing on this thread; {@link #end} ends it. */
    static void begin() {
        CAPTURE.set(new ByteArrayOutputStream());
    }

    /** Ends the capture of this thread and keeps the bytes read in {@code req}'s context. */
    static void end(ServerRequest req) {
        ByteArrayOutputStream captured = CAPTURE.get();
        CAPTURE.remove();
        if (captured != null) {
            req.context().register(new RawBody(captured.toByteArray()));
        }
    }

    /** The raw body kept for {@code req}, if its body was encoded. */
    static Optional<byte[]> of(ServerRequest req) {
        return req.context().get(RawBody.class).map(RawBody::bytes);
    }

    /** {@code in}, copying what is read from it into this thread's capture, if one is running. */
    static InputStream tee(InputStream in) {
        ByteArrayOutputStream sink = CAPTURE.get();
        if (sink == null) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    sink.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    sink.write(buffer, off, n);
                }
                return n;
            }
        };
    }
}
