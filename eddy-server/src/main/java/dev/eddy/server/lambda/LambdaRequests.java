package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.function.CreateFunction;
import dev.eddy.function.UpdateFunctionCode;
import dev.eddy.function.UpdateFunctionConfiguration;
import dev.eddy.server.http.Violations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates Lambda request bodies into the function service's typed requests, with
 * Lambda's messages: constraint violations as framework ValidationExceptions ("N validation
 * errors detected: ..."), runtime problems as InvalidParameterValueException.
 */
final class LambdaRequests {
    static final List<String> RUNTIMES = List.of(
            "nodejs",
            "nodejs4.3",
            "nodejs6.10",
            "nodejs8.10",
            "nodejs10.x",
            "nodejs12.x",
            "nodejs14.x",
            "nodejs16.x",
            "nodejs18.x",
            "nodejs20.x",
            "nodejs22.x",
            "nodejs24.x",
            "java8",
            "java8.al2",
            "java11",
            "java17",
            "java21",
            "java25",
            "python2.7",
            "python3.6",
            "python3.7",
            "python3.8",
            "python3.9",
            "python3.10",
            "python3.11",
            "python3.12",
            "python3.13",
            "python3.14",
            "dotnetcore1.0",
            "dotnetcore2.0",
            "dotnetcore2.1",
            "dotnetcore3.1",
            "dotnet6",
            "dotnet8",
            "dotnet10",
            "nodejs4.3-edge",
            "go1.x",
            "ruby2.5",
            "ruby2.7",
            "ruby3.2",
            "ruby3.3",
            "ruby3.4",
            "ruby4.0",
            "provided",
            "provided.al2",
            "provided.al2023",
            "nodejs26.x",
            "python3.15",
            "java8.al2023",
            "java11.al2023",
            "java17.al2023");
    /** Runtimes Lambda no longer accepts for new functions or updates. */
    static final Set<String> DEPRECATED = Set.of(
            "nodejs",
            "nodejs4.3",
            "nodejs6.10",
            "nodejs8.10",
            "nodejs10.x",
            "nodejs12.x",
            "nodejs14.x",
            "nodejs16.x",
            "java8",
            "python2.7",
            "python3.6",
            "python3.7",
            "python3.8",
            "dotnetcore1.0",
            "dotnetcore2.0",
            "dotnetcore2.1",
            "dotnetcore3.1",
            "dotnet6",
            "nodejs4.3-edge",
            "go1.x",
            "ruby2.5",
            "ruby2.7",
            "provided");

    private static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);
    private static final Pattern HANDLER = Pattern.compile("[^\\s]+");
    private static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]+");
    private static final Pattern RESOURCE_ARN = Pattern.compile("(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");

    private LambdaRequests() {}

    static CreateFunction createFunction(JsonNode body) {
        Violations v = new Violations(ErrorCode.LAMBDA_VALIDATION);
        String name = text(body, "FunctionName");
        String role = text(body, "Role");
        if (name == null) {
            v.add("null", "functionName", "Member must not be null");
        }
        if (role == null) {
            v.add("null", "role", "Member must not be null");
        }
        if (!body.hasNonNull("Code")) {
            v.add("null", "code", "Member must not be null");
        }
        checkRole(v, role);
        String handler = text(body, "Handler");
        Integer timeout = integer(body, "Timeout");
        Integer memory = integer(body, "MemorySize");
        String description = text(body, "Description");
        Map<String, String> env = environment(body);
        checkSettings(v, handler, timeout, memory, description, env);
        String deadLetterTarget = deadLetterTarget(v, body);
        v.throwIfAny();
        String bareName = bareName(name);
        if (bareName.length() > 64) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "1 validation error detected: Value '"
                            + name
                            + "' at 'functionName' failed to satisfy constraint: Member must have length less than "
                            + "or equal to 64");
        }
        if (!NAME.matcher(bareName).matches()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + name
                            + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression "
                            + "pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
                            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
        String packageType = text(body, "PackageType");
        if (packageType != null && !packageType.equals("Zip")) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Eddy runs .zip file archive functions only (PackageType Zip)");
        }
        String runtime = text(body, "Runtime");
        if (runtime == null) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        checkRuntime(runtime);
        byte[] zip = zip(body.get("Code"));
        return new CreateFunction(
                bareName,
                runtime,
                role,
                handler,
                description,
                timeout,
                memory,
                env,
                zip,
                architectures(body),
                ephemeral(body),
                tags(body),
                deadLetterTarget,
                layers(body));
    }

    static UpdateFunctionConfiguration updateConfiguration(JsonNode body) {
        Violations v = new Violations(ErrorCode.LAMBDA_VALIDATION);
        String role = text(body, "Role");
        checkRole(v, role);
        String handler = text(body, "Handler");
        Integer timeout = integer(body, "Timeout");
        Integer memory = integer(body, "MemorySize");
        String description = text(body, "Description");
        Map<String, String> env = environment(body);
        checkSettings(v, handler, timeout, memory, description, env);
        String deadLetterTarget = deadLetterTarget(v, body);
        v.throwIfAny();
        String runtime = text(body, "Runtime");
        if (runtime != null) {
            checkRuntime(runtime);
        }
        return new UpdateFunctionConfiguration(
                runtime,
                role,
                handler,
                description,
                timeout,
                memory,
                env,
                ephemeral(body),
                text(body, "RevisionId"),
                deadLetterTarget,
                layers(body));
    }

    /** {@code Layers}: layer version ARNs, null when absent. */
    private static List<String> layers(JsonNode body) {
        JsonNode a = body.get("Layers");
        if (a == null || a.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    static UpdateFunctionCode updateCode(JsonNode body) {
        if (!body.hasNonNull("ZipFile")) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Eddy accepts function code as ZipFile only (S3 and container images are not supported)");
        }
        return new UpdateFunctionCode(
                binary(body.get("ZipFile")),
                architectures(body),
                body.path("DryRun").asBoolean(false),
                text(body, "RevisionId"));
    }

    /**
     * {@code DeadLetterConfig.TargetArn}: null when DeadLetterConfig is absent, the empty string
     * when it is given without a target (which removes the dead-letter queue).
     */
    private static String deadLetterTarget(Violations v, JsonNode body) {
        JsonNode config = body.get("DeadLetterConfig");
        if (config == null || config.isNull()) {
            return null;
        }
        String target = text(config, "TargetArn");
        v.length("deadLetterConfig.targetArn", target, 0, 10_000);
        v.pattern("deadLetterConfig.targetArn", target, RESOURCE_ARN);
        return target == null ? "" : target;
    }

    private static void checkRole(Violations v, String role) {
        if (role != null && (role.length() > 10000 || !ROLE.matcher(role).matches())) {
            v.add(role, "role", "Member must satisfy regular expression pattern: " + ROLE_PATTERN);
        }
    }

    private static void checkSettings(
            Violations v,
            String handler,
            Integer timeout,
            Integer memory,
            String description,
            Map<String, String> env) {
        if (handler != null) {
            if (handler.length() > 128) {
                v.add(handler, "handler", "Member must have length less than or equal to 128");
            } else if (!handler.isEmpty() && !HANDLER.matcher(handler).matches()) {
                v.add(handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+");
            }
        }
        if (timeout != null && timeout < 1) {
            v.add(timeout.toString(), "timeout", "Member must have value greater than or equal to 1");
        } else if (timeout != null && timeout > 900) {
            v.add(timeout.toString(), "timeout", "Member must have value less than or equal to 900");
        }
        if (memory != null && memory < 128) {
            v.add(memory.toString(), "memorySize", "Member must have value greater than or equal to 128");
        } else if (memory != null && memory > 10240) {
            v.add(memory.toString(), "memorySize", "Member must have value less than or equal to 10240");
        }
        if (description != null && description.length() > 256) {
            v.add(description, "description", "Member must have length less than or equal to 256");
        }
        if (env != null
                && env.keySet().stream().anyMatch(k -> !ENV_KEY.matcher(k).matches())) {
            // values are sensitive: Lambda leaves them out of the message
            v.addSensitive(
                    "environment.variables",
                    "Map keys must satisfy constraint: [Member must satisfy "
                            + "regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
        }
    }

    private static void checkRuntime(String runtime) {
        if (!RUNTIMES.contains(runtime)) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Value " + runtime
                            + " at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ["
                            + String.join(", ", RUNTIMES) + "] or be a valid ARN");
        }
        if (DEPRECATED.contains(runtime)) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "The runtime parameter of " + runtime
                            + " is no longer supported for creating or updating AWS Lambda functions. We recommend you use "
                            + "the new runtime (" + successor(runtime) + ") while creating or updating functions.");
        }
    }

    private static String successor(String runtime) {
        if (runtime.startsWith("java")) {
            return "java21";
        } else if (runtime.startsWith("nodejs")) {
            return "nodejs22.x";
        } else if (runtime.startsWith("python")) {
            return "python3.13";
        } else if (runtime.startsWith("dotnet")) {
            return "dotnet8";
        } else if (runtime.startsWith("ruby")) {
            return "ruby3.3";
        }
        return "provided.al2023";
    }

    /** The function name part of a name or ARN given to CreateFunction. */
    private static String bareName(String raw) {
        String s = raw;
        int fn = s.indexOf("function:");
        if (fn >= 0) {
            s = s.substring(fn + "function:".length());
        }
        return s;
    }

    private static byte[] zip(JsonNode code) {
        if (!code.hasNonNull("ZipFile")) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Eddy accepts function code as Code.ZipFile only (S3 and container images are not supported)");
        }
        return binary(code.get("ZipFile"));
    }

    private static byte[] binary(JsonNode n) {
        if (!n.isTextual()) {
            // a number or an object has no binary value (Jackson answers null for it)
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: ZipFile is not a base64 string");
        }
        try {
            return n.binaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: ZipFile is not valid base64");
        }
    }

    private static Map<String, String> environment(JsonNode body) {
        JsonNode vars = body.path("Environment").path("Variables");
        if (!body.has("Environment")) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = vars.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static List<String> architectures(JsonNode body) {
        if (!body.hasNonNull("Architectures")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        body.get("Architectures").forEach(a -> out.add(a.asText()));
        if (out.size() != 1 || !(out.get(0).equals("x86_64") || out.get(0).equals("arm64"))) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + out
                            + "' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: "
                            + "[Member must satisfy enum value set: [x86_64, arm64]]");
        }
        return out;
    }

    private static Integer ephemeral(JsonNode body) {
        JsonNode size = body.path("EphemeralStorage").path("Size");
        return size.isNumber() ? size.asInt() : null;
    }

    private static Map<String, String> tags(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        body.path("Tags")
                .properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static Integer integer(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asInt();
    }
}
