package dev.eddy.server.lambda;

import dev.eddy.testkit.TestNames;
import dev.eddy.testkit.TestTables;
import java.time.Duration;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Filter;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;

/** Helpers for the event source mapping tests: a streamed table, waiting for a settled state. */
final class Mappings {
    private Mappings() {}

    /** Creates a table with a NEW_AND_OLD_IMAGES stream; returns the stream's ARN. */
    static String streamedTable(DynamoDbClient ddb) {
        String name = TestNames.unique("esm");
        ddb.createTable(TestTables.hashTable(name)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build());
        return ddb.describeTable(b -> b.tableName(name)).table().latestStreamArn();
    }

    /** A FilterCriteria filter of {@code pattern}. */
    static Filter pattern(String pattern) {
        return Filter.builder().pattern(pattern).build();
    }

    /** Waits until mapping {@code uuid} is in {@code state}. */
    static GetEventSourceMappingResponse awaitState(LambdaClient lambda, String uuid, String state) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)), m -> state.equals(m.state()));
    }
}
