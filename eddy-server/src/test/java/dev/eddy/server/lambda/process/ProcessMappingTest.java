package dev.eddy.server.lambda.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.testkit.MappingDrain;
import dev.eddy.testkit.TestNames;
import dev.eddy.testkit.TestTables;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * A DynamoDB stream mapped to a Node.js function: records reach the child process, and the
 * batchItemFailures it returns make the mapping retry from the failed record, as with in-JVM
 * functions.
 */
class ProcessMappingTest extends ProcessServerTest {

    @Test
    void streamRecordsReachANodeHandlerAndItsBatchItemFailuresAreRetried() {
        String fn = TestNames.unique("node-esm-target");
        ProcessFunctions.deploy(lambda, fn, "nodejs20.x", "index.handler", Map.of("index.js", """
                const seen = new Set();
                exports.handler = async (event) => {
                  const batchItemFailures = [];
                  for (const r of event.Records) {
                    const pk = r.dynamodb.Keys.id.S;
                    console.log(`saw ${pk} ${r.eventName} from ${r.eventSource}`);
                    // a record marked "flaky" fails its first attempt only
                    if (r.dynamodb.NewImage.flaky && !seen.has(pk)) {
                      seen.add(pk);
                      batchItemFailures.push({ itemIdentifier: r.dynamodb.SequenceNumber });
                    }
                  }
                  return { batchItemFailures };
                };
                """));
        String table = TestNames.unique("process-esm");
        ddb.createTable(TestTables.hashTable(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build());
        String stream = ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        String uuid = lambda.createEventSourceMapping(b -> b.functionName(fn)
                        .eventSourceArn(stream)
                        .startingPosition(EventSourcePosition.TRIM_HORIZON)
                        .batchSize(10)
                        .functionResponseTypesWithStrings("ReportBatchItemFailures"))
                .uuid();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)).state(), "Enabled"::equals);

        ddb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("steady"))));
        ddb.putItem(b -> b.tableName(table)
                .item(Map.of("id", AttributeValue.fromS("flaky"), "flaky", AttributeValue.fromBool(true))));
        MappingDrain.await(server.endpoint(), Duration.ofSeconds(30));

        List<String> messages = server.functions().logs().read(fn, 0, 0).events().stream()
                .map(e -> e.message())
                .toList();
        assertThat(messages.stream().filter(m -> m.endsWith("\tINFO\tsaw steady INSERT from aws:dynamodb")))
                .hasSize(1);
        // the handler remembers per execution environment; records of other shards may have made a
        // second environment, whose first sight of "flaky" fails it once more: at least one retry
        assertThat(messages.stream()
                        .filter(m -> m.endsWith("\tINFO\tsaw flaky INSERT from aws:dynamodb"))
                        .count())
                .isBetween(2L, 3L);
    }
}
