package dev.eddy.store;

/** A transaction's commit lost a race with another commit; nothing of it was written. */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message, null, false, false);
    }
}
