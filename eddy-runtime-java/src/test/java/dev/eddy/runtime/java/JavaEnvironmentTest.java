package dev.eddy.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.Invocation;
import dev.eddy.function.InvocationOutcome;
import dev.eddy.function.LogSink;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An environment measures the invocation's time on the service's clock, never the wall clock. */
class JavaEnvironmentTest {
    private static final URL TEST_CLASSES =
            JavaEnvironmentTest.class.getProtectionDomain().getCodeSource().getLocation();
    private static final LogSink NO_LOG = (b, off, len) -> {};

    private static JavaEnvironment start(String handler) throws Exception {
        JavaCode code = new JavaCode("sha", null, List.of(TEST_CLASSES));
        EnvironmentSpec spec = new EnvironmentSpec(
                "f",
                "arn:aws:lambda:us-east-1:000000000000:function:f",
                "$LATEST",
                "java21",
                handler,
                128,
                7,
                "/aws/lambda/f",
                "stream",
                Map.of(),
                code);
        return JavaEnvironment.start(
                spec,
                new LambdaApiClassLoader(JavaEnvironmentTest.class.getClassLoader()),
                SerializationLibrary.ofEddy(),
                NO_LOG,
                10_000);
    }

    private static Invocation invocation(InstantSource clock, Duration remaining) {
        return new Invocation(
                "req-1",
                "arn",
                "{}".getBytes(StandardCharsets.UTF_8),
                clock.instant().plus(remaining),
                clock,
                null);
    }

    @Test
    void theContextReportsTheRemainingTimeOfTheServicesClock() throws Exception {
        // years before the wall clock: a wall-clock reading would report no time left
        InstantSource clock = InstantSource.fixed(Instant.parse("2001-02-03T04:05:06Z"));
        try (JavaEnvironment env = start("fixture.Remaining")) {
            InvocationOutcome outcome = env.invoke(invocation(clock, Duration.ofSeconds(7)), NO_LOG);

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            InvocationOutcome.Success.class,
                            s -> assertThat(new String(s.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo("7000"));
        }
    }

    @Test
    void theTimeoutIsTheTimeTheServicesClockLeaves() throws Exception {
        // decades after the wall clock: a wall-clock deadline would let the handler block for decades
        InstantSource clock = InstantSource.fixed(Instant.parse("2100-01-01T00:00:00Z"));
        try (JavaEnvironment env = start("fixture.Blocks")) {
            InvocationOutcome outcome = assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> env.invoke(invocation(clock, Duration.ZERO), NO_LOG));

            assertThat(outcome).isInstanceOf(InvocationOutcome.TimedOut.class);
            assertThat(outcome.reusable()).isFalse();
        }
    }
}
