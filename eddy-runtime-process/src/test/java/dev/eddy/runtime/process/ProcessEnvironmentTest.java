package dev.eddy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.FunctionRuntime;
import dev.eddy.function.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The init phase of a process environment: its time limit, and what a runtime wrote meanwhile. */
class ProcessEnvironmentTest {
    @TempDir
    Path dir;

    private EnvironmentSpec spec() {
        FunctionRuntime.PreparedCode code = new PackageDirs.Unpacked("sha", dir.toString());
        return new EnvironmentSpec(
                "f", "arn", "$LATEST", "provided.al2", "h", 128, 3, "/aws/lambda/f", "s", Map.of(), code);
    }

    @Test
    void aRuntimeThatNeverAsksForAnInvocationTimesOutItsInitAndIsKilled() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Bytes log = new Bytes();
        List<String> command = List.of("/bin/sh", "-c", "echo pid $$; exec sleep 60");

        assertThatThrownBy(() -> ProcessEnvironment.start(
                        spec(),
                        command,
                        Map.of("PATH", "/usr/bin:/bin"),
                        logs,
                        new ProcessReaper(Duration.ofMillis(200)),
                        log,
                        300))
                .isInstanceOfSatisfying(FunctionRuntime.InitException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(new String(e.payload(), StandardCharsets.UTF_8))
                            .isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":"
                                    + "\"Error: Init phase timed out after 0.30 seconds\"}");
                });

        Matcher pid = Pattern.compile("pid (\\d+)\n").matcher(log.text());
        assertThat(pid.find()).as(log.text()).isTrue();
        ProcessHandle child = ProcessHandle.of(Long.parseLong(pid.group(1))).orElse(null);
        if (child != null) {
            assertThat(child.onExit()
                            .get(5, java.util.concurrent.TimeUnit.SECONDS)
                            .isAlive())
                    .isFalse();
        }
    }

    /** A log sink that keeps what it is given. */
    private static final class Bytes implements LogSink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
        }

        synchronized String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
