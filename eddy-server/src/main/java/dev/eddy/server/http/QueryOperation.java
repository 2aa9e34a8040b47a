package dev.eddy.server.http;

/**
 * One operation of a {@link QueryService}. Called on a {@link StoreWorkers} thread.
 */
@FunctionalInterface
public interface QueryOperation {
    /**
     * @return the XML answer (UTF-8), sent with status 200 and {@code Content-Type: text/xml}; it
     *     names {@link QueryRequest#requestId()} in its {@code ResponseMetadata}
     * @throws dev.eddy.error.EddyException for every error the client should see
     */
    byte[] apply(QueryRequest request);
}
