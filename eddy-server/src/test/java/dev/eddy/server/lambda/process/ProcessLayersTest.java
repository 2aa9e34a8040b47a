package dev.eddy.server.lambda.process;

import static dev.eddy.server.lambda.process.ProcessFunctions.deploy;
import static dev.eddy.server.lambda.process.ProcessFunctions.invoke;
import static dev.eddy.server.lambda.process.ProcessFunctions.zip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.testkit.TestNames;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Layers of process functions: unpacked in the function's order into the directory that stands
 * for {@code /opt}, and found where Lambda's runtimes look (NODE_PATH, PYTHONPATH, PATH,
 * LD_LIBRARY_PATH, the Java class path).
 */
class ProcessLayersTest extends ProcessServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String publish(SdkBytes zip) {
        return lambda.publishLayerVersion(
                        b -> b.layerName(TestNames.unique("layer")).content(c -> c.zipFile(zip)))
                .layerVersionArn();
    }

    private static JsonNode body(InvokeResponse r) throws Exception {
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return JSON.readTree(r.payload().asUtf8String());
    }

    @Test
    void nodeFindsLayerModulesTheLaterLayerWinsAndLayerBinariesAreOnPath() throws Exception {
        String first = publish(zip(Map.of(
                "nodejs/node_modules/greet/index.js", "module.exports = () => 'first';",
                "nodejs/node_modules/onlyfirst/index.js", "module.exports = 'kept';",
                "nodejs/node20/node_modules/versioned/index.js", "module.exports = 'node20';")));
        String second = publish(zip(Map.of(
                "nodejs/node_modules/greet/index.js", "module.exports = () => 'second';",
                "bin/layertool", "#!/bin/sh\necho tool from a layer\n")));
        String fn = TestNames.unique("node-layers");
        deploy(lambda, fn, "nodejs20.x", "index.handler", Map.of("index.js", """
                        const { execFileSync } = require('child_process');
                        exports.handler = async () => ({
                          greet: require('greet')(),
                          onlyFirst: require('onlyfirst'),
                          versioned: require('versioned'),
                          tool: execFileSync('layertool').toString().trim(),
                          path: process.env.PATH,
                          ld: process.env.LD_LIBRARY_PATH,
                        });
                        """), b -> b.layers(first, second));

        JsonNode body = body(invoke(lambda, fn, "{}"));

        assertThat(body.get("greet").asText()).isEqualTo("second");
        assertThat(body.get("onlyFirst").asText()).isEqualTo("kept");
        assertThat(body.get("versioned").asText()).isEqualTo("node20");
        assertThat(body.get("tool").asText()).isEqualTo("tool from a layer");
        // the host's /opt is never searched: Eddy's directory stands in its place
        assertThat(body.get("path").asText().split(":")).doesNotContain("/opt/bin");
        String[] ld = body.get("ld").asText().split(":");
        assertThat(ld).doesNotContain("/opt/lib");
        assertThat(ld[ld.length - 1]).endsWith("/lib").isNotEqualTo("/opt/lib");
    }

    @Test
    void pythonImportsFromTheLayersPythonAndSitePackagesFolders() throws Exception {
        String first = publish(zip(Map.of(
                "python/greet.py", "GREETING = 'first'\n",
                "python/lib/python3.12/site-packages/sitepkg.py", "NAME = 'site-packages'\n")));
        String second = publish(zip(Map.of("python/greet.py", "GREETING = 'second'\n")));
        String fn = TestNames.unique("python-layers");
        deploy(lambda, fn, "python3.12", "app.handler", Map.of("app.py", """
                        import greet, sitepkg
                        def handler(event, context):
                            return {"greet": greet.GREETING, "site": sitepkg.NAME}
                        """), b -> b.layers(first, second));

        JsonNode body = body(invoke(lambda, fn, "{}"));

        assertThat(body.get("greet").asText()).isEqualTo("second");
        assertThat(body.get("site").asText()).isEqualTo("site-packages");
    }

    @Test
    void aJavaProcessHandlerLoadsItsClassFromALayersJar() throws Exception {
        String jar = System.getProperty("eddy.example.handlers");
        assertThat(jar)
                .as("system property eddy.example.handlers (run with Maven)")
                .isNotNull();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("java/lib/handlers.jar"));
            out.write(Files.readAllBytes(Path.of(jar)));
            out.closeEntry();
        }
        String layer = publish(SdkBytes.fromByteArray(bytes.toByteArray()));
        String fn = TestNames.unique("java-layers");
        // the handler class exists only in the layer
        deploy(
                lambda,
                fn,
                "java21",
                "example.Env",
                Map.of("readme.txt", "code lives in the layer"),
                b -> b.layers(layer)
                        .memorySize(256)
                        .timeout(30)
                        .environment(e -> e.variables(Map.of("EDDY_JAVA_RUNTIME", "process"))));

        JsonNode body = body(invoke(lambda, fn, "[\"AWS_LAMBDA_RUNTIME_API\"]"));

        // only a child process talks to a Runtime API endpoint
        assertThat(body.get("AWS_LAMBDA_RUNTIME_API").asText()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(body.get("invocations").asInt()).isEqualTo(1);
    }
}
