package dev.eddy.server.http;

import io.helidon.http.Headers;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.encoding.ContentEncodingContextConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The request body encodings the listener accepts in {@code Content-Encoding}: {@code gzip} and
 * {@code deflate} (the AWS SDKs compress large requests when asked to) and {@code identity}. The
 * decoded body still passes through the protocol's {@link BodyLimit}, so a small body that inflates
 * past the limit gets the protocol's size error; a body that does not decode gets the protocol's
 * unreadable-body error. Answers are compressed by {@link ResponseEncodings}.
 * Stateless and thread-safe.
 */
final class RequestEncodings {
    private RequestEncodings() {}

    /**
     * The listener's encoding context: decoding of the three names above, and the answers'
     * compression of {@link ResponseEncodings}.
     */
    static ContentEncodingContext context() {
        return new Context(decoding());
    }

    private static ContentEncodingContext decoding() {
        return ContentEncodingContext.builder()
                .contentEncodingsDiscoverServices(false)
                .addContentEncoding(new Decoding("gzip", Set.of("gzip", "x-gzip"), RequestEncodings::gunzip))
                .addContentEncoding(new Decoding("deflate", Set.of("deflate"), InflaterInputStream::new))
                .addContentEncoding(new Decoding("identity", Set.of("identity"), in -> in))
                .build();
    }

    // GZIPInputStream reads the header when it is built; built lazily, a body that is not gzip
    // fails when the endpoint reads it, where the failure becomes the protocol's error
    private static InputStream gunzip(InputStream in) {
        return new InputStream() {
            private InputStream gzip;

            private InputStream gzip() throws IOException {
                if (gzip == null) {
                    gzip = new GZIPInputStream(in);
                }
                return gzip;
            }

            @Override
            public int read() throws IOException {
                return gzip().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return gzip().read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private record Decoding(String name, Set<String> ids, UnaryOperator<InputStream> wrap) implements ContentEncoding {
        @Override
        public String type() {
            return name;
        }

        @Override
        public boolean supportsEncoding() {
            return false;
        }

        @Override
        public boolean supportsDecoding() {
            return true;
        }

        @Override
        public ContentDecoder decoder() {
            // the signature check needs the body as sent (RawBody)
            return in -> wrap.apply(RawBody.tee(in));
        }

        @Override
        public ContentEncoder encoder() {
            return ContentEncoder.NO_OP;
        }
    }

    /** Decoding as configured; encoding by {@link ResponseEncodings}, one encoder per answer. */
    private record Context(ContentEncodingContext decoding) implements ContentEncodingContext {
        @Override
        public ContentEncodingContextConfig prototype() {
            return decoding.prototype();
        }

        @Override
        public boolean contentEncodingEnabled() {
            return true;
        }

        @Override
        public boolean contentDecodingEnabled() {
            return decoding.contentDecodingEnabled();
        }

        @Override
        public boolean contentEncodingSupported(String encodingId) {
            return decoding.contentEncodingSupported(encodingId);
        }

        @Override
        public boolean contentDecodingSupported(String encodingId) {
            return decoding.contentDecodingSupported(encodingId);
        }

        @Override
        public ContentEncoder encoder(String encodingId) {
            return decoding.encoder(encodingId);
        }

        @Override
        public ContentDecoder decoder(String encodingId) {
            return decoding.decoder(encodingId);
        }

        @Override
        public ContentEncoder encoder(Headers headers) {
            return ResponseEncodings.encoder(headers);
        }
    }
}
