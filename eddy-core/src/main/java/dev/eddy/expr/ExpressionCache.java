package dev.eddy.expr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A bounded, least-recently-used cache of parsed expressions keyed by kind and text, shared by
 * all requests. Only successful parses are kept; they depend on the text alone.
 */
final class ExpressionCache {

    static final int CAPACITY = 2048;

    private static final Map<String, Parsed<?>> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed<?>> eldest) {
            return size() > CAPACITY;
        }
    };

    private ExpressionCache() {}

    @SuppressWarnings("unchecked")
    static <T> Parsed<T> get(char kind, String text, Supplier<Parsed<T>> parse) {
        String key = kind + text;
        synchronized (CACHE) {
            Parsed<?> cached = CACHE.get(key);
            if (cached != null) {
                return (Parsed<T>) cached;
            }
        }
        // parse outside the lock; two threads may parse the same text once each, harmlessly
        Parsed<T> parsed = parse.get();
        synchronized (CACHE) {
            CACHE.put(key, parsed);
        }
        return parsed;
    }

    static int size() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }
}
