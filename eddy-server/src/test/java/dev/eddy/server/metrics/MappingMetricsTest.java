package dev.eddy.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.mapping.ShardStatus;
import dev.eddy.mapping.shard.ShardMetrics;
import dev.eddy.mapping.shard.ShardProcessor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The mapping metrics follow a hand-made supplier of shard statuses as shards come and go. */
class MappingMetricsTest {
    private static final String UUID_A = "a0000000-0000-0000-0000-000000000001";
    private static final String UUID_B = "b0000000-0000-0000-0000-000000000002";
    private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final String STREAM =
            "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2031-01-01T00:00:00.000";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<List<ShardStatus>> statuses = new AtomicReference<>(List.of());
    private final MappingMetrics metrics = new MappingMetrics(registry, () -> {
        List<ShardStatus> current = statuses.get();
        if (current == null) {
            throw new IllegalStateException("the engine is gone");
        }
        return current;
    });

    private static ShardStatus status(String uuid, String function, String shard, long polled, Duration age, long lag) {
        return new ShardStatus(
                uuid,
                FN + function,
                STREAM,
                shard,
                ShardProcessor.State.READING,
                new ShardMetrics(polled, polled / 2, 3, 2, 1, age, 0),
                null,
                lag);
    }

    /** The sample lines (no comments) of the scrape, after a refresh. */
    private List<String> samples() {
        metrics.refresh();
        return registry.scrape().lines().filter(l -> !l.startsWith("#")).toList();
    }

    private static String shard(String uuid, String function, String shard) {
        return "{function_name=\"" + function + "\",shard_id=\"" + shard + "\",uuid=\"" + uuid + "\"}";
    }

    private static String mapping(String uuid, String function) {
        return "{function_name=\"" + function + "\",uuid=\"" + uuid + "\"}";
    }

    /** Every counter and gauge line of one shard. */
    private static List<String> shardLines(String labels, long polled, Double ageMillis) {
        Stream<String> counters = Stream.of(
                "eddy_lambda_polled_events_total" + labels + " " + (double) polled,
                "eddy_lambda_filtered_out_events_total" + labels + " " + (double) (polled / 2),
                "eddy_lambda_failed_invoke_events_total" + labels + " 3.0",
                "eddy_lambda_dropped_events_total" + labels + " 2.0",
                "eddy_lambda_on_failure_destination_delivered_events_total" + labels + " 1.0");
        return (ageMillis == null
                        ? counters
                        : Stream.concat(
                                counters,
                                Stream.of("eddy_lambda_iterator_age_milliseconds" + labels + " " + ageMillis)))
                .toList();
    }

    @Test
    void nothingIsExposedWithoutShards() {
        assertThat(samples()).isEmpty();
    }

    @Test
    void eachShardHasItsCountersAndIteratorAgeAndEachMappingItsLag() {
        statuses.set(List.of(
                status(UUID_A, "f", "shardId-1", 10, Duration.ofMillis(250), 4),
                status(UUID_A, "f", "shardId-2", 6, Duration.ofSeconds(2), 5),
                status(UUID_B, "g:live", "shardId-1", 0, null, 0)));

        assertThat(samples())
                .containsExactlyInAnyOrderElementsOf(Stream.of(
                                shardLines(shard(UUID_A, "f", "shardId-1"), 10, 250.0),
                                shardLines(shard(UUID_A, "f", "shardId-2"), 6, 2000.0),
                                // no invocation yet: no iterator age, as AWS emits none for an idle stream
                                shardLines(shard(UUID_B, "g", "shardId-1"), 0, null),
                                List.of(
                                        "eddy_lambda_mapping_lag_records" + mapping(UUID_A, "f") + " 9.0",
                                        "eddy_lambda_mapping_lag_records" + mapping(UUID_B, "g") + " 0.0"))
                        .flatMap(List::stream)
                        .toList());
    }

    @Test
    void countersFollowTheCumulativeValuesAndVanishedShardsLoseTheirMeters() {
        statuses.set(List.of(
                status(UUID_A, "f", "shardId-1", 10, Duration.ofMillis(250), 4),
                status(UUID_A, "f", "shardId-2", 6, Duration.ofSeconds(2), 5)));
        samples();

        // shard 1 closed and was drained; shard 3 was born by rollover and has read nothing yet
        statuses.set(List.of(
                status(UUID_A, "f", "shardId-2", 40, Duration.ofMillis(7), 1),
                status(UUID_A, "f", "shardId-3", 0, null, 12)));

        assertThat(samples())
                .containsExactlyInAnyOrderElementsOf(Stream.of(
                                shardLines(shard(UUID_A, "f", "shardId-2"), 40, 7.0),
                                shardLines(shard(UUID_A, "f", "shardId-3"), 0, null),
                                List.of("eddy_lambda_mapping_lag_records" + mapping(UUID_A, "f") + " 13.0"))
                        .flatMap(List::stream)
                        .toList());
        assertThat(registry.find(MappingMetrics.POLLED)
                        .tag("shard_id", "shardId-1")
                        .meters())
                .isEmpty();
    }

    @Test
    void aDeletedMappingLosesEveryMeterAndAMappingGivenAnotherFunctionIsRetagged() {
        statuses.set(List.of(
                status(UUID_A, "f", "shardId-1", 10, Duration.ofMillis(250), 4),
                status(UUID_B, "g", "shardId-1", 1, Duration.ofMillis(1), 1)));
        samples();

        statuses.set(List.of(status(UUID_B, "h", "shardId-1", 2, null, 3)));

        assertThat(samples())
                .containsExactlyInAnyOrderElementsOf(Stream.of(
                                shardLines(shard(UUID_B, "h", "shardId-1"), 2, null),
                                List.of("eddy_lambda_mapping_lag_records" + mapping(UUID_B, "h") + " 3.0"))
                        .flatMap(List::stream)
                        .toList());
        assertThat(registry.getMeters()).hasSize(6);
    }

    @Test
    void aFailingSupplierKeepsTheLastValues() {
        statuses.set(List.of(status(UUID_A, "f", "shardId-1", 10, Duration.ofMillis(250), 4)));
        List<String> before = samples();

        statuses.set(null);

        assertThat(samples()).isEqualTo(before).hasSize(7);
    }
}
