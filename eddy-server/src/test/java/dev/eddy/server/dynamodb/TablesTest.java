package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import dev.eddy.testkit.TestTables;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;

class TablesTest extends InMemoryServerTest {

    static CreateTableRequest.Builder hashTable(String name) {
        return TestTables.hashTable(name);
    }

    @Test
    void createDescribeAndDeleteTable() {
        String name = TestNames.unique("tables");
        long before = System.currentTimeMillis() / 1000;
        CreateTableResponse created = ddb.createTable(hashTable(name).build());
        TableDescription d = created.tableDescription();
        assertThat(d.tableName()).isEqualTo(name);
        assertThat(d.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(d.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + name);
        assertThat(d.keySchema())
                .containsExactly(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType(KeyType.HASH)
                        .build());
        assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(d.creationDateTime().getEpochSecond()).isBetween(before, before + 60);
        assertThat(d.tableId()).matches("[0-9a-f-]{36}");

        ddb.putItem(b -> b.tableName(name)
                .item(java.util.Map.of("id", AttributeValue.fromS("x"), "v", AttributeValue.fromS("hello"))));
        TableDescription described = ddb.describeTable(b -> b.tableName(name)).table();
        assertThat(described.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(described.itemCount()).isEqualTo(1);
        assertThat(described.tableSizeBytes()).isEqualTo(2 + 1 + 1 + 5);
        assertThat(ddb.describeTable(b -> b.tableName(d.tableArn())).table().tableName())
                .isEqualTo(name);

        TableDescription deleted = ddb.deleteTable(b -> b.tableName(name)).tableDescription();
        assertThat(deleted.tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThatThrownBy(() -> ddb.describeTable(b -> b.tableName(name)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found: Table: " + name + " not found");
    }

    @Test
    void recreatedTableStartsEmpty() {
        String name = TestNames.unique("recreate");
        ddb.createTable(hashTable(name).build());
        ddb.putItem(b -> b.tableName(name).item(java.util.Map.of("id", AttributeValue.fromS("x"))));
        ddb.deleteTable(b -> b.tableName(name));
        ddb.createTable(hashTable(name).build());
        assertThat(ddb.getItem(b -> b.tableName(name).key(java.util.Map.of("id", AttributeValue.fromS("x"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void createExistingTableIsResourceInUse() {
        String name = TestNames.unique("dup");
        ddb.createTable(hashTable(name).build());
        assertThatThrownBy(() -> ddb.createTable(hashTable(name).build()))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Table already exists: " + name);
    }

    @Test
    void createTableValidation() {
        assertValidation(
                () -> ddb.createTable(hashTable("ab").build()),
                "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3");
        assertValidation(
                () -> ddb.createTable(hashTable("bad name!").build()),
                "1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        String name = TestNames.unique("valid");
        assertValidation(
                () -> ddb.createTable(hashTable(name)
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("other")
                                .keyType(KeyType.HASH)
                                .build())
                        .build()),
                "One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: [other], AttributeDefinitions: [id]");
        assertValidation(
                () -> ddb.createTable(hashTable(name)
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType(KeyType.RANGE)
                                .build())
                        .build()),
                "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        assertValidation(
                () -> ddb.createTable(hashTable(name)
                        .attributeDefinitions(
                                AttributeDefinition.builder()
                                        .attributeName("id")
                                        .attributeType(ScalarAttributeType.S)
                                        .build(),
                                AttributeDefinition.builder()
                                        .attributeName("x")
                                        .attributeType(ScalarAttributeType.S)
                                        .build())
                        .build()),
                "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly "
                        + "match number of attributes defined in AttributeDefinitions");
        assertValidation(
                () -> ddb.createTable(
                        hashTable(name).billingMode(BillingMode.PROVISIONED).build()),
                "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be "
                        + "specified when BillingMode is PROVISIONED");
        assertValidation(
                () -> ddb.createTable(hashTable(name)
                        .provisionedThroughput(ProvisionedThroughput.builder()
                                .readCapacityUnits(1L)
                                .writeCapacityUnits(1L)
                                .build())
                        .build()),
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified when BillingMode is PAY_PER_REQUEST");
        assertValidation(
                () -> ddb.createTable(hashTable(name)
                        .localSecondaryIndexes(LocalSecondaryIndex.builder()
                                .indexName("lsi")
                                .keySchema(
                                        KeySchemaElement.builder()
                                                .attributeName("id")
                                                .keyType(KeyType.HASH)
                                                .build(),
                                        KeySchemaElement.builder()
                                                .attributeName("id2")
                                                .keyType(KeyType.RANGE)
                                                .build())
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.ALL)
                                        .build())
                                .build())
                        .build()),
                "One or more parameter values were invalid: Table KeySchema does not have a range key, which is "
                        + "required when specifying a LocalSecondaryIndex");
    }

    @Test
    void provisionedTableWithIndexesAndStream() {
        String name = TestNames.unique("full");
        TableDescription d = ddb.createTable(CreateTableRequest.builder()
                        .tableName(name)
                        .attributeDefinitions(
                                AttributeDefinition.builder()
                                        .attributeName("pk")
                                        .attributeType(ScalarAttributeType.S)
                                        .build(),
                                AttributeDefinition.builder()
                                        .attributeName("sk")
                                        .attributeType(ScalarAttributeType.N)
                                        .build(),
                                AttributeDefinition.builder()
                                        .attributeName("g")
                                        .attributeType(ScalarAttributeType.B)
                                        .build())
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName("pk")
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName("sk")
                                        .keyType(KeyType.RANGE)
                                        .build())
                        .provisionedThroughput(ProvisionedThroughput.builder()
                                .readCapacityUnits(5L)
                                .writeCapacityUnits(7L)
                                .build())
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                                .indexName("byG")
                                .keySchema(KeySchemaElement.builder()
                                        .attributeName("g")
                                        .keyType(KeyType.HASH)
                                        .build())
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes("a", "b")
                                        .build())
                                .provisionedThroughput(ProvisionedThroughput.builder()
                                        .readCapacityUnits(1L)
                                        .writeCapacityUnits(2L)
                                        .build())
                                .build())
                        .streamSpecification(
                                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                        .tags(Tag.builder().key("team").value("eddy").build())
                        .build())
                .tableDescription();
        assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
        assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(7);
        assertThat(d.billingModeSummary()).isNull();
        assertThat(d.globalSecondaryIndexes()).hasSize(1);
        assertThat(d.globalSecondaryIndexes().get(0).indexArn()).isEqualTo(d.tableArn() + "/index/byG");
        assertThat(d.globalSecondaryIndexes().get(0).projection().nonKeyAttributes())
                .containsExactly("a", "b");
        assertThat(d.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(d.tableArn())).tags())
                .containsExactly(Tag.builder().key("team").value("eddy").build());

        TableDescription updated = ddb.updateTable(b -> b.tableName(name)
                        .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(11L)))
                .tableDescription();
        assertThat(updated.provisionedThroughput().readCapacityUnits()).isEqualTo(10);
        assertValidation(
                () -> ddb.updateTable(b -> b.tableName(name)
                        .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(11L))),
                "The provisioned throughput for the table will not change. The requested value equals the current "
                        + "value. Current ReadCapacityUnits provisioned for the table: 10. Requested "
                        + "ReadCapacityUnits: 10. Current WriteCapacityUnits provisioned for the table: 11. Requested "
                        + "WriteCapacityUnits: 11. Refer to the Amazon DynamoDB Developer Guide for current limits "
                        + "and how to request higher limits.");
        TableDescription ppr = ddb.updateTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST))
                .tableDescription();
        assertThat(ppr.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void tagging() {
        String name = TestNames.unique("tags");
        String arn = ddb.createTable(hashTable(name).build()).tableDescription().tableArn();
        ddb.tagResource(b -> b.resourceArn(arn)
                .tags(
                        Tag.builder().key("a").value("1").build(),
                        Tag.builder().key("b").value("2").build()));
        ddb.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("b").value("2").build());
        String missing = "arn:aws:dynamodb:us-east-1:000000000000:table/nothere";
        assertThatThrownBy(() -> ddb.listTagsOfResource(b -> b.resourceArn(missing)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deletionProtection() {
        String name = TestNames.unique("protected");
        ddb.createTable(hashTable(name).deletionProtectionEnabled(true).build());
        assertValidation(
                () -> ddb.deleteTable(b -> b.tableName(name)),
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion "
                        + "protection first.");
        ddb.updateTable(b -> b.tableName(name).deletionProtectionEnabled(false));
        ddb.deleteTable(b -> b.tableName(name));
    }

    @Test
    void listTablesPaginates() {
        String prefix = TestNames.unique("list");
        for (int i = 0; i < 5; i++) {
            ddb.createTable(hashTable(prefix + "-" + i).build());
        }
        List<String> all =
                ddb.listTablesPaginator(b -> b.limit(2)).tableNames().stream().toList();
        assertThat(all)
                .filteredOn(n -> n.startsWith(prefix))
                .containsExactly(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4");
        assertThat(all).isSorted().doesNotHaveDuplicates();
        ListTablesResponse first = ddb.listTables(b -> b.limit(1));
        assertThat(first.tableNames()).hasSize(1);
        assertThat(first.lastEvaluatedTableName()).isEqualTo(first.tableNames().get(0));
        assertValidation(
                () -> ddb.listTables(b -> b.limit(101)),
                "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 100");
    }

    @Test
    void describeLimitsAndEndpoints() {
        assertThat(ddb.describeLimits().tableMaxReadCapacityUnits()).isEqualTo(40000);
        assertThat(ddb.describeEndpoints().endpoints()).hasSize(1);
    }

    static void assertValidation(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
