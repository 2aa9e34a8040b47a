package dev.eddy.runtime.java;

/**
 * The handler cannot be loaded (class not found, no suitable method, constructor failed): reported
 * like the AWS runtime's user faults, as {@code {errorMessage, errorType}} without a stack trace.
 */
final class HandlerFault extends Exception {
    private static final long serialVersionUID = 1L;
    private final String type;

    HandlerFault(String message, String type, Throwable cause) {
        super(message, cause, false, false);
        this.type = type;
    }

    /** The error type, or null when the runtime reports none. */
    String type() {
        return type;
    }

    static HandlerFault of(Throwable t) {
        return new HandlerFault(Errors.message(t), t.getClass().getName(), t);
    }
}
