package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.mapping.checkpoint.Checkpoint;
import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.store.MemoryStore;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Mappings, their settings, states and checkpoints survive a restart on the same data directory. */
class EventSourceMappingRestartTest {

    @Test
    void mappingsAndCheckpointsSurviveARestart(@TempDir Path data) {
        String fn = TestNames.unique("durablemap");
        String uuid;
        String disabled;
        String stream;
        try (EddyServer first = EddyServer.start(ServerConfig.onDisk(data));
                LambdaClient lambda = Lambdas.client(first);
                DynamoDbClient ddb = EddyClients.dynamo(first.endpoint())) {
            Assumptions.assumeFalse(first.store() instanceof MemoryStore, "no durable store for a data directory");
            Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
            stream = Mappings.streamedTable(ddb);
            uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(stream)
                            .functionName(fn)
                            .startingPosition("TRIM_HORIZON")
                            .batchSize(42)
                            .filterCriteria(f -> f.filters(Mappings.pattern("{\"eventName\":[\"INSERT\"]}"))))
                    .uuid();
            Mappings.awaitState(lambda, uuid, "Enabled");
            String other = Mappings.streamedTable(ddb);
            disabled = lambda.createEventSourceMapping(b -> b.eventSourceArn(other)
                            .functionName(fn)
                            .startingPosition("LATEST")
                            .enabled(false))
                    .uuid();
            Mappings.awaitState(lambda, disabled, "Disabled");
            assertThat(first.mappings().checkpoints().compareAndSet(uuid, "shardId-1", null, new Checkpoint(7, false)))
                    .isTrue();
        }
        try (EddyServer second = EddyServer.start(ServerConfig.onDisk(data));
                LambdaClient lambda = Lambdas.client(second)) {
            var m = lambda.getEventSourceMapping(b -> b.uuid(uuid));
            assertThat(m.state()).isEqualTo("Enabled");
            assertThat(m.eventSourceArn()).isEqualTo(stream);
            assertThat(m.functionArn()).endsWith(":function:" + fn);
            assertThat(m.batchSize()).isEqualTo(42);
            assertThat(m.filterCriteria().filters().get(0).pattern()).isEqualTo("{\"eventName\":[\"INSERT\"]}");
            assertThat(lambda.getEventSourceMapping(b -> b.uuid(disabled)).state())
                    .isEqualTo("Disabled");
            assertThat(lambda.listEventSourceMappings(b -> b.functionName(fn)).eventSourceMappings())
                    .hasSize(2);
            assertThat(second.mappings().checkpoints().read(uuid, "shardId-1")).contains(new Checkpoint(7, false));
        }
    }
}
