package dev.eddy.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS SDK for Java v2 clients pointed at an Eddy endpoint, configured as a user would configure
 * them against a local endpoint: region us-east-1, static test credentials, the JDK's URL
 * connection as transport (no Netty or Apache client threads to leak between test classes).
 *
 * <p>Each call builds a new client; the caller closes it. Clients are thread-safe, as the SDK's are.
 */
public final class EddyClients {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private EddyClients() {}

    /** A DynamoDB client with the SDK's default retries. */
    public static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A DynamoDB Streams client with the SDK's default retries. */
    public static DynamoDbStreamsClient streams(URI endpoint) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * A Lambda client that does not retry, so throttles and errors reach the test as the server
     * returned them, and that waits up to 70 seconds for a response (90 for a whole call), longer
     * than the functions tests deploy run before their own timeout ends them.
     */
    public static LambdaClient lambda(URI endpoint) {
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(70))
                        .build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1))
                        .apiCallTimeout(Duration.ofSeconds(90)))
                .build();
    }

    /**
     * An SQS client with the SDK's default retries and its default MD5 checks of sent and received
     * messages, and a socket timeout above the longest long poll (20 seconds).
     */
    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(40))
                        .build())
                .build();
    }
}
