package dev.eddy.function;

/**
 * How a function failed, as Lambda reports it in {@code X-Amz-Function-Error} (the constant's name
 * is the header value). Every failure of today's runtimes is {@link #Unhandled}: a thrown
 * exception, a timeout, a runtime exit, an init failure, an oversize response. {@link #Handled} is
 * the legacy value for an error the function reported itself (older Node.js callbacks).
 */
public enum FunctionErrorType {
    Unhandled,
    Handled
}
