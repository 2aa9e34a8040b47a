package dev.eddy.testkit;

import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** CreateTable requests for the table shapes tests need most. */
public final class TestTables {

    private TestTables() {}

    /**
     * A PAY_PER_REQUEST table with a string partition key {@code id} and no sort key, as a builder
     * so a test can add what it needs (a stream, indexes) before building it.
     */
    @SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
    public static CreateTableRequest.Builder hashTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .billingMode("PAY_PER_REQUEST");
    }
}
