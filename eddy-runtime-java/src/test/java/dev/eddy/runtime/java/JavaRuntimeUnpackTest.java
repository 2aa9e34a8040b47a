package dev.eddy.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.function.FunctionRuntime.CodeLoadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeUnpackTest {

    @TempDir
    Path data;

    /** A file "a" and then a file "a/b" beneath it: the second cannot be written. */
    private static byte[] unwritableZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("a"));
            zip.write(1);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("a/b"));
            zip.write(2);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void aPackageThatFailsToUnpackLeavesNothingBehindAndShowsNoServerPath() throws Exception {
        byte[] zip = unwritableZip();
        String sha = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
        try (JavaRuntime runtime = new JavaRuntime(data)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> runtime.prepare(sha, zip))
                        .isInstanceOf(CodeLoadException.class)
                        .hasMessageStartingWith("Could not unpack the deployment package: ")
                        .message()
                        .doesNotContain(data.toAbsolutePath().toString());
            }
        }
        try (Stream<Path> left = Files.list(data)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".tmp"));
        }
    }
}
