package dev.eddy.runtime.java;

import dev.eddy.json.FunctionErrorJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Error objects as the AWS Java runtime reports them: {@code errorMessage} (the message, or the
 * class name when there is none), {@code errorType} (the class name) and, for exceptions thrown
 * while handling an event, {@code stackTrace}; frames of the runtime itself are cut off.
 */
final class Errors {
    private static final String RUNTIME_PACKAGE = "dev.eddy.runtime.java.";

    private Errors() {}

    /** A handler that threw: {errorMessage, errorType, stackTrace}. */
    static byte[] thrown(Throwable t) {
        filter(t, new HashSet<>());
        List<String> frames = Arrays.stream(t.getStackTrace())
                .map(StackTraceElement::toString)
                .toList();
        return FunctionErrorJson.of(message(t), t.getClass().getName(), frames);
    }

    /** A fault found while loading the handler: {errorMessage[, errorType]}, no stack trace. */
    static byte[] fault(String message, String type) {
        return FunctionErrorJson.of(message, type, null);
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
}
