package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A handler that builds an AWS SDK v2 DynamoDbClient with no configuration writes to an Eddy table:
 * region, credentials and endpoint reach the SDK through the rewritten System.getenv.
 */
@SuppressWarnings("unchecked") // the SDK's builder methods take generic varargs of consumers
class SdkInsideHandlerTest extends InMemoryServerTest {

    @Test
    void aHandlerWritesToAnEddyTableWithTheAwsSdk() {
        try (EddyServer server = EddyTestServer.startInMemory();
                LambdaClient lambda = Lambdas.client(server);
                DynamoDbClient dynamo = EddyClients.dynamo(server.endpoint())) {
            String table = TestNames.unique("notes");
            dynamo.createTable(b -> b.tableName(table)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .billingMode("PAY_PER_REQUEST"));
            String fn = TestNames.unique("writer");
            Lambdas.deploy(
                    lambda,
                    fn,
                    "sdk-writer",
                    "example.sdk.PutItemHandler",
                    b -> b.timeout(30).memorySize(512));

            InvokeResponse r = lambda.invoke(b -> b.functionName(fn)
                    .payload(SdkBytes.fromUtf8String(
                            "{\"table\":\"" + table + "\",\"id\":\"n1\",\"note\":\"from a function\"}")));

            assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
            assertThat(r.payload().asUtf8String()).isEqualTo("\"written\"");
            Map<String, AttributeValue> item = dynamo.getItem(
                            b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("n1"))))
                    .item();
            assertThat(item)
                    .isEqualTo(
                            Map.of("pk", AttributeValue.fromS("n1"), "note", AttributeValue.fromS("from a function")));
        }
    }
}
