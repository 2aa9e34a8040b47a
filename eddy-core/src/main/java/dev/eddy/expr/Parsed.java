package dev.eddy.expr;

import java.util.List;

/**
 * An expression as parsed from its text alone, before the request's names and values are
 * substituted; safe to cache and share. {@code ast} holds {@code #name} placeholders as path
 * names and {@link Operand.Value}s without values. {@code deferredError} is a problem found in
 * the text that DynamoDB reports only after undefined names and values, or null.
 */
record Parsed<T>(T ast, List<String> names, List<String> values, String deferredError) {
    Parsed {
        names = List.copyOf(names);
        values = List.copyOf(values);
    }
}
