package example.sdk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB stream handler for tests of event source mappings. It reads the raw event (no event
 * classes), behaves as the records' new images ask
 * through a string attribute {@code mode}, and records every invocation in the table named by
 * {@code PROBE_TABLE} (request id, start and end times in microseconds, the stream, the raw
 * event) before it returns or throws:
 *
 * <ul>
 *   <li>{@code throw}: the invocation fails (a function error);
 *   <li>{@code fail}: the record is reported in {@code batchItemFailures};
 *   <li>{@code bad-report}: the response reports an identifier that is no sequence number;
 *   <li>{@code flaky}: the invocation fails the first {@code failTimes} (a number) times this record
 *       is seen, counted in the table;
 *   <li>{@code reply}: the response is exactly the string attribute {@code reply}, with
 *       {@code $SEQ} replaced by the record's sequence number;
 *   <li>{@code no-state}: with a tumbling window, the response carries no state;
 *   <li>{@code sleep}: the invocation takes {@code sleepMs} milliseconds longer.
 * </ul>
 *
 * <p>With a tumbling window the response's state counts the window's records: {@code {"count":"N"}}.
 */
public class Probe implements RequestStreamHandler {
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String table = System.getenv("PROBE_TABLE");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = micros(Instant.now());
        byte[] raw = input.readAllBytes();
        JsonNode event = JsonNode.parser().parse(raw);
        List<JsonNode> records = event.field("Records").map(JsonNode::asArray).orElse(List.of());
        String stream = records.isEmpty()
                ? event.field("eventSourceARN").map(JsonNode::asString).orElse("")
                : records.get(0).field("eventSourceARN").map(JsonNode::asString).orElse("");
        try {
            output.write(respond(event, records).getBytes(StandardCharsets.UTF_8));
        } finally {
            long end = micros(Instant.now());
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "id", AttributeValue.fromS(context.getAwsRequestId()),
                            "stream", AttributeValue.fromS(stream),
                            "start", AttributeValue.fromN(Long.toString(start)),
                            "end", AttributeValue.fromN(Long.toString(end)),
                            "event", AttributeValue.fromS(new String(raw, StandardCharsets.UTF_8)))));
        }
    }

    private String respond(JsonNode event, List<JsonNode> records) {
        List<String> failures = new ArrayList<>();
        String reply = null;
        boolean noState = false;
        for (JsonNode r : records) {
            String seq = text(r, "dynamodb", "SequenceNumber");
            String mode = image(r, "mode");
            if (mode == null) {
                continue;
            }
            switch (mode) {
                case "throw" -> throw new IllegalStateException("poison record " + seq);
                case "fail" -> failures.add("{\"itemIdentifier\":\"" + seq + "\"}");
                case "bad-report" -> failures.add("{\"itemIdentifier\":\"not-" + seq + "\"}");
                case "flaky" -> flaky(seq, Integer.parseInt(image(r, "failTimes")));
                case "reply" -> reply = image(r, "reply").replace("$SEQ", seq);
                case "no-state" -> noState = true;
                case "sleep" -> sleep(Long.parseLong(image(r, "sleepMs")));
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
        if (reply != null) {
            return reply;
        }
        String report = "\"batchItemFailures\":[" + String.join(",", failures) + "]";
        Optional<JsonNode> window = event.field("window");
        if (window.isEmpty() || noState) {
            return "{" + report + "}";
        }
        long count = records.size()
                + event.field("state")
                        .flatMap(s -> s.field("count"))
                        .map(c -> Long.parseLong(c.asString()))
                        .orElse(0L);
        return "{\"state\":{\"count\":\"" + count + "\"}," + report + "}";
    }

    /** Fails while this record was seen at most {@code times} times. */
    private void flaky(String seq, int times) {
        Map<String, AttributeValue> after = dynamo.updateItem(b -> b.tableName(table)
                        .key(Map.of("id", AttributeValue.fromS("seen#" + seq)))
                        .updateExpression("ADD seen :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                        .returnValues("UPDATED_NEW"))
                .attributes();
        if (Integer.parseInt(after.get("seen").n()) <= times) {
            throw new IllegalStateException("flaky record " + seq);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String image(JsonNode record, String attribute) {
        return record.field("dynamodb")
                .flatMap(d -> d.field("NewImage"))
                .flatMap(i -> i.field(attribute))
                .flatMap(v -> v.field("S").or(() -> v.field("N")))
                .map(JsonNode::asString)
                .orElse(null);
    }

    private static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String p : path) {
            at = at.field(p).orElse(null);
            if (at == null) {
                return null;
            }
        }
        return at.asString();
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
