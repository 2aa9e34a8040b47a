package dev.eddy.server.metrics;

import dev.eddy.function.InvocationListener;
import dev.eddy.function.ThrottleReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToIntFunction;

/**
 * Lambda's function metrics (spec 6) as Micrometer meters tagged {@code function_name}: {@code
 * Invocations} (successes and function errors), {@code Errors}, {@code Throttles}, {@code Duration}
 * (milliseconds, with histogram buckets) and {@code ConcurrentExecutions}. A function's meters are
 * registered together when it is first started or throttled, so its zero counters show as well, and
 * removed when it is deleted. docs/metrics.md names each one as Prometheus shows it.
 *
 * <p>Thread-safe: called by every invoking thread at once.
 */
public final class FunctionMetrics implements InvocationListener {
    static final String INVOCATIONS = "eddy.lambda.invocations";
    static final String ERRORS = "eddy.lambda.errors";
    static final String THROTTLES = "eddy.lambda.throttles";
    static final String DURATION = "eddy.lambda.duration";
    static final String CONCURRENT = "eddy.lambda.concurrent.executions";
    static final String FUNCTION_NAME = "function_name";
    /**
     * Histogram bucket bounds of {@code Duration}, in milliseconds: from a warm no-op handler to
     * Lambda's 15-minute maximum timeout.
     */
    private static final double[] DURATION_BUCKETS = {
        1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000
    };

    private final MeterRegistry registry;
    private final ToIntFunction<String> running;
    private final ConcurrentMap<String, Meters> byFunction = new ConcurrentHashMap<>();

    /** One function's meters. */
    private record Meters(
            Counter invocations, Counter errors, Counter throttles, DistributionSummary duration, Gauge concurrent) {
        List<Meter> all() {
            return List.of(invocations, errors, throttles, duration, concurrent);
        }
    }

    /**
     * @param running how many invocations of a function run now (the concurrency limiter's count),
     *     asked when the registry is scraped
     */
    public FunctionMetrics(MeterRegistry registry, ToIntFunction<String> running) {
        this.registry = registry;
        this.running = running;
    }

    @Override
    public void started(String function) {
        meters(function);
    }

    @Override
    public void finished(String function, Kind kind, Duration duration) {
        Meters m = meters(function);
        m.invocations().increment();
        if (kind == Kind.FUNCTION_ERROR) {
            m.errors().increment();
        }
        m.duration().record(duration.toNanos() / 1_000_000.0);
    }

    @Override
    public void throttled(String function, ThrottleReason reason) {
        meters(function).throttles().increment();
    }

    @Override
    public void deleted(String function) {
        // an invocation still running when its function is deleted registers the meters again when
        // it ends; they then stay until a function of that name is deleted once more
        Meters m = byFunction.remove(function);
        if (m != null) {
            m.all().forEach(registry::remove);
        }
    }

    private Meters meters(String function) {
        return byFunction.computeIfAbsent(function, this::register);
    }

    private Meters register(String function) {
        Tags tags = Tags.of(FUNCTION_NAME, function);
        return new Meters(
                Counter.builder(INVOCATIONS)
                        .description("Invocations of the function's code that succeeded or ended in a function error")
                        .tags(tags)
                        .register(registry),
                Counter.builder(ERRORS)
                        .description("Invocations that ended in a function error")
                        .tags(tags)
                        .register(registry),
                Counter.builder(THROTTLES)
                        .description("Invocation requests refused for lack of concurrency")
                        .tags(tags)
                        .register(registry),
                DistributionSummary.builder(DURATION)
                        .description("Time the function's handler ran, as its REPORT line gives it")
                        .baseUnit("milliseconds")
                        .serviceLevelObjectives(DURATION_BUCKETS)
                        .tags(tags)
                        .register(registry),
                Gauge.builder(CONCURRENT, () -> running.applyAsInt(function))
                        .description("Invocations of the function running now")
                        .tags(tags)
                        .register(registry));
    }
}
