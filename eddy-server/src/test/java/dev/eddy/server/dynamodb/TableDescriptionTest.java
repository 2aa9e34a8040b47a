package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Table descriptions with the fields DynamoDB records, and only those. */
class TableDescriptionTest extends InMemoryServerTest {

    @Test
    void onDemandTableHasNoSwitchTimeUntilItSwitches() {
        String name = TestNames.unique("desc");
        TableDescription created =
                ddb.createTable(TablesTest.hashTable(name).build()).tableDescription();
        assertThat(created.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(created.billingModeSummary().lastUpdateToPayPerRequestDateTime())
                .isNull();
        assertThat(ddb.describeTable(b -> b.tableName(name))
                        .table()
                        .billingModeSummary()
                        .lastUpdateToPayPerRequestDateTime())
                .isNull();

        ddb.updateTable(b -> b.tableName(name)
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(6L)));
        TableDescription provisioned = ddb.describeTable(b -> b.tableName(name)).table();
        assertThat(provisioned.warmThroughput().readUnitsPerSecond()).isEqualTo(5L);
        assertThat(provisioned.warmThroughput().writeUnitsPerSecond()).isEqualTo(6L);
        TableDescription switched = ddb.updateTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST))
                .tableDescription();
        assertThat(switched.billingModeSummary().lastUpdateToPayPerRequestDateTime())
                .isNotNull();
        assertThat(switched.warmThroughput().readUnitsPerSecond()).isEqualTo(12_000L);
    }

    @Test
    @SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
    void tablesAndIndexesCarryWarmThroughput() {
        String name = TestNames.unique("warm");
        TableDescription created = ddb.createTable(TablesTest.hashTable(name)
                        .attributeDefinitions(
                                a -> a.attributeName("id").attributeType("S"),
                                a -> a.attributeName("g").attributeType("S"))
                        .globalSecondaryIndexes(i -> i.indexName("byG")
                                .keySchema(k -> k.attributeName("g").keyType("HASH"))
                                .projection(p -> p.projectionType("ALL")))
                        .build())
                .tableDescription();
        assertThat(created.warmThroughput().readUnitsPerSecond()).isEqualTo(12_000L);
        assertThat(created.warmThroughput().writeUnitsPerSecond()).isEqualTo(4_000L);
        assertThat(created.warmThroughput().statusAsString()).isEqualTo(created.tableStatusAsString());
        GlobalSecondaryIndexDescription index = created.globalSecondaryIndexes().getFirst();
        assertThat(index.warmThroughput().readUnitsPerSecond()).isEqualTo(12_000L);
        assertThat(index.warmThroughput().writeUnitsPerSecond()).isEqualTo(4_000L);
        assertThat(index.warmThroughput().statusAsString()).isEqualTo(index.indexStatusAsString());

        TableDescription deleted = ddb.deleteTable(b -> b.tableName(name)).tableDescription();
        assertThat(deleted.tableStatusAsString()).isEqualTo("DELETING");
        assertThat(deleted.creationDateTime()).isNull();
        assertThat(deleted.tableName()).isEqualTo(name);
    }

    @Test
    void deleteTableWithoutIndexesHasNoCreationTime() {
        String name = TestNames.unique("deldesc");
        ddb.createTable(TablesTest.hashTable(name).build());
        TableDescription deleted = ddb.deleteTable(b -> b.tableName(name)).tableDescription();
        assertThat(deleted.creationDateTime()).isNull();
        assertThat(deleted.tableArn()).endsWith(":table/" + name);
        assertThat(deleted.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void continuousBackupsStartDisabledAndRecordEnabling() {
        String name = TestNames.unique("pitr");
        ddb.createTable(TablesTest.hashTable(name).build());
        var described = ddb.describeContinuousBackups(b -> b.tableName(name)).continuousBackupsDescription();
        assertThat(described.continuousBackupsStatusAsString()).isEqualTo("ENABLED");
        assertThat(described.pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString())
                .isEqualTo("DISABLED");

        var enabled = ddb.updateContinuousBackups(b ->
                        b.tableName(name).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)))
                .continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
        assertThat(enabled.pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
        assertThat(enabled.recoveryPeriodInDays()).isEqualTo(35);
        assertThat(enabled.earliestRestorableDateTime()).isNotNull();
        var again = ddb.describeContinuousBackups(b -> b.tableName(name))
                .continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
        assertThat(again.pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
        assertThat(again.earliestRestorableDateTime()).isEqualTo(enabled.earliestRestorableDateTime());

        ddb.updateContinuousBackups(
                b -> b.tableName(name).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(false)));
        assertThat(ddb.describeContinuousBackups(b -> b.tableName(name))
                        .continuousBackupsDescription()
                        .pointInTimeRecoveryDescription()
                        .pointInTimeRecoveryStatusAsString())
                .isEqualTo("DISABLED");
        TablesTest.assertValidation(
                () -> ddb.updateContinuousBackups(b -> b.tableName(name)
                        .pointInTimeRecoverySpecification(
                                p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(36))),
                "1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' "
                        + "failed to satisfy constraint: Member must have value less than or equal to 35");
        assertThatThrownBy(() -> ddb.describeContinuousBackups(b -> b.tableName(name + "-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
