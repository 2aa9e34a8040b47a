package dev.eddy.server.streams;

import static dev.eddy.server.streams.StreamsApiTest.item;
import static dev.eddy.server.streams.StreamsClients.readAll;
import static dev.eddy.server.streams.StreamsClients.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.EddyServer;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.server.ServerConfig;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Every write path that exists is captured: batch, transaction, PartiQL and legacy parameters. */
@SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
class StreamWritePathsTest extends InMemoryServerTest {
    static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() {
        streams = StreamsClients.streams(server);
    }

    @AfterAll
    static void stop() {
        streams.close();
    }

    static String tableWithStream() {
        String name = TestNames.unique("paths");
        ddb.createTable(table(name, StreamViewType.NEW_AND_OLD_IMAGES));
        return name;
    }

    static List<Record> records(String table) {
        return readAll(
                streams, ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn());
    }

    static List<String> events(List<Record> records, String id) {
        return records.stream()
                .filter(r -> r.dynamodb().keys().get("id").s().equals(id))
                .map(r -> r.eventName().toString())
                .toList();
    }

    @Test
    void batchWriteItem() {
        String name = tableWithStream();
        ddb.putItem(b -> b.tableName(name).item(item("gone", "v", "1")));
        ddb.batchWriteItem(b -> b.requestItems(Map.of(
                name,
                List.of(
                        WriteRequest.builder()
                                .putRequest(p -> p.item(item("new", "v", "1")))
                                .build(),
                        WriteRequest.builder()
                                .deleteRequest(d -> d.key(item("gone")))
                                .build(),
                        WriteRequest.builder()
                                .deleteRequest(d -> d.key(item("never-was")))
                                .build()))));
        List<Record> r = records(name);
        assertThat(events(r, "new")).containsExactly("INSERT");
        assertThat(events(r, "gone")).containsExactly("INSERT", "REMOVE");
        assertThat(events(r, "never-was")).isEmpty();
        Record remove = r.stream()
                .filter(x -> x.eventName() == OperationType.REMOVE)
                .findFirst()
                .orElseThrow();
        assertThat(remove.dynamodb().oldImage()).isEqualTo(item("gone", "v", "1"));
    }

    @Test
    void transactWriteItemsCommittedAndCancelled() {
        String name = tableWithStream();
        ddb.putItem(b -> b.tableName(name).item(item("u", "v", "1")));
        ddb.putItem(b -> b.tableName(name).item(item("d", "v", "1")));
        ddb.putItem(b -> b.tableName(name).item(item("c", "v", "1")));
        ddb.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName(name).item(item("p", "v", "1"))),
                t -> t.update(u -> u.tableName(name)
                        .key(item("u"))
                        .updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("2")))),
                t -> t.delete(d -> d.tableName(name).key(item("d"))),
                t -> t.conditionCheck(
                        c -> c.tableName(name).key(item("c")).conditionExpression("attribute_exists(id)"))));
        assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(
                        t -> t.put(p -> p.tableName(name).item(item("cancelled", "v", "1"))),
                        t -> t.conditionCheck(c ->
                                c.tableName(name).key(item("nobody")).conditionExpression("attribute_exists(id)")))))
                .isInstanceOf(TransactionCanceledException.class);
        List<Record> r = records(name);
        assertThat(events(r, "p")).containsExactly("INSERT");
        assertThat(events(r, "u")).containsExactly("INSERT", "MODIFY");
        assertThat(events(r, "d")).containsExactly("INSERT", "REMOVE");
        assertThat(events(r, "cancelled")).isEmpty();
        assertThat(events(r, "c")).containsExactly("INSERT");
        assertThat(r).hasSize(6);
    }

    @Test
    void partiqlStatements() {
        String name = tableWithStream();
        ddb.executeStatement(b -> b.statement("INSERT INTO \"" + name + "\" VALUE {'id': 'q', 'v': 'a'}"));
        ddb.executeStatement(b -> b.statement("UPDATE \"" + name + "\" SET v = 'b' WHERE id = 'q'"));
        ddb.executeStatement(b -> b.statement("DELETE FROM \"" + name + "\" WHERE id = 'q'"));
        List<Record> r = records(name);
        assertThat(events(r, "q")).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(r.get(1).dynamodb().newImage()).isEqualTo(item("q", "v", "b"));
    }

    @Test
    void ttlDeletionsAreRemovesByTheService() {
        ServerConfig config = ServerConfig.inMemoryOnRandomPort().withTtlSweepInterval(Duration.ofMillis(100));
        try (EddyServer ttlServer = EddyServer.start(config);
                DynamoDbClient client = EddyClients.dynamo(ttlServer.endpoint());
                DynamoDbStreamsClient streamsClient = StreamsClients.streams(ttlServer)) {
            String name = TestNames.unique("ttl");
            String arn = client.createTable(table(name, StreamViewType.NEW_AND_OLD_IMAGES))
                    .tableDescription()
                    .latestStreamArn();
            client.updateTimeToLive(b -> b.tableName(name)
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName("exp")));
            long past = System.currentTimeMillis() / 1000 - 60;
            Map<String, AttributeValue> expiring =
                    Map.of("id", AttributeValue.fromS("old"), "exp", AttributeValue.fromN(Long.toString(past)));
            client.putItem(b -> b.tableName(name).item(expiring));
            client.putItem(b -> b.tableName(name).item(item("user-deleted")));
            client.deleteItem(b -> b.tableName(name).key(item("user-deleted")));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> readAll(streamsClient, arn).size() == 4);
            List<Record> r = readAll(streamsClient, arn);
            Record ttl = r.stream()
                    .filter(x -> x.eventName() == OperationType.REMOVE
                            && x.dynamodb().keys().get("id").s().equals("old"))
                    .findFirst()
                    .orElseThrow();
            assertThat(ttl.userIdentity()).isNotNull();
            assertThat(ttl.userIdentity().type()).isEqualTo("Service");
            assertThat(ttl.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
            assertThat(ttl.dynamodb().oldImage()).isEqualTo(expiring);
            Record user = r.stream()
                    .filter(x -> x.eventName() == OperationType.REMOVE
                            && x.dynamodb().keys().get("id").s().equals("user-deleted"))
                    .findFirst()
                    .orElseThrow();
            assertThat(user.userIdentity()).isNull();
        }
    }

    @Test
    void legacyParameters() {
        String name = tableWithStream();
        ddb.putItem(b -> b.tableName(name).item(item("l", "v", "1")));
        ddb.updateItem(b -> b.tableName(name)
                .key(item("l"))
                .attributeUpdates(Map.of(
                        "v",
                        AttributeValueUpdate.builder()
                                .value(AttributeValue.fromS("2"))
                                .action("PUT")
                                .build())));
        List<Record> r = records(name);
        assertThat(events(r, "l")).containsExactly("INSERT", "MODIFY");
        assertThat(r.get(1).dynamodb().oldImage()).isEqualTo(item("l", "v", "1"));
        assertThat(r.get(1).dynamodb().newImage()).isEqualTo(item("l", "v", "2"));
    }
}
