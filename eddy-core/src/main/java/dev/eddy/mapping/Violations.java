package dev.eddy.mapping;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The model-constraint violations of one mapping request, thrown together as Lambda's framework
 * ValidationException: "N validation error(s) detected: " and each violation, separated by "; ".
 * One instance belongs to one request; not thread-safe.
 */
final class Violations {
    private final List<String> items = new ArrayList<>();

    void add(String value, String member, String constraint) {
        items.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    /** A required member: {@code Value null at '<member>' ... Member must not be null} when absent. */
    void required(String member, Object value) {
        if (value == null) {
            items.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
    }

    /** A number within {@code [min, max]}, when present. */
    void range(String member, Integer value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            add(value.toString(), member, "Member must have value greater than or equal to " + min);
        } else if (value > max) {
            add(value.toString(), member, "Member must have value less than or equal to " + max);
        }
    }

    /** A string's length, when present. */
    void length(String member, String value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value.length() < min) {
            add(value, member, "Member must have length greater than or equal to " + min);
        } else if (value.length() > max) {
            add(value, member, "Member must have length less than or equal to " + max);
        }
    }

    void throwIfAny() {
        if (items.isEmpty()) {
            return;
        }
        int n = items.size();
        throw new EddyException(
                ErrorCode.LAMBDA_VALIDATION,
                n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", items));
    }
}
