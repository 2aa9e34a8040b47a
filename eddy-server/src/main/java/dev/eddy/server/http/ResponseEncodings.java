package dev.eddy.server.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import io.helidon.http.encoding.ContentEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Answer compression: {@code gzip} or {@code deflate} (zlib), chosen from the request's
 * {@code Accept-Encoding}, for bodies of at least {@link #MIN_SIZE} bytes and for every streamed
 * answer. A compressed answer carries {@code Content-Encoding}; every answer to a request that
 * accepts a compression carries {@code Vary: Accept-Encoding}. Stateless and thread-safe, except
 * the per-answer {@link ContentEncoder} of {@link #encoder}.
 */
final class ResponseEncodings {
    /** Smallest body worth compressing: below it the gzip header outweighs the saving. */
    static final int MIN_SIZE = 1024;

    private static final HeaderName VARY = HeaderNames.VARY;
    private static final String ACCEPT_ENCODING = "Accept-Encoding";

    private ResponseEncodings() {}

    /**
     * The compression the request accepts, {@code gzip} preferred over {@code deflate}; null for
     * none. A coding listed with {@code q=0} is refused; {@code *} stands for gzip.
     */
    static String negotiate(Headers request) {
        if (!request.contains(HeaderNames.ACCEPT_ENCODING)) {
            // most clients (the SDKs among them) send none: no header list to build and split
            return null;
        }
        boolean gzip = false;
        boolean deflate = false;
        boolean any = false;
        for (String value : request.values(HeaderNames.ACCEPT_ENCODING)) {
            for (String item : value.split(",")) {
                String[] parts = item.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                if (refused(parts)) {
                    continue;
                }
                switch (coding) {
                    case "gzip", "x-gzip" -> gzip = true;
                    case "deflate" -> deflate = true;
                    case "*" -> any = true;
                    default -> {}
                }
            }
        }
        if (gzip || any) {
            return "gzip";
        }
        return deflate ? "deflate" : null;
    }

    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2).trim()) <= 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The body as it goes on the wire for {@code coding} (from {@link #negotiate}): compressed
     * when it is at least {@link #MIN_SIZE} bytes, else itself. Sets the answer's headers.
     */
    static byte[] encode(String coding, byte[] body, WritableHeaders<?> answer) {
        if (coding == null) {
            return body;
        }
        vary(answer);
        if (body.length < MIN_SIZE) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (OutputStream z = wrap(coding, out)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        answer.set(HeaderNames.CONTENT_ENCODING, coding);
        return out.toByteArray();
    }

    /** Adds {@code Accept-Encoding} to {@code Vary}, once. */
    private static void vary(WritableHeaders<?> headers) {
        if (headers.contains(VARY)) {
            for (String value : headers.get(VARY).allValues()) {
                if (value.toLowerCase(Locale.ROOT).contains("accept-encoding")) {
                    return;
                }
            }
        }
        headers.add(VARY, ACCEPT_ENCODING);
    }

    private static OutputStream wrap(String coding, OutputStream out) throws IOException {
        return coding.equals("gzip") ? new GZIPOutputStream(out, true) : new DeflaterOutputStream(out, true);
    }

    /**
     * The web server's encoder for one answer that the front door did not encode itself, or
     * {@link ContentEncoder#NO_OP} when the request accepts no compression.
     */
    static ContentEncoder encoder(Headers request) {
        String coding = negotiate(request);
        return coding == null ? ContentEncoder.NO_OP : new Answer(coding);
    }

    /**
     * Encodes one answer. The web server uses an encoder in one of two orders, and this tells
     * them apart: for a whole body it writes the body through {@link #apply}, closes the stream and
     * then asks for {@link #headers}, so the body is kept until it is closed and compressed only
     * when it reaches {@link #MIN_SIZE}; for a streamed answer it asks for the headers first,
     * before any byte is known, so the stream is always compressed. Used by one answer, on its
     * thread.
     */
    private static final class Answer implements ContentEncoder {
        private final String coding;
        private boolean applied;
        private boolean streaming;
        private boolean compressed;

        Answer(String coding) {
            this.coding = coding;
        }

        @Override
        public void headers(WritableHeaders<?> headers) {
            vary(headers);
            if (!applied) {
                // asked before apply: a streamed answer, compressed whatever its length; its
                // length, if the handler set one, is no longer the length on the wire
                streaming = true;
                compressed = true;
                headers.remove(HeaderNames.CONTENT_LENGTH);
            }
            if (compressed) {
                headers.set(HeaderNames.CONTENT_ENCODING, coding);
            }
        }

        @Override
        public OutputStream apply(OutputStream network) {
            applied = true;
            if (streaming) {
                try {
                    return wrap(coding, network);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Buffered(network);
        }

        /** Keeps a whole body until it is closed, then writes it compressed or as it is. */
        private final class Buffered extends OutputStream {
            private final OutputStream network;
            private final ByteArrayOutputStream body = new ByteArrayOutputStream();

            Buffered(OutputStream network) {
                this.network = network;
            }

            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (body.size() >= MIN_SIZE) {
                    compressed = true;
                    try (OutputStream z = wrap(coding, network)) {
                        body.writeTo(z);
                    }
                } else {
                    body.writeTo(network);
                    network.close();
                }
            }
        }
    }
}
