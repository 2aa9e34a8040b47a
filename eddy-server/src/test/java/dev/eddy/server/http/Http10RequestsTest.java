package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** The rewriting of HTTP/1.0 requests, fed whole and one byte at a time. */
class Http10RequestsTest {
    private static final String HOST = "Host: 127.0.0.1:8000\r\n";

    /** What the parser reads of {@code input}, delivered in pieces of {@code piece} bytes. */
    private static String rewritten(String input, int piece) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        Deque<byte[]> chunks = new ArrayDeque<>();
        for (int i = 0; i < bytes.length; i += piece) {
            byte[] c = new byte[Math.min(piece, bytes.length - i)];
            System.arraycopy(bytes, i, c, 0, c.length);
            chunks.add(c);
        }
        Http10Requests requests = new Http10Requests(chunks::poll, 100, "127.0.0.1:8000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b = requests.get(); b != null; b = requests.get()) {
            out.writeBytes(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertRewrites(String input, String expected) {
        assertThat(rewritten(input, input.length())).isEqualTo(expected);
        assertThat(rewritten(input, 1)).isEqualTo(expected);
        assertThat(rewritten(input, 7)).isEqualTo(expected);
    }

    @Test
    void otherConnectionsPassUnchanged() {
        String http11 = "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.0\r\n\r\n";
        assertRewrites(http11, http11);
        String loneLf = "GET / HTTP/1.0\nHost: x\n\n";
        assertRewrites(loneLf, loneLf);
        String tooLong = "GET /" + "a".repeat(200) + " HTTP/1.0\r\n\r\n";
        assertRewrites(tooLong, tooLong);
    }

    @Test
    void aRequestWithoutKeepAliveIsTheLastOne() {
        assertRewrites(
                "POST / HTTP/1.0\r\nContent-Length: 2\r\nAccept-Encoding: gzip\r\nExpect: 100-continue\r\n\r\n{}"
                        + "GET / HTTP/1.0\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Length: 2\r\n" + HOST + "Connection: close\r\n\r\n{}");
    }

    @Test
    void keepAliveRequestsFollowOneAnotherByTheirLengths() {
        String keep = "POST / HTTP/1.0\r\nHost: h\r\nConnection: Keep-Alive\r\nContent-Length: 16\r\n\r\n"
                + "HTTP/1.0\r\n\r\nabcd";
        assertRewrites(
                keep + "\r\n" + keep + "GET / HTTP/1.0\r\nConnection: close\r\n\r\n",
                keep.replace("POST / HTTP/1.0", "POST / HTTP/1.1") + "\r\n"
                        + keep.replace("POST / HTTP/1.0", "POST / HTTP/1.1")
                        + "GET / HTTP/1.1\r\nConnection: close\r\n" + HOST + "Connection: close\r\n\r\n");
    }

    @Test
    void faultyFramingIsLeftForTheParserToRefuse() {
        assertRewrites(
                "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n" + HOST
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n0\r\n\r\n");
        String twoLengths = "POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\nContent-Length: 2\r\n";
        assertRewrites(
                twoLengths + "\r\n{}",
                twoLengths.replace("HTTP/1.0", "HTTP/1.1") + HOST + "Connection: close\r\n\r\n{}");
    }

    @Test
    void aClientThatLeavesMidLineEndsTheStream() {
        assertRewrites("GET / HTTP/1.0\r\nHost: x\r\nX-Par", "GET / HTTP/1.1\r\nHost: x\r\nX-Par");
    }
}
