package dev.eddy.mapping.run;

import dev.eddy.mapping.Mapping;
import dev.eddy.mapping.checkpoint.CheckpointStore;
import dev.eddy.mapping.target.DestinationSender;
import dev.eddy.mapping.target.FunctionTarget;
import dev.eddy.store.Store;
import dev.eddy.stream.StreamReader;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What every shard worker of the node shares.
 *
 * @param invocations runs invocations (they block while the function runs)
 * @param leases which shards this node may process; checkpoints are conditional on them
 * @param events told of results, progress and workers that ended
 * @param mappings the stored mapping of a UUID, read again before each invocation
 */
record RunContext(
        Store store,
        InstantSource clock,
        String region,
        StreamReader streams,
        CheckpointStore checkpoints,
        FunctionTarget functions,
        DestinationSender destinations,
        Executor invocations,
        ShardLeases leases,
        Events events,
        Function<String, Optional<Mapping>> mappings) {

    /** What workers report back to the runner; called on worker threads. */
    interface Events {
        /** The mapping's LastProcessingResult after an invocation. */
        void result(String uuid, String result);

        /** A checkpoint or a read position moved: drain waiters look again. */
        void progress();

        /** The worker stopped (shut down, shard ended, failed). */
        void ended(ShardWorker worker);
    }
}
