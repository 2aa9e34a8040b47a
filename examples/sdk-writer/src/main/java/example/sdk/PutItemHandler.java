package example.sdk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes {pk: id, note: note} into the table named in the input with an AWS SDK v2 client built
 * with no configuration at all: region, credentials and endpoint come from the environment, as in
 * a real Lambda function.
 */
public class PutItemHandler implements RequestHandler<Map<String, String>, String> {
    private final DynamoDbClient dynamo = DynamoDbClient.create();

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        dynamo.putItem(b -> b.tableName(input.get("table"))
                .item(Map.of(
                        "pk", AttributeValue.fromS(input.get("id")),
                        "note", AttributeValue.fromS(input.get("note")))));
        return "written";
    }
}
