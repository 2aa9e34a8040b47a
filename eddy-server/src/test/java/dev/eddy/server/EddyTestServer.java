package dev.eddy.server;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Helpers for black-box tests: a real server on a random port and SDK clients pointed at it. */
public final class EddyTestServer {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private EddyTestServer() {
    }

    public static EddyServer startInMemory() {
        return EddyServer.start(ServerConfig.inMemoryOnRandomPort());
    }

    public static DynamoDbClient dynamo(EddyServer server) {
        return dynamo(server.endpoint());
    }

    public static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A PAY_PER_REQUEST table with a string partition key "id". */
    public static software.amazon.awssdk.services.dynamodb.model.CreateTableRequest.Builder hashTable(String name) {
        return software.amazon.awssdk.services.dynamodb.model.CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .billingMode("PAY_PER_REQUEST");
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }
}
