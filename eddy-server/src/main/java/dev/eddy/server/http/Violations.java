package dev.eddy.server.http;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects the model-constraint violations of one request and throws them together, the way the
 * AWS front ends do: one ValidationException whose message reads "N validation error(s) detected:
 * " followed by every violation, separated by "; ", in the order they were found.
 *
 * <p>Each violation reads {@code Value '<value>' at '<member>' failed to satisfy constraint:
 * <constraint>}. The error code is the service's framework ValidationException
 * ({@link ErrorCode#VALIDATION} for DynamoDB and DynamoDB Streams, {@link ErrorCode#LAMBDA_VALIDATION}
 * for Lambda). One instance belongs to one request and one thread; it is not thread-safe.
 */
public final class Violations {
    private final ErrorCode code;
    private final List<String> items = new ArrayList<>();

    /** @param code the ValidationException type of the service the request belongs to */
    public Violations(ErrorCode code) {
        this.code = code;
    }

    /** Records {@code Value '<value>' at '<member>' failed to satisfy constraint: <constraint>}. */
    public void add(String value, String member, String constraint) {
        items.add(describe(value, member) + constraint);
    }

    /** Records a violation without the value, for members AWS never echoes (secrets, payloads). */
    public void addSensitive(String member, String constraint) {
        items.add("Value at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    /** A required member: {@code Value null at '<member>' ... Member must not be null} when absent. */
    public void required(String member, Object value) {
        if (value == null) {
            items.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
    }

    /** A string's length in code points, when present. */
    public void length(String member, String value, int min, int max) {
        if (value != null) {
            size(member, value, value.codePointCount(0, value.length()), min, max);
        }
    }

    /** A collection's (or any) size, shown in the message as {@code shown}. */
    public void size(String member, String shown, int size, int min, int max) {
        if (size < min) {
            add(shown, member, "Member must have length greater than or equal to " + min);
        } else if (size > max) {
            add(shown, member, "Member must have length less than or equal to " + max);
        }
    }

    /** A string that must match {@code pattern} entirely, when present. */
    public void pattern(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            add(value, member, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    /** A string from an enumeration, when present. */
    public void oneOf(String member, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(value, member, "Member must satisfy enum value set: " + allowed);
        }
    }

    /** A number within {@code [min, max]}, when present. */
    public void range(String member, Long value, long min, long max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            add(String.valueOf(value), member, "Member must have value greater than or equal to " + min);
        } else if (value > max) {
            add(String.valueOf(value), member, "Member must have value less than or equal to " + max);
        }
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** @throws EddyException the service's ValidationException listing every violation recorded so far */
    public void throwIfAny() {
        if (items.isEmpty()) {
            return;
        }
        int n = items.size();
        throw new EddyException(
                code, n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", items));
    }

    private static String describe(String value, String member) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: ";
    }
}
