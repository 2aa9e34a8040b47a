package dev.eddy.table;

import dev.eddy.error.EddyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DynamoDB's rules for the tags of a table beyond their lengths (which the API model states and
 * the adapter checks): the characters a key and a value may hold, the reserved {@code aws:}
 * prefix, one value per key in a request, and at most {@link #MAX_TAGS} tags on a table. The
 * messages are Eddy's choice where DynamoDB's are not recorded (docs/compatibility.md lists them).
 */
public final class TagRules {
    /** DynamoDB's limit of tags per table. */
    public static final int MAX_TAGS = 50;

    // Unicode letters, separators (white space) and digits, and _ . : / = + - @
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private TagRules() {}

    /**
     * The tags of a CreateTable or TagResource request as a map, in request order.
     *
     * @throws EddyException ValidationException for a key or value with a character outside the
     *     allowed set, a key starting with {@code aws:} (in any case), a key given twice, or more
     *     than {@link #MAX_TAGS} tags
     */
    public static Map<String, String> validated(List<Map.Entry<String, String>> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> tag : tags) {
            String key = tag.getKey();
            checkKeyCharacters(key);
            if (!ALLOWED.matcher(tag.getValue()).matches()) {
                throw EddyException.validation("Invalid TagValue provided for TagKey " + key
                        + ". Tag values may only contain Unicode letters, digits, white space, and _ . : / = + - @");
            }
            checkKeyPrefix(key);
            if (out.put(key, tag.getValue()) != null) {
                throw EddyException.validation("Duplicate tag keys provided: " + key);
            }
        }
        checkCount(out.size());
        return out;
    }

    /**
     * The keys of an UntagResource request, checked as {@link #validated} checks a tag's key (a key
     * given twice is harmless there, so it is kept).
     *
     * @throws EddyException ValidationException for a key with a character outside the allowed set
     *     or starting with {@code aws:} (in any case)
     */
    public static List<String> validatedKeys(List<String> keys) {
        for (String key : keys) {
            checkKeyCharacters(key);
            checkKeyPrefix(key);
        }
        return List.copyOf(keys);
    }

    private static void checkKeyCharacters(String key) {
        if (!ALLOWED.matcher(key).matches()) {
            throw EddyException.validation("Invalid TagKey provided: " + key
                    + ". Tag keys may only contain Unicode letters, digits, white space, and _ . : / = + - @");
        }
    }

    private static void checkKeyPrefix(String key) {
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw EddyException.validation(
                    "Invalid TagKey provided: " + key + ". Tag keys starting with 'aws:' are reserved for AWS use");
        }
    }

    /** @throws EddyException ValidationException when a table would have more than {@link #MAX_TAGS} tags */
    static void checkCount(int count) {
        if (count > MAX_TAGS) {
            throw EddyException.validation(
                    "One or more parameter values were invalid: The number of tags exceeds the limit of 50");
        }
    }
}
