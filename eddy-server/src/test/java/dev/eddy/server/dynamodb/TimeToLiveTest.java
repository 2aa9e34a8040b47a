package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** UpdateTimeToLive, DescribeTimeToLive and the deletion of expired items by a running server. */
@SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
class TimeToLiveTest {
    static EddyServer server;
    static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        server = EddyServer.start(ServerConfig.inMemoryOnRandomPort().withTtlSweepInterval(Duration.ofMillis(100)));
        ddb = EddyClients.dynamo(server.endpoint());
    }

    @AfterAll
    static void stop() {
        ddb.close();
        server.close();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    TimeToLiveDescription describe(String t) {
        return ddb.describeTimeToLive(b -> b.tableName(t)).timeToLiveDescription();
    }

    @Test
    void statesAndErrors() {
        String t = TestNames.unique("ttl");
        ddb.createTable(TablesTest.hashTable(t).build());
        assertThat(describe(t))
                .isEqualTo(TimeToLiveDescription.builder()
                        .timeToLiveStatus(TimeToLiveStatus.DISABLED)
                        .build());
        assertValidation(
                () -> ddb.updateTimeToLive(b -> b.tableName(t)
                        .timeToLiveSpecification(s -> s.enabled(false).attributeName("exp"))),
                "TimeToLive is already disabled");
        var spec = ddb.updateTimeToLive(b -> b.tableName(t)
                        .timeToLiveSpecification(s -> s.enabled(true).attributeName("exp")))
                .timeToLiveSpecification();
        assertThat(spec.enabled()).isTrue();
        assertThat(spec.attributeName()).isEqualTo("exp");
        assertThat(describe(t).timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(describe(t).attributeName()).isEqualTo("exp");
        assertValidation(
                () -> ddb.updateTimeToLive(b -> b.tableName(t)
                        .timeToLiveSpecification(s -> s.enabled(true).attributeName("other"))),
                "TimeToLive is already enabled");
        assertValidation(
                () -> ddb.updateTimeToLive(b -> b.tableName(t).timeToLiveSpecification(s -> s.enabled(true))),
                "1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to "
                        + "satisfy constraint: Member must not be null");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ddb.describeTimeToLive(b -> b.tableName("nope-" + t)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void expiredItemsAreDeletedFromTheTableAndItsIndexes() {
        String t = TestNames.unique("expiring");
        ddb.createTable(TablesTest.hashTable(t)
                .attributeDefinitions(
                        software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
                                .attributeName("g")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(g -> g.indexName("byG")
                        .keySchema(k -> k.attributeName("g")
                                .keyType(software.amazon.awssdk.services.dynamodb.model.KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))
                .build());
        long now = System.currentTimeMillis() / 1000;
        put(t, "old-before-enable", Map.of("exp", n(now - 60)));
        ddb.updateTimeToLive(
                b -> b.tableName(t).timeToLiveSpecification(s -> s.enabled(true).attributeName("exp")));
        put(t, "expired", Map.of("exp", n(now - 10), "g", s("x")));
        put(t, "future", Map.of("exp", n(now + 3600), "g", s("x")));
        put(t, "ancient", Map.of("exp", n(now - 6L * 365 * 24 * 3600)));
        put(t, "string", Map.of("exp", s(Long.toString(now - 10))));
        put(t, "nested", Map.of("m", AttributeValue.fromM(Map.of("exp", n(now - 10)))));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> ddb.scan(b -> b.tableName(t)).count() == 4);
        assertThat(ddb.scan(b -> b.tableName(t)).items())
                .extracting(i -> i.get("id").s())
                .containsExactlyInAnyOrder("future", "ancient", "string", "nested");
        assertThat(ddb.scan(b -> b.tableName(t).indexName("byG")).items())
                .extracting(i -> i.get("id").s())
                .containsExactly("future");
    }

    static void put(String t, String id, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(more);
        item.put("id", s(id));
        ddb.putItem(b -> b.tableName(t).item(item));
    }
}
