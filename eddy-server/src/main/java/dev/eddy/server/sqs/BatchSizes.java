package dev.eddy.server.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The 1 MiB limit on a SendMessageBatch (aws-semantics 9.4): the sizes of its messages as AWS counts
 * them (body plus attribute names, types and values), summed over the entries, before any entry is
 * sent. Stateless.
 */
final class BatchSizes {
    static final long MAX_BATCH_BYTES = 1_048_576;

    private BatchSizes() {}

    /** @throws EddyException BatchRequestTooLong when the entries' messages add up to more than 1 MiB */
    static void check(List<ObjectNode> entries) {
        long total = 0;
        for (ObjectNode e : entries) {
            total += utf8(e.path("MessageBody"));
            JsonNode attributes = e.path("MessageAttributes");
            for (Map.Entry<String, JsonNode> a : attributes.properties()) {
                JsonNode value = a.getValue();
                total += a.getKey().getBytes(StandardCharsets.UTF_8).length
                        + utf8(value.path("DataType"))
                        + utf8(value.path("StringValue"))
                        + binary(value.path("BinaryValue"));
            }
        }
        if (total > MAX_BATCH_BYTES) {
            throw new EddyException(
                    ErrorCode.SQS_BATCH_REQUEST_TOO_LONG,
                    "Batch requests cannot be longer than " + MAX_BATCH_BYTES + " bytes. You have sent " + total
                            + " bytes.");
        }
    }

    private static long utf8(JsonNode n) {
        return n.isTextual() ? n.textValue().getBytes(StandardCharsets.UTF_8).length : 0;
    }

    private static long binary(JsonNode n) {
        if (!n.isTextual()) {
            return 0;
        }
        try {
            return Base64.getDecoder().decode(n.textValue()).length;
        } catch (IllegalArgumentException e) {
            return 0; // the entry itself reports a value that is not base64
        }
    }
}
