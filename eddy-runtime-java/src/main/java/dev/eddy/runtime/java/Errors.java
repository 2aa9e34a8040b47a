package dev.eddy.runtime.java;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Error objects as the AWS Java runtime reports them: {@code errorMessage} (the message, or the
 * class name when there is none), {@code errorType} (the class name) and, for exceptions thrown
 * while handling an event, {@code stackTrace}; frames of the runtime itself are cut off.
 */
final class Errors {
    private static final String RUNTIME_PACKAGE = "dev.eddy.runtime.java.";

    private Errors() {
    }

    /** A handler that threw: {errorMessage, errorType, stackTrace}. */
    static byte[] thrown(Throwable t) {
        filter(t, new HashSet<>());
        StringBuilder sb = new StringBuilder("{\"errorMessage\":");
        quote(sb, message(t));
        sb.append(",\"errorType\":");
        quote(sb, t.getClass().getName());
        sb.append(",\"stackTrace\":[");
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < trace.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(sb, trace[i].toString());
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A fault found while loading the handler: {errorMessage[, errorType]}, no stack trace. */
    static byte[] fault(String message, String type) {
        StringBuilder sb = new StringBuilder("{\"errorMessage\":");
        quote(sb, message);
        if (type != null) {
            sb.append(",\"errorType\":");
            quote(sb, type);
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What the runtime logs for a failure: "message: type", then the stack trace. */
    static String logText(String message, Throwable t) {
        if (t == null) {
            return message + "\n";
        }
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return message + ": " + t.getClass().getName() + "\n" + sw + "\n";
    }

    static String message(Throwable t) {
        return t.getLocalizedMessage() == null ? t.getClass().getName() : t.getLocalizedMessage();
    }

    /** Removes the runtime's own frames (and everything below them), recursively. */
    static <T extends Throwable> T filter(T t, Set<Throwable> seen) {
        if (!seen.add(t)) {
            return t;
        }
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < trace.length; i++) {
            if (trace[i].getClassName().startsWith(RUNTIME_PACKAGE)) {
                StackTraceElement[] cut = new StackTraceElement[i];
                System.arraycopy(trace, 0, cut, 0, i);
                t.setStackTrace(cut);
                break;
            }
        }
        if (t.getCause() != null) {
            filter(t.getCause(), seen);
        }
        for (Throwable s : t.getSuppressed()) {
            filter(s, seen);
        }
        return t;
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
