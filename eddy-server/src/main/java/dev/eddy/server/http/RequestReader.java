package dev.eddy.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads the body of one operation straight from the parser's tokens, as a faster way to the
 * request tree the front door would otherwise build with {@code readTree}: a reader may convert
 * the members it knows (an item) into values of its own while it reads, instead of building
 * their nodes first. It is a fast path only: for anything it does not expect it returns null (or
 * throws), and the front door then parses the body the general way, so that every error keeps
 * the general path's type, message and order. A {@link JsonService} offers readers through
 * {@link JsonService#reader}.
 *
 * <p>Guarantee asked of an implementation: when it returns a tree, the operation answers it
 * exactly as it would answer the general path's tree for the same bytes, and every string and
 * member name in the body is well-formed Unicode ({@link WellFormedText}). Implementations are
 * stateless and called on the request's store worker, for many requests at once.
 */
@FunctionalInterface
public interface RequestReader {
    /**
     * @param parser over the whole body, before its first token; its codec builds trees
     *     ({@code readValueAsTree}) with the general path's settings. The front door closes it.
     * @return the request's members, or null to have the body parsed the general way
     * @throws IOException when the body is not well-formed JSON: the front door then parses it the
     *     general way, which reports the error
     */
    ObjectNode read(JsonParser parser) throws IOException;
}
