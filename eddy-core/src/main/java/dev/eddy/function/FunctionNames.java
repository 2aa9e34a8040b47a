package dev.eddy.function;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;

/**
 * Turns the FunctionName (and Qualifier) a caller gave into the name of a function of this region
 * and account, with Lambda's validation messages; builds ARNs and the not-found error. Stateless
 * apart from the configuration; thread-safe.
 */
final class FunctionNames {
    private static final String NAME_PATTERN =
            "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
                    + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

    private final FunctionServiceConfig config;

    FunctionNames(FunctionServiceConfig config) {
        this.config = config;
    }

    /** The unqualified ARN of function {@code name}. */
    Arn.Function arn(String name) {
        return config.functionArn(name);
    }

    /**
     * The name of {@code $LATEST}, the only version Eddy has (docs/lambda.md); any other qualifier
     * is not found, reported with its qualifier.
     */
    String latest(String functionName, String qualifier) {
        FunctionRef ref = parse(functionName, qualifier);
        if (!ref.isLatest()) {
            throw notFound(ref.name(), ref.qualifier());
        }
        return ref.name();
    }

    /** The name, for operations Lambda permits on unqualified functions only. */
    String unqualified(String functionName) {
        FunctionRef ref = parse(functionName, null);
        if (ref.qualifier() != null) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "This operation is permitted on Lambda functions only. Aliases and versions do not support this "
                            + "operation. Please specify either a function name or an unqualified function ARN.");
        }
        return ref.name();
    }

    FunctionRef parse(String functionName, String qualifier) {
        if (functionName == null || functionName.isEmpty()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '' at 'functionName' failed to satisfy constraint: "
                            + "Member must have length greater than or equal to 1");
        }
        if (functionName.length() > 140) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + functionName
                            + "' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 140");
        }
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        if (ref == null) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + functionName
                            + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                            + NAME_PATTERN);
        }
        if (ref.name().length() > 64) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + functionName
                            + "' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64");
        }
        if (ref.region() != null && !ref.region().equals(config.region())) {
            throw new EddyException(
                    ErrorCode.LAMBDA_RESOURCE_NOT_FOUND,
                    "Functions from '" + ref.region() + "' are not reachable in this region ('" + config.region()
                            + "')");
        }
        if (ref.account() != null && !ref.account().equals(config.accountId())) {
            throw notFound(ref.name(), null);
        }
        return ref;
    }

    /** Not found, for a function addressed as {@code $LATEST} (explicitly or not). */
    EddyException latestNotFound(String name) {
        return notFound(name, FunctionConfig.LATEST);
    }

    /** Not found, for function {@code name} addressed with {@code qualifier} (null: none). */
    EddyException notFound(String name, String qualifier) {
        Arn.Function arn = arn(name).withQualifier(qualifier);
        return new EddyException(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND, "Function not found: " + arn).withFunction(arn);
    }
}
