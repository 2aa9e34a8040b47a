package dev.eddy.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception type engines throw for errors a client should see. The {@link ErrorCode}
 * decides the wire type and status; {@link #context()} carries structured details (table, item,
 * cancellation reasons, ...) that an adapter may render.
 */
public final class EddyException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> context;

    public EddyException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public EddyException(ErrorCode code, String message, Map<String, Object> context) {
        super(message, null, false, false);
        this.code = code;
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    public ErrorCode code() {
        return code;
    }

    /** Structured details; keys are documented where the exception is created. */
    public Map<String, Object> context() {
        return context;
    }

    public static EddyException validation(String message) {
        return new EddyException(ErrorCode.VALIDATION, message);
    }

    public static EddyException serialization(String message) {
        return new EddyException(ErrorCode.SERIALIZATION, message);
    }

    public static EddyException tableNotFound(String table) {
        return new EddyException(ErrorCode.RESOURCE_NOT_FOUND,
                "Requested resource not found: Table: " + table + " not found", Map.of("table", table));
    }

    public static EddyException resourceNotFound(String message) {
        return new EddyException(ErrorCode.RESOURCE_NOT_FOUND, message);
    }

    public static EddyException resourceInUse(String message) {
        return new EddyException(ErrorCode.RESOURCE_IN_USE, message);
    }

    /**
     * A failed condition. {@code item} is the item as it was (context key "item"), or null when the
     * caller did not ask for it or there was none.
     */
    public static EddyException conditionalCheckFailed(Object item) {
        return new EddyException(ErrorCode.CONDITIONAL_CHECK_FAILED, "The conditional request failed",
                item == null ? Map.of() : Map.of("item", item));
    }
}
