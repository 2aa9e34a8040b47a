package dev.eddy.server.metrics;

import dev.eddy.arn.Arn;
import dev.eddy.mapping.ShardStatus;
import dev.eddy.mapping.shard.ShardMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event source mapping metrics (spec 6) as Micrometer meters, read from the mapping engine's
 * {@link ShardStatus} reports: per mapping and shard (tags {@code uuid}, {@code function_name},
 * {@code shard_id}) the counters {@code PolledEventCount}, {@code FilteredOutEventCount}, {@code
 * FailedInvokeEventCount}, {@code DroppedEventCount}, {@code
 * OnFailureDestinationDeliveredEventCount} and the gauge {@code IteratorAge} (milliseconds, the
 * last value; absent before the shard's first invocation); per mapping (tags {@code uuid}, {@code
 * function_name}) the lag, the sum of its shards' unprocessed records.
 *
 * <p>Shards and mappings come and go: each {@link #refresh} asks the supplier for the current
 * statuses, registers meters for the shards and mappings it has not seen, and removes the meters of
 * those that are gone. Counters read the cumulative values of the last refresh, so they only grow
 * while a shard is reported.
 *
 * <p>Thread-safe: {@link #refresh} is serialised; call it before each scrape, in the same critical
 * section as the scrape (see {@link MetricsHttp}), so that no scrape sees a meter of a vanished
 * shard.
 */
public final class MappingMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(MappingMetrics.class);
    static final String POLLED = "eddy.lambda.polled.events";
    static final String FILTERED_OUT = "eddy.lambda.filtered.out.events";
    static final String FAILED_INVOKE = "eddy.lambda.failed.invoke.events";
    static final String DROPPED = "eddy.lambda.dropped.events";
    static final String DESTINATION_DELIVERED = "eddy.lambda.on.failure.destination.delivered.events";
    static final String ITERATOR_AGE = "eddy.lambda.iterator.age";
    static final String LAG = "eddy.lambda.mapping.lag";

    /** One mapping on one shard, with the function it invokes (a mapping's function may change). */
    private record ShardKey(String uuid, String function, String shardId) {
        Tags tags() {
            return Tags.of("uuid", uuid, FunctionMetrics.FUNCTION_NAME, function, "shard_id", shardId);
        }
    }

    /** One mapping with the function it invokes. */
    private record MappingKey(String uuid, String function) {
        Tags tags() {
            return Tags.of("uuid", uuid, FunctionMetrics.FUNCTION_NAME, function);
        }
    }

    private final MeterRegistry registry;
    private final Supplier<List<ShardStatus>> statuses;
    // written under the lock by refresh, read by the meters' value functions during a scrape
    private volatile Map<ShardKey, ShardStatus> shards = Map.of();
    private volatile Map<MappingKey, Long> lags = Map.of();
    private final Map<ShardKey, List<Meter>> shardMeters = new HashMap<>();
    private final Map<ShardKey, List<Meter>> ageMeters = new HashMap<>();
    private final Map<MappingKey, List<Meter>> lagMeters = new HashMap<>();

    /**
     * @param statuses every shard of every mapping this node processes now, asked on each refresh
     *     (on the scraping thread)
     */
    public MappingMetrics(MeterRegistry registry, Supplier<List<ShardStatus>> statuses) {
        this.registry = registry;
        this.statuses = statuses;
    }

    /**
     * Reads the statuses and brings the meters in line with them. When the supplier fails, the
     * meters keep the previous values (the failure is logged), so the function metrics are still
     * served.
     */
    public synchronized void refresh() {
        List<ShardStatus> current;
        try {
            current = statuses.get();
        } catch (RuntimeException e) {
            LOG.warn("the mapping engine's shard statuses could not be read; mapping metrics keep their values", e);
            return;
        }
        Map<ShardKey, ShardStatus> byShard = new LinkedHashMap<>();
        Map<MappingKey, Long> byMapping = new LinkedHashMap<>();
        for (ShardStatus s : current) {
            String function = functionName(s.functionArn());
            byShard.put(new ShardKey(s.uuid(), function, s.shardId()), s);
        }
        byShard.forEach((k, s) -> byMapping.merge(new MappingKey(k.uuid(), k.function()), s.lag(), Long::sum));
        shards = byShard;
        lags = byMapping;
        Map<ShardKey, ShardStatus> aged = new HashMap<>();
        byShard.forEach((k, s) -> {
            shardMeters.computeIfAbsent(k, this::registerCounters);
            if (s.metrics().iteratorAge() != null) {
                aged.put(k, s);
                ageMeters.computeIfAbsent(k, this::registerAge);
            }
        });
        byMapping.keySet().forEach(k -> lagMeters.computeIfAbsent(k, this::registerLag));
        removeVanished(shardMeters, byShard);
        removeVanished(ageMeters, aged);
        removeVanished(lagMeters, byMapping);
    }

    private List<Meter> registerCounters(ShardKey k) {
        List<Meter> meters = new ArrayList<>();
        meters.add(counter(
                POLLED, "Records read from the stream, filtered ones included", k, ShardMetrics::polledEventCount));
        meters.add(
                counter(FILTERED_OUT, "Records the filter criteria dropped", k, ShardMetrics::filteredOutEventCount));
        meters.add(counter(
                FAILED_INVOKE,
                "Records in invocations that failed or could not run",
                k,
                ShardMetrics::failedInvokeEventCount));
        meters.add(counter(
                DROPPED,
                "Records given up on: retries exhausted, too old, or out of retention",
                k,
                ShardMetrics::droppedEventCount));
        meters.add(counter(
                DESTINATION_DELIVERED,
                "Records sent to the on-failure destination",
                k,
                ShardMetrics::onFailureDestinationDeliveredEventCount));
        return meters;
    }

    private Meter counter(String name, String description, ShardKey k, ToLongFunction<ShardMetrics> value) {
        return FunctionCounter.builder(name, this, m -> m.shardValue(k, value))
                .description(description)
                .tags(k.tags())
                .register(registry);
    }

    private List<Meter> registerAge(ShardKey k) {
        return List.of(Gauge.builder(ITERATOR_AGE, this, m -> m.iteratorAgeMillis(k))
                .description("Age of the last record of the shard's last invocation when it started")
                .baseUnit("milliseconds")
                .tags(k.tags())
                .register(registry));
    }

    private List<Meter> registerLag(MappingKey k) {
        return List.of(Gauge.builder(LAG, this, m -> m.lag(k))
                .description("Records of the mapping's shards not yet processed")
                .baseUnit("records")
                .tags(k.tags())
                .register(registry));
    }

    private double shardValue(ShardKey k, ToLongFunction<ShardMetrics> value) {
        ShardStatus s = shards.get(k);
        return s == null ? Double.NaN : value.applyAsLong(s.metrics());
    }

    private double iteratorAgeMillis(ShardKey k) {
        ShardStatus s = shards.get(k);
        return s == null || s.metrics().iteratorAge() == null
                ? Double.NaN
                : s.metrics().iteratorAge().toMillis();
    }

    private double lag(MappingKey k) {
        Long lag = lags.get(k);
        return lag == null ? Double.NaN : lag;
    }

    private <K> void removeVanished(Map<K, List<Meter>> registered, Map<K, ?> current) {
        for (Iterator<Map.Entry<K, List<Meter>>> it = registered.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, List<Meter>> e = it.next();
            if (!current.containsKey(e.getKey())) {
                it.remove();
                e.getValue().forEach(registry::remove);
            }
        }
    }

    /** The function's name in a function ARN (qualified or not); the text itself when it is no ARN. */
    static String functionName(String functionArn) {
        return Arn.parse(functionArn, Arn.Function.class)
                .map(Arn.Function::name)
                .orElse(functionArn);
    }
}
