package dev.eddy.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The bytes of one connection as the HTTP/1 parser should see them: when the first request line
 * ends in {@code HTTP/1.0}, every HTTP/1.0 request of the connection is presented as HTTP/1.1 with
 * {@code Connection: close} added unless it asked for keep-alive, and without
 * {@code Accept-Encoding} or {@code Expect}, so its answer is a whole body that a 1.0 client can read. Any other
 * connection, and everything after a line it cannot frame (a lone LF, a line past the limit, a
 * body it cannot measure), passes through unchanged, so the parser answers those as before.
 *
 * <p>Framing follows {@code Content-Length}. After the body of a request that does not keep the
 * connection alive the stream ends, so that the parser, looking for the next request, sees the
 * client gone and closes the connection: Helidon answers {@code Connection: close} but would wait
 * for the client to close, and a 1.0 client may read its answer until the connection ends. A
 * request with {@code Transfer-Encoding} (faulty framing in HTTP/1.0) or an unreadable length is
 * passed on so that the parser refuses it and closes the connection. Not thread-safe: one
 * connection's reader pulls from it on one thread.
 */
final class Http10Requests implements Supplier<byte[]> {
    private static final byte[] HTTP_10 = " HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_11 = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_LENGTH = "Content-Length: 0\r\n".getBytes(StandardCharsets.US_ASCII);

    private enum State {
        FIRST_LINE,
        LINE,
        HEADERS,
        BODY,
        PASS,
        END
    }

    private final Supplier<byte[]> upstream;
    private final int maxLine;
    private final byte[] defaultHost;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private State state = State.FIRST_LINE;
    private long remaining;
    private long contentLength;
    private boolean keepAlive;
    private boolean unframeable;
    private boolean chunked;
    private boolean lastRequest;
    private boolean host;
    private boolean ended;

    /**
     * @param upstream the connection's bytes; {@code null} at the end of the stream
     * @param maxLine the longest line (with its CR LF) worth framing; a longer one passes through
     * @param defaultHost the {@code Host} of a request that names none (HTTP/1.0 does not require
     *     one, HTTP/1.1 does): the address the connection reached
     */
    Http10Requests(Supplier<byte[]> upstream, int maxLine, String defaultHost) {
        this.upstream = upstream;
        this.maxLine = maxLine;
        this.defaultHost = ("Host: " + defaultHost + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] get() {
        while (out.size() == 0) {
            if (ended || state == State.END) {
                return null;
            }
            byte[] chunk = upstream.get();
            if (chunk == null) {
                ended = true;
                out.writeBytes(line.toByteArray());
                line.reset();
            } else {
                accept(chunk);
            }
        }
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    private void accept(byte[] chunk) {
        int i = 0;
        while (i < chunk.length) {
            switch (state) {
                case END -> i = chunk.length;
                case PASS -> {
                    out.write(chunk, i, chunk.length - i);
                    i = chunk.length;
                }
                case BODY -> {
                    int n = (int) Math.min(remaining, chunk.length - i);
                    out.write(chunk, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = lastRequest ? State.END : State.LINE;
                    }
                }
                default -> i = collectLine(chunk, i);
            }
        }
    }

    /** Adds bytes to the current line up to its LF; returns where the rest of the chunk starts. */
    private int collectLine(byte[] chunk, int from) {
        int i = from;
        while (i < chunk.length && chunk[i] != '\n') {
            i++;
        }
        boolean complete = i < chunk.length;
        int end = complete ? i + 1 : i;
        line.write(chunk, from, end - from);
        if (complete) {
            byte[] bytes = line.toByteArray();
            line.reset();
            if (bytes.length < 2 || bytes[bytes.length - 2] != '\r' || bytes.length > maxLine) {
                passFrom(bytes);
            } else {
                onLine(bytes);
            }
        } else if (line.size() > maxLine) {
            passFrom(line.toByteArray());
            line.reset();
        }
        return end;
    }

    private void passFrom(byte[] bytes) {
        out.writeBytes(bytes);
        state = State.PASS;
    }

    private void onLine(byte[] bytes) {
        switch (state) {
            case FIRST_LINE, LINE -> requestLine(bytes);
            default -> headerLine(bytes);
        }
    }

    private void requestLine(byte[] bytes) {
        if (bytes.length == 2 && state == State.LINE) {
            // an empty line between requests is tolerated before a request line (RFC 9112 2.2)
            out.writeBytes(bytes);
            return;
        }
        if (!endsWith(bytes, HTTP_10)) {
            passFrom(bytes);
            return;
        }
        out.write(bytes, 0, bytes.length - HTTP_10.length);
        out.writeBytes(HTTP_11);
        state = State.HEADERS;
        contentLength = -1;
        keepAlive = false;
        unframeable = false;
        chunked = false;
        host = false;
    }

    private void headerLine(byte[] bytes) {
        if (bytes.length == 2) {
            endOfHeaders(bytes);
            return;
        }
        String text = new String(bytes, 0, bytes.length - 2, StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        String name = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : text.substring(colon + 1).trim();
        switch (name) {
            case "accept-encoding", "expect" -> {
                // no compressed (streamed, chunked) answers, and no 100 Continue, which a server
                // must not send to a 1.0 client (RFC 9110 10.1.1)
                return;
            }
            case "connection" -> keepAlive = tokens(value, "keep-alive") && !tokens(value, "close");
            case "content-length" -> length(value);
            case "transfer-encoding" -> chunked = true;
            case "host" -> host = true;
            default -> {}
        }
        out.writeBytes(bytes);
    }

    private void length(String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0 || (contentLength >= 0 && contentLength != parsed)) {
                unframeable = true;
            }
            contentLength = parsed;
        } catch (NumberFormatException e) {
            // the parser refuses it with its 400; the connection ends after that answer
            unframeable = true;
        }
    }

    private void endOfHeaders(byte[] bytes) {
        if (!host) {
            out.writeBytes(defaultHost);
        }
        if (chunked && contentLength < 0) {
            // RFC 9112 6.1: Transfer-Encoding in an HTTP/1.0 message is faulty framing; with a
            // length beside it the parser refuses the request (400) and ends the connection
            out.writeBytes(NO_LENGTH);
        }
        lastRequest = !keepAlive || unframeable || chunked;
        if (lastRequest) {
            out.writeBytes(CLOSE);
        }
        out.writeBytes(bytes);
        if (unframeable || chunked) {
            // the parser refuses the request and closes; nothing after it is read as a request
            state = State.PASS;
        } else if (contentLength > 0) {
            remaining = contentLength;
            state = State.BODY;
        } else {
            state = lastRequest ? State.END : State.LINE;
        }
    }

    private static boolean tokens(String value, String token) {
        return Arrays.stream(value.split(",")).anyMatch(t -> t.trim().equalsIgnoreCase(token));
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        int from = bytes.length - suffix.length;
        return from > 0 && Arrays.equals(bytes, from, bytes.length, suffix, 0, suffix.length);
    }
}
