package dev.eddy.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.error.EddyException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Rejects a parsed request body holding a string or member name that is not valid Unicode: a
 * JSON escape such as {@code "\ud800"} decodes to an unpaired UTF-16 surrogate, which has no
 * UTF-8 form; stored, it would come back as {@code "?"} and two different keys would become one
 * item. Stateless; safe from any thread.
 */
public final class WellFormedText {
    private WellFormedText() {}

    /**
     * Throws a SerializationException when any string or member name in {@code root} holds an
     * unpaired surrogate. Walks the tree without recursion, so any depth Jackson accepts is fine.
     */
    public static void check(JsonNode root) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode n = pending.pop();
            if (n.isTextual()) {
                checkText(n.textValue());
            } else if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    checkText(e.getKey());
                    pending.push(e.getValue());
                }
            } else if (n.isArray()) {
                n.forEach(pending::push);
            }
        }
    }

    /** Whether {@link #check} accepts {@code root}, without building its error. */
    public static boolean wellFormed(JsonNode root) {
        try {
            check(root);
            return true;
        } catch (EddyException e) {
            return false;
        }
    }

    /** Whether {@code s} is well-formed UTF-16: every surrogate is part of a pair. */
    public static boolean wellFormed(String s) {
        return unpaired(s) < 0;
    }

    private static void checkText(String s) {
        int at = unpaired(s);
        if (at >= 0) {
            throw EddyException.serialization("Invalid UTF-8 or UTF-16 in the request body: a string holds an "
                    + "unpaired surrogate (\\u" + Integer.toHexString(s.charAt(at)) + ")");
        }
    }

    /** The index of the first unpaired surrogate in {@code s}, or -1 for none. */
    private static int unpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
