package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import io.helidon.http.encoding.ContentEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The choice of compression, and the encoder's two orders of use (whole body, stream). */
class ResponseEncodingsTest {

    private static WritableHeaders<?> accepting(String value) {
        WritableHeaders<?> headers = WritableHeaders.create();
        if (value != null) {
            headers.add(HeaderNames.ACCEPT_ENCODING, value);
        }
        return headers;
    }

    @Test
    void negotiatePrefersGzipAndHonoursQZero() {
        assertThat(ResponseEncodings.negotiate(accepting("gzip, deflate"))).isEqualTo("gzip");
        assertThat(ResponseEncodings.negotiate(accepting("deflate"))).isEqualTo("deflate");
        assertThat(ResponseEncodings.negotiate(accepting("gzip;q=0, deflate;q=0.5")))
                .isEqualTo("deflate");
        assertThat(ResponseEncodings.negotiate(accepting("*"))).isEqualTo("gzip");
        assertThat(ResponseEncodings.negotiate(accepting("br, identity"))).isNull();
        assertThat(ResponseEncodings.negotiate(accepting("gzip;q=abc"))).isNull();
        assertThat(ResponseEncodings.negotiate(accepting(null))).isNull();
        assertThat(ResponseEncodings.encoder(accepting(null))).isSameAs(ContentEncoder.NO_OP);
    }

    @Test
    void aWholeBodyIsCompressedOnlyFromTheThreshold() throws Exception {
        for (int size : new int[] {ResponseEncodings.MIN_SIZE - 1, ResponseEncodings.MIN_SIZE}) {
            ContentEncoder encoder = ResponseEncodings.encoder(accepting("gzip"));
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            byte[] body = "a".repeat(size).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = encoder.apply(wire)) {
                out.write(body);
            }
            WritableHeaders<?> answer = WritableHeaders.create();
            encoder.headers(answer);
            assertThat(answer.get(HeaderNames.VARY).get()).isEqualTo("Accept-Encoding");
            if (size < ResponseEncodings.MIN_SIZE) {
                assertThat(answer.contains(HeaderNames.CONTENT_ENCODING)).isFalse();
                assertThat(wire.toByteArray()).isEqualTo(body);
            } else {
                assertThat(answer.get(HeaderNames.CONTENT_ENCODING).get()).isEqualTo("gzip");
                assertThat(gunzip(wire.toByteArray())).isEqualTo(body);
            }
        }
    }

    @Test
    void aStreamIsAlwaysCompressedAndLosesItsLength() throws Exception {
        ContentEncoder encoder = ResponseEncodings.encoder(accepting("gzip"));
        WritableHeaders<?> answer = WritableHeaders.create();
        answer.set(HeaderNames.CONTENT_LENGTH, "3");
        encoder.headers(answer);
        assertThat(answer.get(HeaderNames.CONTENT_ENCODING).get()).isEqualTo("gzip");
        assertThat(answer.contains(HeaderNames.CONTENT_LENGTH)).isFalse();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (OutputStream out = encoder.apply(wire)) {
            out.write("abc".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(gunzip(wire.toByteArray())).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] gunzip(byte[] bytes) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
