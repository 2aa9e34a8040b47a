package example.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a DynamoDB stream event from its raw JSON, as Lambda delivers it, with the JSON parser the
 * AWS SDK carries: the records, and their images and keys as SDK attribute values (from the type
 * descriptors {@code {"S": ...}}, {@code {"N": ...}}, ...).
 */
final class StreamJson {
    private StreamJson() {}

    /** One record of the event: what the handlers of this module need of it. */
    record Change(
            String eventId,
            String eventName,
            String sequenceNumber,
            Map<String, AttributeValue> keys,
            Map<String, AttributeValue> newImage) {}

    /** The records of the event read from {@code in}, in the order delivered. */
    static List<Change> records(InputStream in) throws IOException {
        JsonNode event = JsonNode.parser().parse(in);
        List<Change> out = new ArrayList<>();
        for (JsonNode r : event.field("Records").map(JsonNode::asArray).orElse(List.of())) {
            JsonNode d = r.field("dynamodb").orElseThrow();
            out.add(new Change(
                    r.field("eventID").orElseThrow().asString(),
                    r.field("eventName").orElseThrow().asString(),
                    d.field("SequenceNumber").orElseThrow().asString(),
                    item(d.field("Keys").orElseThrow()),
                    d.field("NewImage").map(StreamJson::item).orElse(null)));
        }
        return out;
    }

    /** An item (or key) from its JSON object of attribute names to type descriptors. */
    static Map<String, AttributeValue> item(JsonNode node) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        node.asObject().forEach((name, value) -> out.put(name, value(value)));
        return out;
    }

    /** One attribute value from its type descriptor object. */
    static AttributeValue value(JsonNode node) {
        Map.Entry<String, JsonNode> e = node.asObject().entrySet().iterator().next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(v.asString());
            case "N" -> AttributeValue.fromN(v.asString());
            case "B" -> AttributeValue.fromB(bytes(v));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" ->
                AttributeValue.fromSs(
                        v.asArray().stream().map(JsonNode::asString).toList());
            case "NS" ->
                AttributeValue.fromNs(
                        v.asArray().stream().map(JsonNode::asString).toList());
            case "BS" ->
                AttributeValue.fromBs(
                        v.asArray().stream().map(StreamJson::bytes).toList());
            case "L" ->
                AttributeValue.fromL(v.asArray().stream().map(StreamJson::value).toList());
            case "M" -> AttributeValue.fromM(item(v));
            default -> throw new IllegalArgumentException("unknown type descriptor " + e.getKey());
        };
    }

    private static SdkBytes bytes(JsonNode base64) {
        return SdkBytes.fromByteArray(Base64.getDecoder().decode(base64.asString()));
    }
}
