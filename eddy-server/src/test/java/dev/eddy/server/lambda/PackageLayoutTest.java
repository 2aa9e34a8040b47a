package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Deployment packages as zips: classes at the root or in classes/, libraries in lib/*.jar. */
class PackageLayoutTest extends InMemoryServerTest {
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    /** The example handler classes under {@code classesDir}, the old-Jackson JAR as lib/old-jackson.jar. */
    private static SdkBytes zip(String classesDir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes);
                ZipInputStream handlers = new ZipInputStream(
                        new ByteArrayInputStream(Lambdas.jar("handlers").asByteArray()))) {
            ZipEntry e;
            while ((e = handlers.getNextEntry()) != null) {
                if (e.getName().startsWith("example/") && !e.isDirectory()) {
                    out.putNextEntry(new ZipEntry(classesDir + e.getName()));
                    handlers.transferTo(out);
                }
            }
            out.putNextEntry(new ZipEntry("lib/old-jackson.jar"));
            out.write(Lambdas.jar("old-jackson").asByteArray());
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    private static String invoke(String fn, String payload) {
        return lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String(payload)))
                .payload()
                .asUtf8String();
    }

    @Test
    void classesAtTheRootAndLibrariesInLib() throws IOException {
        String fn = TestNames.unique("rootzip");
        SdkBytes zip = zip("");
        lambda.createFunction(b -> b.functionName(fn)
                .runtime("java25")
                .role(Lambdas.ROLE)
                .handler("example.Upper")
                .code(c -> c.zipFile(zip)));
        Lambdas.awaitActive(lambda, fn);

        assertThat(invoke(fn, "\"abc\"")).isEqualTo("\"ABC\"");
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).handler("example.jackson.VersionHandler"));
        Lambdas.awaitActive(lambda, fn);
        assertThat(invoke(fn, "{}")).isEqualTo("{\"jacksonVersion\":\"2.17.2\",\"json\":\"{}\"}");
    }

    @Test
    void classesInAClassesFolder() throws IOException {
        String fn = TestNames.unique("classeszip");
        SdkBytes zip = zip("classes/");
        lambda.createFunction(b -> b.functionName(fn)
                .runtime("java11")
                .role(Lambdas.ROLE)
                .handler("example.Echo")
                .code(c -> c.zipFile(zip)));
        Lambdas.awaitActive(lambda, fn);

        assertThat(invoke(fn, "{\"k\":\"v\"}")).isEqualTo("{\"k\":\"v\"}");
    }
}
