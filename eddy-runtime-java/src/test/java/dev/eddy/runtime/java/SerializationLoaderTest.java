package dev.eddy.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy of the serialization library defines the library's packages itself, from its code source. */
class SerializationLoaderTest {
    private static final String EVENTS = LambdaEventSerializers.class.getName();
    private static final String MAPPER = "com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper";
    private static final String ZONES = "com/amazonaws/lambda/thirdparty/org/joda/time/tz/data/ZoneInfoMap";
    private static final URL LIBRARY_JAR =
            LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();

    @Test
    void everyCopyDefinesTheLibraryAndItsShadedLibrariesItself() throws Exception {
        try (SerializationLibrary library = SerializationLibrary.ofEddy()) {
            SerializationLoader a = library.newLoader();
            SerializationLoader b = library.newLoader();

            Class<?> events = a.loadClass(EVENTS);
            assertThat(events.getClassLoader()).isSameAs(a);
            assertThat(events).isNotSameAs(b.loadClass(EVENTS)).isNotSameAs(LambdaEventSerializers.class);
            assertThat(a.loadClass(MAPPER).getClassLoader()).isSameAs(a);
            assertThat(events.getProtectionDomain().getCodeSource().getLocation())
                    .isEqualTo(LIBRARY_JAR);
            // resources of the shaded libraries (Joda's time zones) come from the library too
            assertThat(a.getResource(ZONES)).isNotNull().isEqualTo(library.resource(ZONES));
        }
    }

    @Test
    void everythingElseComesFromTheParent() throws Exception {
        try (SerializationLibrary library = SerializationLibrary.ofEddy()) {
            SerializationLoader copy = library.newLoader();

            assertThat(copy.loadClass("java.util.Map")).isSameAs(Map.class);
            assertThat(copy.loadClass(Context.class.getName())).isSameAs(Context.class);
            assertThat(copy.loadClass(SerializationLoaderTest.class.getName())).isSameAs(SerializationLoaderTest.class);
        }
    }

    @Test
    void theLibraryCanBeReadFromASinglePackagedJar(@TempDir Path dir) throws Throwable {
        Path packaged = dir.resolve("eddy-all.jar");
        repackage(Path.of(LIBRARY_JAR.toURI()), packaged);
        URL location = packaged.toUri().toURL();

        try (SerializationLibrary library = new SerializationLibrary(
                new CodeSource(location, (Certificate[]) null), ClassLoader.getPlatformClassLoader())) {
            SerializationLoader copy = library.newLoader();
            LibraryCalls calls = new LibraryCalls(copy);

            assertThat(copy.loadClass(EVENTS)
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation())
                    .isEqualTo(location);
            assertThat(calls.isLambdaSupportedEvent("com.amazonaws.services.lambda.runtime.events.DynamodbEvent"))
                    .isTrue();
            assertThat(roundTrip(calls, "{\"a\":[1,\"x\",{\"b\":true}]}")).isEqualTo("{\"a\":[1,\"x\",{\"b\":true}]}");
        }
    }

    @Test
    void withoutACodeSourceTheParentsCopyOfTheBytesServes() throws Throwable {
        try (SerializationLibrary library =
                new SerializationLibrary(null, SerializationLoaderTest.class.getClassLoader())) {
            SerializationLoader copy = library.newLoader();

            assertThat(copy.loadClass(EVENTS).getClassLoader()).isSameAs(copy);
            assertThat(roundTrip(new LibraryCalls(copy), "{\"n\":1.5}")).isEqualTo("{\"n\":1.5}");
        }
    }

    private static String roundTrip(LibraryCalls calls, String json) throws Throwable {
        Serializers.Codec codec = calls.jacksonSerializer(Map.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.toJson(codec.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The library's entries inside a JAR of another name, next to classes of its own. */
    private static void repackage(Path library, Path target) throws Exception {
        try (JarFile in = new JarFile(library.toFile());
                OutputStream file = Files.newOutputStream(target);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("dev/eddy/Main.txt"));
            out.write("the rest of the application".getBytes(StandardCharsets.UTF_8));
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                if (e.getName().startsWith("META-INF/MANIFEST")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(e.getName()));
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
            }
        }
    }
}
