package dev.eddy.runtime.java;

import dev.eddy.function.LogSink;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Routes {@code System.out} and {@code System.err} per thread: a thread running an invocation
 * (and the threads it starts) writes into that invocation's {@link LogSink}; every other thread
 * writes to the original streams. Installed once per JVM; concurrent invocations never mix their
 * output because each write goes to the sink of the thread that made it.
 */
final class LogCapture {
    private static final InheritableThreadLocal<LogSink> CURRENT = new InheritableThreadLocal<>();
    private static boolean installed;

    private LogCapture() {}

    /** Replaces System.out and System.err with routing streams, once. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        System.setOut(new PrintStream(new Routing(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routing(System.err), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** Sets the sink of the calling thread; null restores the original streams. */
    static void bind(LogSink sink) {
        if (sink == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(sink);
        }
    }

    private static final class Routing extends OutputStream {
        private final PrintStream original;

        Routing(PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            LogSink sink = CURRENT.get();
            if (sink != null) {
                sink.write(b, off, len);
            } else {
                original.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            if (CURRENT.get() == null) {
                original.flush();
            }
        }
    }
}
