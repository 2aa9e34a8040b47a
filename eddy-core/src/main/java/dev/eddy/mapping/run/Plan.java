package dev.eddy.mapping.run;

import dev.eddy.arn.Arn;
import dev.eddy.mapping.Mapping;
import dev.eddy.mapping.MappingSettings;
import dev.eddy.mapping.shard.ShardSettings;
import dev.eddy.mapping.target.EventPayloads;
import java.util.Optional;

/**
 * What the shard workers of one mapping run with: the parts of the mapping that, when an update
 * changes them, make the workers stop (finishing what is in flight, checkpointing) and start again
 * from the checkpoint with the new values.
 */
record Plan(String uuid, String functionArn, String streamArn, MappingSettings settings) {

    static Plan of(Mapping m) {
        return new Plan(m.uuid(), m.functionArn(), m.eventSourceArn(), m.settings());
    }

    /** The on-failure queue, if the mapping has one. */
    Optional<Arn.Queue> destination() {
        String arn = settings.onFailureDestination();
        return arn == null ? Optional.empty() : Arn.parse(arn, Arn.Queue.class);
    }

    /** The shard processor's settings. */
    ShardSettings shardSettings() {
        // the payload cap leaves room for the event's envelope and, with windows, the state (1 MB)
        long cap = ShardSettings.PAYLOAD_LIMIT
                - EventPayloads.ENVELOPE_BYTES
                - (settings.tumblingWindowInSeconds() > 0 ? 1024 * 1024 : 0);
        return new ShardSettings(
                settings.batchSize(),
                settings.maximumBatchingWindowInSeconds(),
                settings.parallelizationFactor(),
                settings.maximumRetryAttempts(),
                settings.maximumRecordAgeInSeconds(),
                settings.bisectBatchOnFunctionError(),
                settings.reportBatchItemFailures(),
                settings.tumblingWindowInSeconds(),
                destination().isPresent(),
                ShardSettings.STREAM_RETENTION,
                cap,
                ShardSettings.Backoff.DEFAULT);
    }
}
