package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.function.FunctionConfig;
import dev.eddy.function.FunctionService;
import dev.eddy.function.QualifiedFunction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Renders function configurations in Lambda's JSON shapes (member order as Lambda writes them). */
final class FunctionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FunctionJson() {}

    /** FunctionConfiguration of {@code $LATEST}, unqualified; {@code full} false gives the ListFunctions subset. */
    static ObjectNode configuration(FunctionService service, FunctionConfig c, boolean full) {
        return configuration(
                service, new QualifiedFunction(c, FunctionConfig.LATEST, service.functionArn(c.name())), full);
    }

    /** FunctionConfiguration as one qualifier shows it (its ARN and Version). */
    static ObjectNode configuration(FunctionService service, QualifiedFunction f, boolean full) {
        FunctionConfig c = f.config();
        String region = service.config().region();
        ObjectNode n = NODES.objectNode();
        n.put("FunctionName", c.name());
        n.put("FunctionArn", f.arn().toString());
        if (c.runtime() != null) {
            n.put("Runtime", c.runtime());
        }
        n.put("Role", c.role());
        if (c.handler() != null) {
            n.put("Handler", c.handler());
        }
        n.put("CodeSize", c.codeSize());
        n.put("Description", c.description());
        n.put("Timeout", c.timeout());
        n.put("MemorySize", c.memorySize());
        n.put("LastModified", c.lastModified());
        n.put("CodeSha256", c.codeSha256());
        n.put("Version", f.version());
        if (c.deadLetterTarget() != null) {
            n.putObject("DeadLetterConfig").put("TargetArn", c.deadLetterTarget());
        }
        ObjectNode vars = n.putObject("Environment").putObject("Variables");
        c.environment().forEach(vars::put);
        n.putObject("TracingConfig").put("Mode", "PassThrough");
        n.put("RevisionId", c.revisionId());
        if (!c.layers().isEmpty()) {
            ArrayNode layers = n.putArray("Layers");
            c.layers().forEach(l -> layers.addObject().put("Arn", l.arn()).put("CodeSize", l.codeSize()));
        }
        if (full) {
            n.put("State", c.state().name());
            putIfPresent(n, "StateReason", c.stateReason());
            putIfPresent(n, "StateReasonCode", c.stateReasonCode());
            if (c.lastUpdateStatus() != null) {
                n.put("LastUpdateStatus", c.lastUpdateStatus().name());
                putIfPresent(n, "LastUpdateStatusReason", c.lastUpdateStatusReason());
                putIfPresent(n, "LastUpdateStatusReasonCode", c.lastUpdateStatusReasonCode());
            }
        }
        n.put("PackageType", "Zip");
        c.architectures().forEach(n.putArray("Architectures")::add);
        n.putObject("EphemeralStorage").put("Size", c.ephemeralStorageSize());
        ObjectNode snap = n.putObject("SnapStart");
        snap.put("ApplyOn", "None");
        snap.put("OptimizationStatus", "Off");
        if (full && c.runtime() != null) {
            n.putObject("RuntimeVersionConfig")
                    .put("RuntimeVersionArn", "arn:aws:lambda:" + region + "::runtime:" + runtimeHash(c.runtime()));
        }
        ObjectNode logging = n.putObject("LoggingConfig");
        logging.put("LogFormat", "Text");
        logging.put("LogGroup", "/aws/lambda/" + c.name());
        return n;
    }

    /** GetFunction: Configuration, Code, Tags, Concurrency. */
    static ObjectNode getFunction(FunctionService service, QualifiedFunction f, String endpoint) {
        FunctionConfig c = f.config();
        ObjectNode n = NODES.objectNode();
        n.set("Configuration", configuration(service, f, true));
        ObjectNode code = n.putObject("Code");
        code.put("RepositoryType", "S3");
        // Eddy-specific: the package is served by Eddy itself (docs/lambda.md)
        String qualifier = f.version().equals(FunctionConfig.LATEST) ? "" : "?Qualifier=" + f.version();
        code.put("Location", endpoint + LambdaHttp.EDDY_PREFIX + "/functions/" + c.name() + "/code" + qualifier);
        if (!c.tags().isEmpty()) {
            ObjectNode tags = n.putObject("Tags");
            for (Map.Entry<String, String> e : c.tags().entrySet()) {
                tags.put(e.getKey(), e.getValue());
            }
        }
        if (c.reservedConcurrency() != null) {
            n.putObject("Concurrency").put("ReservedConcurrentExecutions", c.reservedConcurrency());
        }
        return n;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static String runtimeHash(String runtime) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(runtime.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
