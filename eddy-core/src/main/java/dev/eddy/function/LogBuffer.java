package dev.eddy.function;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The log of one invocation while it runs; writes after {@link #seal()} are dropped. */
final class LogBuffer implements LogSink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private boolean sealed;

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (!sealed) {
            bytes.write(b, off, len);
        }
    }

    /** Ends the log (output of abandoned threads goes nowhere) and returns its text. */
    synchronized byte[] seal() {
        sealed = true;
        return bytes.toByteArray();
    }

    /** The last {@code max} bytes of {@code log}, as Lambda's Tail returns them. */
    static byte[] tail(byte[] log, int max) {
        return log.length <= max ? log : Arrays.copyOfRange(log, log.length - max, log.length);
    }

    static String text(byte[] log) {
        return new String(log, StandardCharsets.UTF_8);
    }
}
