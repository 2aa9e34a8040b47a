package dev.eddy.function;

/**
 * Where the output of one invocation (or one init phase) goes. Thread-safe: code may log from
 * threads it started.
 */
public interface LogSink {

    void write(byte[] bytes, int offset, int length);

    default void write(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(b, 0, b.length);
    }
}
