package dev.eddy.function;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FunctionName as callers give it: a name, a partial ARN ({@code 123456789012:function:f}), a
 * full ARN, each optionally with {@code :qualifier}; plus the separate Qualifier parameter.
 *
 * @param qualifier null for the unqualified function
 */
public record FunctionRef(String name, String qualifier, String region, String account) {

    // the model's FunctionName pattern, with groups for the parts
    private static final Pattern PATTERN = Pattern.compile(
            "(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?((?:eusc-)?[a-z]{2}(?:(?:-gov)|(?:-iso(?:[a-z]?)))?-[a-z]+-\\d{1}:)?"
                    + "(\\d{12}:)?(?:function:)?([a-zA-Z0-9-_]+)(?::(\\$LATEST|[a-zA-Z0-9-_]+))?");

    /** Parses {@code raw}; returns null when it does not match the FunctionName pattern. */
    public static FunctionRef parse(String raw, String qualifierParam) {
        Matcher m = PATTERN.matcher(raw);
        if (!m.matches()) {
            return null;
        }
        String region =
                m.group(1) == null ? null : m.group(1).substring(0, m.group(1).length() - 1);
        String account = m.group(2) == null ? null : m.group(2).substring(0, 12);
        String q = m.group(4);
        if (qualifierParam != null && !qualifierParam.isEmpty()) {
            if (q != null && !q.equals(qualifierParam)) {
                throw new EddyException(
                        ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                        "The derived qualifier from the function name does not match the specified qualifier.");
            }
            q = qualifierParam;
        }
        return new FunctionRef(m.group(3), q, region, account);
    }

    public boolean isLatest() {
        return qualifier == null || FunctionConfig.LATEST.equals(qualifier);
    }
}
