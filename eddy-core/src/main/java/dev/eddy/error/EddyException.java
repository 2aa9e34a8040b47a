package dev.eddy.error;

import dev.eddy.arn.Arn;
import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one exception type engines throw for errors a client should see. The {@link ErrorCode}
 * decides the wire type and status; {@link #detail()} holds what the error's body shows besides
 * the message (each wire adapter renders it in one place). The resources an error concerns (table,
 * stream, shard, sequence number, function) are typed fields, present where the code that threw
 * knew them, for logs and in-process callers; the wire shows them only where the message does.
 *
 * <p>Immutable: the {@code with...} methods return a copy with one more field. No stack trace is
 * recorded, as these are answers to requests, not faults of Eddy.
 */
public final class EddyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    // exceptions never cross a process boundary serialized; the details are not Serializable
    private final transient ErrorDetail detail;
    private final transient Concerns concerns;

    /** The resources an error concerns; each null when unknown. */
    private record Concerns(
            String table, Arn.Stream stream, String shard, String sequenceNumber, Arn.Function function) {
        static final Concerns NONE = new Concerns(null, null, null, null, null);
    }

    public EddyException(ErrorCode code, String message) {
        this(code, message, ErrorDetail.NONE);
    }

    public EddyException(ErrorCode code, String message, ErrorDetail detail) {
        this(code, message, detail, Concerns.NONE);
    }

    private EddyException(ErrorCode code, String message, ErrorDetail detail, Concerns concerns) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code);
        this.detail = Objects.requireNonNull(detail);
        this.concerns = concerns;
    }

    public ErrorCode code() {
        return code;
    }

    /** What the error's body carries besides the message; {@link ErrorDetail#NONE} when nothing. */
    public ErrorDetail detail() {
        return detail;
    }

    /** The table the error concerns, by name. */
    public Optional<String> tableName() {
        return Optional.ofNullable(concerns.table());
    }

    /** The stream the error concerns. */
    public Optional<Arn.Stream> streamArn() {
        return Optional.ofNullable(concerns.stream());
    }

    /** The shard the error concerns, by shard id (within {@link #streamArn()} when that is present). */
    public Optional<String> shardId() {
        return Optional.ofNullable(concerns.shard());
    }

    /** The sequence number the error concerns, as the client wrote it. */
    public Optional<String> sequenceNumber() {
        return Optional.ofNullable(concerns.sequenceNumber());
    }

    /** The function the error concerns, qualified when the caller named a version or alias. */
    public Optional<Arn.Function> functionArn() {
        return Optional.ofNullable(concerns.function());
    }

    public EddyException withTable(String tableName) {
        return with(new Concerns(
                tableName, concerns.stream(), concerns.shard(), concerns.sequenceNumber(), concerns.function()));
    }

    public EddyException withStream(Arn.Stream streamArn) {
        return with(new Concerns(
                concerns.table(), streamArn, concerns.shard(), concerns.sequenceNumber(), concerns.function()));
    }

    public EddyException withShard(String shardId) {
        return with(new Concerns(
                concerns.table(), concerns.stream(), shardId, concerns.sequenceNumber(), concerns.function()));
    }

    public EddyException withSequenceNumber(String sequenceNumber) {
        return with(new Concerns(
                concerns.table(), concerns.stream(), concerns.shard(), sequenceNumber, concerns.function()));
    }

    public EddyException withFunction(Arn.Function functionArn) {
        return with(new Concerns(
                concerns.table(), concerns.stream(), concerns.shard(), concerns.sequenceNumber(), functionArn));
    }

    private EddyException with(Concerns changed) {
        return new EddyException(code, getMessage(), detail, changed);
    }

    public static EddyException validation(String message) {
        return new EddyException(ErrorCode.VALIDATION, message);
    }

    public static EddyException serialization(String message) {
        return new EddyException(ErrorCode.SERIALIZATION, message);
    }

    public static EddyException tableNotFound(String table) {
        return new EddyException(
                        ErrorCode.RESOURCE_NOT_FOUND, "Requested resource not found: Table: " + table + " not found")
                .withTable(table);
    }

    public static EddyException resourceNotFound(String message) {
        return new EddyException(ErrorCode.RESOURCE_NOT_FOUND, message);
    }

    public static EddyException resourceInUse(String message) {
        return new EddyException(ErrorCode.RESOURCE_IN_USE, message);
    }

    /**
     * A failed condition. {@code item} is the item as it was ({@link ErrorDetail.OldItem}), or null
     * when the caller did not ask for it or there was none.
     */
    public static EddyException conditionalCheckFailed(Map<String, AttributeValue> item) {
        return new EddyException(
                ErrorCode.CONDITIONAL_CHECK_FAILED,
                "The conditional request failed",
                item == null ? ErrorDetail.NONE : new ErrorDetail.OldItem(item));
    }

    /** A cancelled transaction, with one reason per action in action order ({@link ErrorDetail.Cancellation}). */
    public static EddyException transactionCanceled(List<CancellationReason> reasons) {
        String codes = reasons.stream().map(CancellationReason::code).collect(Collectors.joining(", ", "[", "]"));
        return new EddyException(
                ErrorCode.TRANSACTION_CANCELED,
                "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
                new ErrorDetail.Cancellation(reasons));
    }
}
