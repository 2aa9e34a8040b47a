package dev.eddy.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/**
 * The few DynamoDB and Lambda calls the demo makes, as plain HTTP with the bodies the AWS SDKs
 * send (the server checks that a SigV4 header names a credential, not the signature).
 */
final class DemoClient {
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=demo/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host, Signature=0";
    private static final Duration ACTIVE_WAIT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    DemoClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** CreateTable with a NEW_AND_OLD_IMAGES stream; the stream's ARN. */
    String createTable(String name) throws IOException, InterruptedException {
        ObjectNode req = json.createObjectNode().put("TableName", name).put("BillingMode", "PAY_PER_REQUEST");
        req.putArray("AttributeDefinitions")
                .addObject()
                .put("AttributeName", "id")
                .put("AttributeType", "S");
        req.putArray("KeySchema").addObject().put("AttributeName", "id").put("KeyType", "HASH");
        req.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", "NEW_AND_OLD_IMAGES");
        return dynamo("CreateTable", req)
                .at("/TableDescription/LatestStreamArn")
                .asText();
    }

    void put(String table, String id, String status, int amount) throws IOException, InterruptedException {
        ObjectNode req = json.createObjectNode().put("TableName", table);
        ObjectNode item = req.putObject("Item");
        item.putObject("id").put("S", id);
        item.putObject("status").put("S", status);
        item.putObject("amount").put("N", Integer.toString(amount));
        dynamo("PutItem", req);
    }

    void delete(String table, String id) throws IOException, InterruptedException {
        ObjectNode req = json.createObjectNode().put("TableName", table);
        req.putObject("Key").putObject("id").put("S", id);
        dynamo("DeleteItem", req);
    }

    /** CreateFunction (java21) from a JAR, waiting until it is Active. */
    void createFunction(String name, byte[] jar, String handler) throws IOException, InterruptedException {
        ObjectNode req = json.createObjectNode()
                .put("FunctionName", name)
                .put("Runtime", "java21")
                .put("Role", "arn:aws:iam::000000000000:role/demo")
                .put("Handler", handler);
        req.putObject("Code").put("ZipFile", Base64.getEncoder().encodeToString(jar));
        lambda("POST", "/2015-03-31/functions", req);
        long deadline = System.nanoTime() + ACTIVE_WAIT.toNanos();
        // a client-side waiter, as the AWS CLI's "function-active-v2"
        while (!"Active"
                .equals(lambda("GET", "/2015-03-31/functions/" + name + "/configuration", null)
                        .path("State")
                        .asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("function " + name + " is not Active after " + ACTIVE_WAIT);
            }
            Thread.sleep(Duration.ofMillis(50));
        }
    }

    /** CreateEventSourceMapping from the oldest record, one record per batch at most 10; the UUID. */
    String createMapping(String streamArn, String function) throws IOException, InterruptedException {
        ObjectNode req = json.createObjectNode()
                .put("EventSourceArn", streamArn)
                .put("FunctionName", function)
                .put("StartingPosition", "TRIM_HORIZON")
                .put("BatchSize", 10);
        return lambda("POST", "/2015-03-31/event-source-mappings", req)
                .path("UUID")
                .asText();
    }

    private JsonNode dynamo(String operation, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return send(operation, r);
    }

    private JsonNode lambda(String method, String path, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", AUTH)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return send(method + " " + path, r);
    }

    private JsonNode send(String what, HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + res.statusCode() + ": " + res.body());
        }
        return res.body().isEmpty() ? json.createObjectNode() : json.readTree(res.body());
    }
}
