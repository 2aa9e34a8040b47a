package dev.eddy.store;

/** The backend failed (I/O, corruption, closed store). Not retryable by the caller. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
