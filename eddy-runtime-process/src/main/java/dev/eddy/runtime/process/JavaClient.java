package dev.eddy.runtime.process;

import dev.eddy.function.FunctionRuntime.InitException;
import dev.eddy.json.FunctionErrorJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The AWS runtime interface client ({@code aws-lambda-java-runtime-interface-client}) and its
 * dependencies, shipped as resources of this module so that a {@code java*} function in process
 * mode runs the client AWS itself uses, in the versions it was built with, never sharing Eddy's
 * class path.
 */
final class JavaClient {
    static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private static final List<String> JARS = List.of(
            "aws-lambda-java-runtime-interface-client.jar",
            "aws-lambda-java-core.jar",
            "aws-lambda-java-serialization.jar",
            "utils-lite.jar",
            "annotations.jar");

    private JavaClient() {}

    /** Copies the JARs into {@code dir} once; later calls find them there. */
    static synchronized Path unpack(Path dir) throws InitException {
        try {
            Files.createDirectories(dir);
            for (String jar : JARS) {
                Path target = dir.resolve(jar);
                if (Files.exists(target)) {
                    continue;
                }
                try (InputStream in = JavaClient.class.getResourceAsStream("bootstrap/java/" + jar)) {
                    if (in == null) {
                        throw new IOException("resource " + jar + " is missing from Eddy's build");
                    }
                    Path tmp = Files.createTempFile(dir, jar, ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return dir;
        } catch (IOException e) {
            String message = "Error: Eddy cannot provide the Java runtime interface client: " + e.getMessage();
            throw new InitException(
                    "no runtime client", FunctionErrorJson.sandbox("Runtime.InvalidEntrypoint", message), false);
        }
    }

    static String classPath(Path dir) {
        return JARS.stream().map(j -> dir.resolve(j).toString()).collect(Collectors.joining(":"));
    }
}
