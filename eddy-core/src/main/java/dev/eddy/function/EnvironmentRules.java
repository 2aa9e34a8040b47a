package dev.eddy.function;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The environment variables a function may set, and those Lambda sets for it (spec 5.6). */
final class EnvironmentRules {
    /** Keys Lambda sets itself and refuses in a function's configuration. */
    static final List<String> RESERVED = List.of(
            "_HANDLER",
            "_X_AMZN_TRACE_ID",
            "AWS_DEFAULT_REGION",
            "AWS_REGION",
            "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE",
            "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API",
            "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR");

    private static final int MAX_BYTES = 4096;

    private EnvironmentRules() {}

    /** Rejects reserved keys and variables over 4 KB, with Lambda's messages. */
    static void check(Map<String, String> vars) {
        List<String> reserved =
                vars.keySet().stream().filter(RESERVED::contains).sorted().toList();
        if (!reserved.isEmpty()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Lambda was unable to configure your environment variables because the environment variables you "
                            + "have provided contains reserved keys that are currently not supported for modification. "
                            + "Reserved keys used in this request: " + String.join(", ", reserved));
        }
        String measured = json(vars);
        if (measured.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Lambda was unable to configure your environment variables because the environment variables you "
                            + "have provided exceeded the 4KB limit. String measured: " + measured);
        }
    }

    /** What {@code System.getenv()} returns inside the function. */
    static Map<String, String> runtimeEnvironment(
            FunctionConfig c,
            FunctionServiceConfig sc,
            String logGroup,
            String logStream,
            String endpointUrl,
            FunctionRuntime.PreparedCode code) {
        Map<String, String> env = new LinkedHashMap<>();
        // defaults a function may override
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LD_LIBRARY_PATH", "/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib");
        env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        if (endpointUrl != null) {
            // Eddy-specific: an AWS SDK created in the handler talks to this Eddy without code changes
            env.put("AWS_ENDPOINT_URL", endpointUrl);
        }
        env.putAll(c.environment());
        // reserved: always Lambda's values
        env.put("_HANDLER", c.handler() == null ? "" : c.handler());
        env.put("AWS_REGION", sc.region());
        env.put("AWS_DEFAULT_REGION", sc.region());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + c.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", c.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(c.memorySize()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", FunctionConfig.LATEST);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", logGroup);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        env.put("AWS_ACCESS_KEY", sc.accessKeyId());
        env.put("AWS_ACCESS_KEY_ID", sc.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", sc.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", sc.sessionToken());
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        if (code != null && code.taskRoot() != null) {
            env.put("LAMBDA_TASK_ROOT", code.taskRoot());
        }
        return env;
    }

    private static String json(Map<String, String> vars) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(vars).entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, e.getKey());
            sb.append(':');
            quote(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(ch);
            }
        }
        sb.append('"');
    }
}
