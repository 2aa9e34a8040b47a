package dev.eddy.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import java.util.Map;

/**
 * An AWS service spoken in the JSON 1.0 protocol on {@code POST /}: the client names the operation
 * in {@code X-Amz-Target} as {@code <targetPrefix>.<operation>} (DynamoDB, DynamoDB Streams, SQS).
 * The composition root registers it with {@link FrontDoor#registerJson}.
 *
 * <p>The front door does everything around the operation, in DynamoDB's order: it reads the body
 * (at most {@link FrontDoor#MAX_REQUEST_BODY} bytes), parses it (SerializationException), finds the
 * operation (UnknownOperationException, 400, for an unknown prefix or name), checks the
 * Authorization header, checks that the body is an object, then runs the operation on a store
 * worker (on the request's virtual thread if it {@link #waits}) and renders its answer or its {@link EddyException}: status from the error code, body
 * {@code {"__type":..., "message":...}}, plus the members {@link #addErrorMembers} adds (the
 * service renders the exception's {@link EddyException#detail()} there). Every answer carries
 * {@code x-amzn-RequestId}.
 *
 * <p>Implementations must be thread-safe: operations run on store workers (or virtual threads), the error
 * hooks on the request's virtual thread, for many requests at once.
 */
public interface JsonService {
    /** The target prefix without its dot, for example {@code DynamoDB_20120810}; unique per front door. */
    String targetPrefix();

    /** The operation called {@code name} (the target after the prefix's dot), or null if there is none. */
    JsonOperation operation(String name);

    /**
     * A reader of the operation called {@code name}'s body straight from its tokens, or null
     * (the default) to have the front door build the request tree from the body. The front door
     * falls back to building the tree whenever the reader declines ({@link RequestReader}).
     */
    default RequestReader reader(String name) {
        return null;
    }

    /**
     * Whether the operation called {@code name} may wait for something other than the store (SQS's
     * long-polling ReceiveMessage): the front door then runs it on the request's virtual thread
     * instead of a store worker, for the reasons {@link RestRoutes.Work#WAIT} gives. Default: none.
     */
    default boolean waits(String name) {
        return false;
    }

    /** A new request id, in the service's shape (default: a UUID, as Lambda and SQS use). */
    default String newRequestId() {
        return RequestIds.uuid();
    }

    /** Whether answers carry {@code x-amz-crc32}, the CRC32 of the body DynamoDB sends (default no). */
    default boolean sendsCrc32() {
        return false;
    }

    /**
     * Whether the service also speaks the query protocol and answers authentication failures with
     * the query protocol's codes (SQS: {@code InvalidClientTokenId}, 403) instead of DynamoDB's
     * (default no).
     */
    default boolean queryCompatible() {
        return false;
    }

    /** Adds members of the service's own to an error body, after {@code __type} and {@code message}. */
    default void addErrorMembers(EddyException e, ObjectNode body) {}

    /** Headers an error answer carries besides the common ones (SQS: {@code x-amzn-query-error}). */
    default Map<String, String> errorHeaders(EddyException e) {
        return Map.of();
    }
}
